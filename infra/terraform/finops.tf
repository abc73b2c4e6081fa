# ------------------------------------------------------------------ FinOps scan (issue #14)
# The template's FinOps block: the scheduled finops-scan function, its dead-letter queue, alarms, EKS
# access and parameters. Names follow main.tf's rule (FinOpsScanFunction -> module.fin_ops_scan).

variable "fin_ops_scan_schedule" {
  description = "When the FinOps scan runs (EventBridge Scheduler expression, UTC); it also runs on demand."
  type        = string
  default     = "rate(1 day)"
}

variable "fin_ops_pricing" {
  description = "The pricing table as JSON (docs/finops.md); empty = the bundled AWS us-east-1 on-demand defaults and their date."
  type        = string
  default     = ""
}

variable "fin_ops_pricing_refresh" {
  description = "aws: refresh the pricing table's instance types and EBS volume types from the AWS Price List API once a day at the scan; none: the table as given."
  type        = string
  default     = "none"
  validation {
    condition     = contains(["none", "aws"], var.fin_ops_pricing_refresh)
    error_message = "fin_ops_pricing_refresh is one of none, aws."
  }
}

variable "fin_ops_orphan_days" {
  description = "Days a bound claim must have been unused before it is an orphan."
  type        = number
  default     = 7
}

variable "fin_ops_zombie_days" {
  description = "Days a pod must have idled to be a zombie (also the usage window of the scan)."
  type        = number
  default     = 7
}

variable "fin_ops_zombie_cpu_percent" {
  description = "Idle means every hourly CPU rate below this percent of the pod's CPU request (of one core without one)."
  type        = string
  default     = "1"
}

variable "fin_ops_safety_buffer" {
  description = "wasted = requested - actual x this factor, never below zero (1 to 10)."
  type        = string
  default     = "1.2"
}

variable "prometheus_auth" {
  description = "How the FinOps scan authenticates to prometheus_url: none, bearer or sigv4 (Amazon Managed Service for Prometheus)."
  type        = string
  default     = "none"
  validation {
    condition     = contains(["none", "bearer", "sigv4"], var.prometheus_auth)
    error_message = "prometheus_auth is one of none, bearer, sigv4."
  }
}

variable "prometheus_bearer_token_secret_arn" {
  description = "Secrets Manager secret holding the Prometheus bearer token (prometheus_auth = bearer)."
  type        = string
  default     = ""
}

variable "prometheus_workspace_arn" {
  description = "The Amazon Managed Service for Prometheus workspace queried with SigV4 (prometheus_auth = sigv4)."
  type        = string
  default     = ""
}

locals {
  # the template's Conditions of this block
  prometheus_uses_bearer  = var.prometheus_auth == "bearer"
  prometheus_uses_sig_v4  = var.prometheus_auth == "sigv4"
  fin_ops_prices_from_aws = var.fin_ops_pricing_refresh == "aws"
}

module "fin_ops_scan" {
  source             = "./modules/lambda_function"
  name               = "finops-scan"
  stack_name         = var.stack_name
  description        = "FinOps scan (orphaned PVCs, zombie pods, over-provisioned nodes), priced, savings as approval requests"
  zip_file           = "${local.functions_dir}/finops-scan/target/function.zip"
  handler            = "io.awoooi.finops.FinOpsScanHandler::handleRequest"
  timeout            = 300
  log_retention_days = var.log_retention_days
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  managed_policies   = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole"]
  common_environment = local.common_environment
  environment = {
    PROMETHEUS_URL                     = var.prometheus_url
    PROMETHEUS_AUTH                    = var.prometheus_auth
    PROMETHEUS_BEARER_TOKEN_SECRET_ARN = var.prometheus_bearer_token_secret_arn
    FINOPS_PRICING                     = var.fin_ops_pricing
    FINOPS_PRICING_REFRESH             = var.fin_ops_pricing_refresh
    FINOPS_ORPHAN_DAYS                 = tostring(var.fin_ops_orphan_days)
    FINOPS_ZOMBIE_DAYS                 = tostring(var.fin_ops_zombie_days)
    FINOPS_ZOMBIE_CPU_PERCENT          = var.fin_ops_zombie_cpu_percent
    FINOPS_SAFETY_BUFFER               = var.fin_ops_safety_buffer
    TRUST_TABLE                        = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL               = aws_sqs_queue.executions_queue.url
    APPROVAL_LINK_KEY_SECRET_ARN       = aws_secretsmanager_secret.approval_link_key_secret.arn
    APPROVAL_TTL_MINUTES               = tostring(var.approval_ttl_minutes)
    PUBLIC_BASE_URL                    = local.has_public_base_url ? var.public_base_url : local.api_url
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment, local.executor_identity_environment]
  shared_policies     = ["approval_ledger_policy", "trust_read_policy", "approver_notifications_policy", "cluster_credentials_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The FinOps scan failed (it is retried, then dead-lettered)"
    throttles = "The FinOps scan was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    # the asynchronous invocation's on-failure destination (Lambda sends it with this role)
    { sid = "FailedScans", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.fin_ops_scan_dlq.arn] },
    { sid = "PrometheusToken", enabled = local.prometheus_uses_bearer, actions = ["secretsmanager:GetSecretValue"], resources = [var.prometheus_bearer_token_secret_arn] },
    { sid = "PrometheusQueries", enabled = local.prometheus_uses_sig_v4, actions = ["aps:QueryMetrics"], resources = [var.prometheus_workspace_arn] },
    # the Price List API has no resource-level permissions: "*" is the only resource it takes
    { sid = "PriceList", enabled = local.fin_ops_prices_from_aws, actions = ["pricing:GetProducts"], resources = ["*"] },
  ]
  schedules = [var.fin_ops_scan_schedule]
  # the scheduled time is the report's id: the same on every retry of one firing
  schedule_input        = "{\"source\":\"awoooi.finops.schedule\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}"
  dead_letter_queue_arn = aws_sqs_queue.fin_ops_scan_dlq.arn
}

# Scans that could not be invoked or failed every attempt. SQS-managed encryption: Scheduler and
# Lambda's destinations send to it without a customer-managed key grant.
resource "aws_sqs_queue" "fin_ops_scan_dlq" {
  name_prefix               = "${var.stack_name}-finops-scan-dlq-"
  max_message_size          = 1048576
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# eks mode: reads like the analysis (view policy, awoooi:analysis) plus awoooi:finops
# (infra/kubernetes/awoooi-finops-rbac.yaml: storage and volume snapshot classes).
resource "aws_eks_access_entry" "fin_ops_scan_access_entry" {
  count             = local.uses_eks ? 1 : 0
  cluster_name      = var.eks_cluster_name
  principal_arn     = module.fin_ops_scan.role_arn
  type              = "STANDARD"
  kubernetes_groups = ["awoooi:analysis", "awoooi:finops"]
}

resource "aws_eks_access_policy_association" "fin_ops_scan_view" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = aws_eks_access_entry.fin_ops_scan_access_entry[0].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}
