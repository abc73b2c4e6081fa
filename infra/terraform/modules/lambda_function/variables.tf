# The Globals.Function of infra/sam/template.yaml are this module's defaults: a function sets only
# what its SAM resource sets (TerraformParityTest compares them).

variable "name" {
  description = "The function's short name (intake, approval, ...): <stack_name>-<name>, log group /aws/lambda/<stack_name>/<name>."
  type        = string
}

variable "stack_name" {
  description = "Prefix of every name (SAM: the stack name)."
  type        = string
}

variable "description" {
  type    = string
  default = ""
}

variable "zip_file" {
  description = "Path of the function's Quarkus function.zip (functions/<name>/target/function.zip)."
  type        = string
}

variable "handler" {
  type    = string
  default = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
}

variable "runtime" {
  type    = string
  default = "java21"
}

variable "architectures" {
  type    = list(string)
  default = ["x86_64"]
}

variable "memory_size" {
  type    = number
  default = 1024
}

variable "timeout" {
  type    = number
  default = 15
}

variable "common_environment" {
  description = "The variables every function has (SAM: Globals.Function.Environment)."
  type        = map(string)
  default     = {}
}

variable "shared_environments" {
  description = "The environment blocks the function shares with others (SAM: the Metadata.AwoooiShared blocks merged into its variables), merged in order over common_environment."
  type        = list(map(string))
  default     = []
}

variable "environment" {
  description = "This function's own environment variables (merged last)."
  type        = map(string)
  default     = {}
}

variable "policy_statements" {
  description = <<-EOT
    The statements of the function's inline policy, one for one with the SAM resource's Policies.
    enabled = false leaves one out (SAM: a statement under !If [Condition, ..., !Ref AWS::NoValue]).
    effect "Deny" with not_resources instead of resources: the SQS consumers' denial of every other
    queue's messages (AWSLambdaSQSQueueExecutionRole allows them on every queue).
  EOT
  type = list(object({
    sid           = string
    effect        = optional(string, "Allow")
    actions       = list(string)
    resources     = optional(list(string))
    not_resources = optional(list(string))
    condition     = optional(map(map(string)))
    enabled       = optional(bool, true)
  }))
  validation {
    condition     = alltrue([for s in var.policy_statements : (s.resources == null) != (s.not_resources == null) && contains(["Allow", "Deny"], s.effect)])
    error_message = "Each statement has either resources or not_resources, and effect Allow or Deny."
  }
}

variable "shared_policies" {
  description = "The stack's shared policies (shared_policies.tf) the role attaches, by name: the template's managed policies the function attaches by !Ref."
  type        = list(string)
  default     = []
}

variable "shared_policy_arns" {
  description = "Name -> ARN of the shared policies that exist under the stack's variables (local.shared_policy_arns); a named one that does not exist is not attached."
  type        = map(string)
  default     = {}
}

variable "managed_policies" {
  description = <<-EOT
    AWS managed policies attached to the role: those SAM attaches by itself (AWSLambdaBasicExecutionRole
    always, AWSXRayDaemonWriteAccess for Tracing: Active, AWSLambdaVPCAccessExecutionRole with a
    VpcConfig, AWSLambdaSQSQueueExecutionRole for an SQS event), as names under arn:<partition>:iam::aws:policy/.
  EOT
  type    = list(string)
  default = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess"]
}

variable "subnet_ids" {
  description = "Private subnets (SAM: VpcConfig); empty = no VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "alias_name" {
  description = "The alias every event source invokes (SAM: AutoPublishAlias)."
  type        = string
  default     = "live"
}

# ------------------------------------------------------------------ alarms

variable "alarm_descriptions" {
  description = "What the Errors and Throttles alarms say (SAM: the AlarmDescription of <Function>ErrorsAlarm, <Function>ThrottlesAlarm)."
  type = object({
    errors    = string
    throttles = string
  })
}

variable "alarm_actions" {
  description = "What every alarm notifies, and again when it is OK (SAM: AlarmTopicArn when given)."
  type        = list(string)
  default     = []
}

# ------------------------------------------------------------------ HTTP API routes (SAM: HttpApi events)

variable "api_id" {
  description = "The HTTP API the routes belong to (with routes)."
  type        = string
  default     = null
}

variable "api_execution_arn" {
  type    = string
  default = null
}

variable "routes" {
  description = "Route keys (\"POST /v1/alerts\") integrated with the live alias (SAM: HttpApi events)."
  type        = list(string)
  default     = []
}

# ------------------------------------------------------------------ SQS event sources (SAM: SQS events)

variable "event_sources" {
  description = "SQS queues the live alias consumes (SAM: SQS events)."
  type = list(object({
    queue_arn                  = string
    batch_size                 = number
    report_batch_item_failures = optional(bool, true)
    maximum_concurrency        = optional(number)
  }))
  default = []
}

# ------------------------------------------------------------------ schedules (SAM: ScheduleV2 events)

variable "schedules" {
  description = "Schedule expressions (UTC), one EventBridge Scheduler schedule each (SAM: ScheduleV2 events)."
  type        = list(string)
  default     = []
}

variable "schedule_input" {
  description = "The JSON the schedules send (SAM: Input); context attributes such as <aws.scheduler.scheduled-time> are filled in by Scheduler."
  type        = string
  default     = null
}

variable "schedule_retry_attempts" {
  description = "Scheduler's retries of an invocation it could not make (SAM: RetryPolicy.MaximumRetryAttempts)."
  type        = number
  default     = 3
}

variable "schedule_max_event_age_seconds" {
  description = "SAM: RetryPolicy.MaximumEventAgeInSeconds."
  type        = number
  default     = 3600
}

variable "async_retry_attempts" {
  description = "Lambda's retries of a failed asynchronous invocation (SAM: EventInvokeConfig.MaximumRetryAttempts)."
  type        = number
  default     = 2
}

variable "async_max_event_age_seconds" {
  description = "SAM: EventInvokeConfig.MaximumEventAgeInSeconds."
  type        = number
  default     = 3600
}

variable "dead_letter_queue_arn" {
  description = "Where events that could not be invoked or failed every attempt go (SAM: DeadLetterConfig and the OnFailure destination)."
  type        = string
  default     = null
}
