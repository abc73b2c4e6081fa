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

variable "environment" {
  description = "This function's own environment variables (merged over common_environment)."
  type        = map(string)
  default     = {}
}

variable "policy_statements" {
  description = <<-EOT
    The statements of the function's inline policy, one for one with the SAM resource's Policies.
    enabled = false leaves one out (SAM: a statement under !If [Condition, ..., !Ref AWS::NoValue]).
  EOT
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
    condition = optional(map(map(string)))
    enabled   = optional(bool, true)
  }))
}

variable "managed_policies" {
  description = <<-EOT
    AWS managed policies attached to the role: those SAM attaches by itself (AWSLambdaBasicExecutionRole
    always, AWSXRayDaemonWriteAccess for Tracing: Active, AWSLambdaVPCAccessExecutionRole with a
    VpcConfig, AWSLambdaSQSQueueExecutionRole for an SQS event), as names under arn:<partition>:iam::aws:policy/.
  EOT
  type    = list(string)
  default = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaSQSQueueExecutionRole"]
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

variable "event_sources" {
  description = "SQS queues the live alias consumes (SAM: SQS events)."
  type = list(object({
    queue_arn                  = string
    batch_size                 = number
    report_batch_item_failures = optional(bool, true)
    maximum_concurrency        = optional(number)
  }))
}
