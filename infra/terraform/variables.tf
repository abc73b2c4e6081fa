# The parameters of infra/sam/template.yaml, one variable each, named by the rule
# snake_case(ParameterName) and with the same default (a CommaDelimitedList is a list(string),
# default []). TerraformParityTest compares names and defaults. DeployHash has no variable: Terraform
# publishes a new version whenever the code or the configuration of a function changes.

variable "region" {
  description = "AWS Region of the stack."
  type        = string
}

variable "stack_name" {
  description = "Prefix of every name (SAM: the stack name), e.g. the log groups /aws/lambda/<stack_name>/<function>."
  type        = string
  default     = "awoooi"
}

variable "functions_dir" {
  description = "The repository's functions/ directory: <functions_dir>/<name>/target/function.zip is deployed."
  type        = string
  default     = "../../functions"
}

variable "log_level" {
  description = "Log level of every function."
  type        = string
  default     = "INFO"
  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level is one of DEBUG, INFO, WARN, ERROR."
  }
}

variable "log_retention_days" {
  description = "How long the functions' logs and the API access log are kept."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days is a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "intake_timeout_seconds" {
  description = "Intake function timeout, under the HTTP API's 30 s integration limit (a real 503 rather than a gateway timeout)."
  type        = number
  default     = 10
  validation {
    condition     = var.intake_timeout_seconds >= 3 && var.intake_timeout_seconds <= 29
    error_message = "intake_timeout_seconds is 3..29."
  }
}

variable "api_throttling_rate_limit" {
  description = "Requests per second the HTTP API accepts on each route (steady state); above it, 429."
  type        = number
  default     = 50
}

variable "api_throttling_burst_limit" {
  description = "Requests the HTTP API accepts at once on each route (burst)."
  type        = number
  default     = 100
}

variable "alarm_topic_arn" {
  description = "SNS topic every alarm (and its recovery) notifies; empty = alarms without actions."
  type        = string
  default     = ""
}

variable "label_kubernetes_names" {
  description = "'true' pseudonymizes Kubernetes object names too ([POD_1]); by default they are kept."
  type        = string
  default     = "false"
  validation {
    condition     = contains(["true", "false"], var.label_kubernetes_names)
    error_message = "label_kubernetes_names is 'true' or 'false'."
  }
}

variable "llm_provider" {
  description = "Who writes the incident narrative; 'none' uses the deterministic narrative only."
  type        = string
  default     = "none"
  validation {
    condition     = contains(["none", "ollama", "bedrock"], var.llm_provider)
    error_message = "llm_provider is none, ollama or bedrock."
  }
}

variable "ollama_base_url" {
  description = "Ollama endpoint (reach it over a private endpoint), e.g. http://ollama.internal:11434"
  type        = string
  default     = ""
}

variable "bedrock_model_id" {
  description = "Bedrock model id or inference profile id for the Converse API, when llm_provider is bedrock."
  type        = string
  default     = "anthropic.claude-3-haiku-20240307-v1:0"
}

variable "prometheus_url" {
  description = "Prometheus base URL for service-graph edges; empty = none."
  type        = string
  default     = ""
}

variable "public_base_url" {
  description = "Base URL of approval links (a custom domain mapped to the HTTP API); empty = the API's execute-api URL."
  type        = string
  default     = ""
}

variable "approval_ttl_minutes" {
  description = "How long an approval request (and its links) stays open."
  type        = number
  default     = 30
  validation {
    condition     = var.approval_ttl_minutes >= 5 && var.approval_ttl_minutes <= 1440
    error_message = "approval_ttl_minutes is 5..1440."
  }
}

variable "approvers_parameter_name" {
  description = "Name of the SSM parameter (String, Advanced tier) holding the approvers directory, created before the first apply (docs/deploy.md)."
  type        = string
  default     = "/awoooi/approvers"
  validation {
    condition     = can(regex("^/[A-Za-z0-9_.\\-/]+$", var.approvers_parameter_name))
    error_message = "approvers_parameter_name is an SSM parameter path such as /awoooi/approvers."
  }
}

variable "slack_webhook_secret_arn" {
  description = "Secret (named awoooi/notify/...) holding the Slack incoming-webhook URL; empty = no Slack."
  type        = string
  default     = ""
}

variable "slack_bot_token_secret_arn" {
  description = "Secret (named awoooi/notify/...) holding a Slack bot token (xoxb-, scope chat:write); set, it replaces the incoming webhook and news about a request edits its Slack messages in place."
  type        = string
  default     = ""
}

variable "slack_channel" {
  description = "With a bot token, the Slack channel id to post into (mentioning the approver); empty = each approver's direct messages."
  type        = string
  default     = ""
}

variable "discord_webhook_secret_arn" {
  description = "Secret (named awoooi/notify/...) holding the Discord webhook URL; empty = no Discord."
  type        = string
  default     = ""
}

variable "telegram_bot_token_secret_arn" {
  description = "Secret (named awoooi/notify/...) holding the Telegram bot token; empty = no Telegram."
  type        = string
  default     = ""
}

variable "ses_from_address" {
  description = "Verified SES sender of approval mails; empty = no email."
  type        = string
  default     = ""
}

variable "notify_webhook_url" {
  description = "A generic JSON webhook that receives every notification; empty = none."
  type        = string
  default     = ""
}

variable "verification_delay_seconds" {
  description = "How long after an action its effectiveness is checked (an SQS delay; at most 15 minutes)."
  type        = number
  default     = 180
  validation {
    condition     = var.verification_delay_seconds >= 0 && var.verification_delay_seconds <= 900
    error_message = "verification_delay_seconds is 0..900."
  }
}

variable "cluster_auth" {
  description = "How the analysis and the executor reach Kubernetes: eks (IAM roles mapped by the access entries; needs eks_cluster_name, eks_endpoint, eks_ca_data) or secret (cluster_secret_arn)."
  type        = string
  default     = "eks"
  validation {
    condition     = contains(["eks", "secret"], var.cluster_auth)
    error_message = "cluster_auth is eks or secret."
  }
}

variable "eks_cluster_name" {
  description = "The EKS cluster's name (eks mode; the access entries are created in it)."
  type        = string
  default     = ""
}

variable "eks_endpoint" {
  description = "The EKS API server URL (eks mode): aws eks describe-cluster --query cluster.endpoint."
  type        = string
  default     = ""
}

variable "eks_ca_data" {
  description = "The cluster's base64 CA bundle (eks mode): aws eks describe-cluster --query cluster.certificateAuthority.data."
  type        = string
  default     = ""
}

variable "cluster_secret_arn" {
  description = "The secret holding the cluster credentials (secret mode)."
  type        = string
  default     = ""
}

variable "executor_kubernetes_user" {
  description = "secret mode: the Kubernetes user the executor acts as, for the approval dry-run's SubjectAccessReview; empty = the analysis's own identity."
  type        = string
  default     = ""
}

variable "executor_kubernetes_groups" {
  description = "The executor user's Kubernetes groups, comma-separated (secret mode)."
  type        = string
  default     = ""
}

variable "topology_namespaces" {
  description = "Comma-separated namespaces the topology is read from; empty = all namespaces."
  type        = string
  default     = ""
}

variable "analysis_subnet_ids" {
  description = "Private subnets for the analysis; empty = no VPC (docs/deploy.md: NAT or VPC endpoints)."
  type        = list(string)
  default     = []
}

variable "analysis_security_group_ids" {
  description = "Security groups of the analysis in those subnets (required with analysis_subnet_ids)."
  type        = list(string)
  default     = []
}

variable "executor_subnet_ids" {
  description = "Private subnets for the executor (a private EKS endpoint); empty = no VPC."
  type        = list(string)
  default     = []
}

variable "executor_security_group_ids" {
  description = "Security groups of the executor in those subnets (required with executor_subnet_ids)."
  type        = list(string)
  default     = []
}

variable "vpc_endpoints_vpc_id" {
  description = "A VPC to create the AWS endpoints in (DynamoDB gateway; SQS, KMS, Secrets Manager, SSM and, with Bedrock, bedrock-runtime); empty = none."
  type        = string
  default     = ""
}

variable "vpc_endpoint_subnet_ids" {
  description = "Subnets of the interface endpoints (one per availability zone)."
  type        = list(string)
  default     = []
}

variable "vpc_endpoint_security_group_ids" {
  description = "Security groups of the interface endpoints; they must allow TCP 443 from the functions' groups."
  type        = list(string)
  default     = []
}

variable "vpc_endpoint_route_table_ids" {
  description = "Route tables of the functions' subnets, for the DynamoDB gateway endpoint."
  type        = list(string)
  default     = []
}
