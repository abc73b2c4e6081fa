# ------------------------------------------------------------------ drift scan (issue #15)
# The template's drift-scan block: the scheduled drift-scan function, its dead-letter queue, alarms,
# EKS access and parameters. Names follow main.tf's rule (DriftScanFunction -> module.drift_scan).

variable "drift_scan_schedule" {
  description = "When the drift scan runs (EventBridge Scheduler expression, UTC); it also runs on demand."
  type        = string
  default     = "rate(1 hour)"
}

variable "drift_reminder_hours" {
  description = "The same unchanged drift is notified again after this many hours (never on every run)."
  type        = number
  default     = 24
  validation {
    condition     = var.drift_reminder_hours >= 1 && var.drift_reminder_hours <= 2160
    error_message = "drift_reminder_hours is from 1 to 2160."
  }
}

variable "drift_git_ops_managers" {
  description = "Field managers that count as declarative besides kubectl-client-side-apply, Helm, Argo CD and Flux (comma separated)."
  type        = string
  default     = ""
}

variable "drift_namespaces" {
  description = "Namespaces the drift scan reads (comma separated); empty = all but kube-*."
  type        = string
  default     = ""
}

module "drift_scan" {
  source             = "./modules/lambda_function"
  name               = "drift-scan"
  stack_name         = var.stack_name
  description        = "Drift scan (desired state vs live workloads), narrated on redacted data, operators notified"
  zip_file           = "${local.functions_dir}/drift-scan/target/function.zip"
  handler            = "io.awoooi.drift.DriftScanHandler::handleRequest"
  timeout            = 300
  log_retention_days = var.log_retention_days
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  managed_policies   = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole"]
  common_environment = local.common_environment
  environment = {
    DRIFT_NAMESPACES              = var.drift_namespaces
    DRIFT_GITOPS_MANAGERS         = var.drift_git_ops_managers
    DRIFT_REMINDER_HOURS          = tostring(var.drift_reminder_hours)
    LABEL_KUBERNETES_NAMES        = var.label_kubernetes_names
    # it issues the signed Accept and Rollback links of its message (ADR 0023)
    APPROVAL_LINK_KEY_SECRET_ARN  = aws_secretsmanager_secret.approval_link_key_secret.arn
    PUBLIC_BASE_URL               = local.has_public_base_url ? var.public_base_url : local.api_url
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL          = aws_sqs_queue.executions_queue.url
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment, local.model_environment]
  shared_policies     = ["approver_notifications_policy", "cluster_credentials_policy", "model_invocation_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The drift scan failed (it is retried, then dead-lettered)"
    throttles = "The drift scan was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # reports and the LATEST pointer, baselines, notification claims (conditional), the operation log,
    # AI traces, leak audit
    { sid = "DriftState", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    # the asynchronous invocation's on-failure destination (Lambda sends it with this role)
    { sid = "FailedScans", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.drift_scan_dlq.arn] },
  ]
  schedules             = [var.drift_scan_schedule]
  schedule_input        = "{\"source\":\"awoooi.drift.schedule\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}"
  dead_letter_queue_arn = aws_sqs_queue.drift_scan_dlq.arn
}

# Scans that could not be invoked or failed every attempt. SQS-managed encryption: Scheduler and
# Lambda's destinations send to it without a customer-managed key grant.
resource "aws_sqs_queue" "drift_scan_dlq" {
  name_prefix               = "${var.stack_name}-drift-scan-dlq-"
  max_message_size          = 1048576
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# eks mode: reads like the analysis (EKS's view policy: workloads, their managedFields, HPAs).
resource "aws_eks_access_entry" "drift_scan_access_entry" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = module.drift_scan.role_arn
  type          = "STANDARD"
}

resource "aws_eks_access_policy_association" "drift_scan_view" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = aws_eks_access_entry.drift_scan_access_entry[0].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}

# Drift decisions (issue #15): the approval function reads the workload an Accept stores and dry-runs
# a Rollback as the analysis does: the same group, the view policy (read-only).
resource "aws_eks_access_entry" "approval_access_entry" {
  count             = local.uses_eks ? 1 : 0
  cluster_name      = var.eks_cluster_name
  principal_arn     = module.approval.role_arn
  type              = "STANDARD"
  kubernetes_groups = ["awoooi:analysis"]
}

resource "aws_eks_access_policy_association" "approval_view" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = aws_eks_access_entry.approval_access_entry[0].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}
