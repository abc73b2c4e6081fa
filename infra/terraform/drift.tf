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
  source             = "./modules/scheduled_function"
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
    AWOOOI_LLM                    = var.llm_provider
    AWOOOI_LLM_TIMEOUT_MS         = "20000"
    OLLAMA_BASE_URL               = var.ollama_base_url
    BEDROCK_MODEL_ID              = var.bedrock_model_id
    CLUSTER_AUTH                  = var.cluster_auth
    EKS_CLUSTER_NAME              = var.eks_cluster_name
    KUBERNETES_MASTER             = var.eks_endpoint
    KUBERNETES_CA_DATA            = var.eks_ca_data
    CLUSTER_SECRET_ARN            = var.cluster_secret_arn
    # it issues the signed Accept and Rollback links of its message (ADR 0023)
    APPROVAL_LINK_KEY_SECRET_ARN  = aws_secretsmanager_secret.approval_link_key_secret.arn
    PUBLIC_BASE_URL               = local.has_public_base_url ? var.public_base_url : local.api_url
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL          = aws_sqs_queue.executions_queue.url
    APPROVERS_PARAMETER           = var.approvers_parameter_name
    SLACK_WEBHOOK_SECRET_ARN      = var.slack_webhook_secret_arn
    SLACK_BOT_TOKEN_SECRET_ARN    = var.slack_bot_token_secret_arn
    SLACK_CHANNEL                 = var.slack_channel
    DISCORD_WEBHOOK_SECRET_ARN    = var.discord_webhook_secret_arn
    TELEGRAM_BOT_TOKEN_SECRET_ARN = var.telegram_bot_token_secret_arn
    SES_FROM_ADDRESS              = var.ses_from_address
    NOTIFY_WEBHOOK_URL            = var.notify_webhook_url
  }
  policy_statements = [
    # reports and the LATEST pointer, baselines, notification claims (conditional), the operation log,
    # AI traces, leak audit
    { sid = "DriftState", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    { sid = "NotificationSecrets", actions = ["secretsmanager:GetSecretValue"], resources = [local.notification_secrets_arn] },
    { sid = "Approvers", actions = ["ssm:GetParameter"], resources = [local.approvers_parameter_arn] },
    { sid = "Notifications", actions = ["ses:SendEmail"], resources = ["*"], condition = { StringEquals = { "ses:FromAddress" = var.ses_from_address } } },
    # the asynchronous invocation's on-failure destination (Lambda sends it with this role)
    { sid = "FailedScans", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.drift_scan_dlq.arn] },
    { sid = "ClusterCredentials", enabled = local.uses_cluster_secret, actions = ["secretsmanager:GetSecretValue"], resources = [var.cluster_secret_arn] },
    { sid = "BedrockModelOrProfile", enabled = local.uses_bedrock, actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.bedrock_model_id}", local.bedrock_profile_arn] },
    { sid = "BedrockModelsBehindTheProfile", enabled = local.uses_bedrock, actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:*::foundation-model/*"], condition = { StringEquals = { "bedrock:InferenceProfileArn" = local.bedrock_profile_arn } } },
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

resource "aws_cloudwatch_metric_alarm" "drift_scan_dlq_alarm" {
  alarm_name          = "${var.stack_name}-drift_scan_dlq_alarm"
  alarm_description   = "A drift scan failed every attempt (its event is in the drift scan DLQ)"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.drift_scan_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "drift_scan_errors_alarm" {
  alarm_name          = "${var.stack_name}-drift_scan_errors_alarm"
  alarm_description   = "The drift scan failed (it is retried, then dead-lettered)"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = module.drift_scan.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "drift_scan_throttles_alarm" {
  alarm_name          = "${var.stack_name}-drift_scan_throttles_alarm"
  alarm_description   = "The drift scan was throttled"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = module.drift_scan.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
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
