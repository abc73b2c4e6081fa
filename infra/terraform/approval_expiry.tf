# ------------------------------------------------------------------ approvals: approvers in the console, expiry sweep (issue 16)
# The template's block of the same name: the approvers' console tokens (read by the approval function,
# functions.tf) and the scheduled approval-expiry function (the approval function's zip with its sweep
# handler), its dead-letter queue and alarms. Names follow main.tf's rule (ApprovalExpiryFunction ->
# module.approval_expiry).

variable "approval_expiry_sweep_schedule" {
  description = "How often pending approval requests past their expiry are expired and announced (EventBridge Scheduler expression)."
  type        = string
  default     = "rate(1 minute)"
}

# {"approver-id": "token", ...}; starts empty: nobody but the operator signs in until an administrator
# writes the approvers' tokens (docs/operations.md). ignore_changes keeps Terraform from writing {} back.
resource "aws_secretsmanager_secret" "approver_console_tokens_secret" {
  name_prefix = "${var.stack_name}-approver-console-tokens-"
  description = "The approvers' own web console tokens (JSON, approver id to token)"
}

resource "aws_secretsmanager_secret_version" "approver_console_tokens_secret" {
  secret_id     = aws_secretsmanager_secret.approver_console_tokens_secret.id
  secret_string = "{}"

  lifecycle {
    ignore_changes = [secret_string]
  }
}

output "approver_console_tokens_secret_arn" {
  description = "The approvers' own web console tokens (JSON of approver id to token; empty until you write them)"
  value       = aws_secretsmanager_secret.approver_console_tokens_secret.arn
}

module "approval_expiry" {
  source             = "./modules/lambda_function"
  name               = "approval-expiry"
  stack_name         = var.stack_name
  description        = "Approval expiry sweep - PENDING requests past their expiry become EXPIRED, people are told once"
  zip_file           = "${local.functions_dir}/approval/target/function.zip"
  timeout            = 60
  log_retention_days = var.log_retention_days
  common_environment = local.common_environment
  environment = {
    QUARKUS_LAMBDA_HANDLER        = "approval-expiry"
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment]
  shared_policies     = ["approval_ledger_policy", "approver_notifications_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The approval expiry sweep failed (it is retried, then dead-lettered)"
    throttles = "The approval expiry sweep was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    { sid = "PendingIndex", actions = ["dynamodb:Query"], resources = ["${aws_dynamodb_table.state_table.arn}/index/PendingExpiry"] },
    { sid = "FailedSweeps", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.approval_expiry_dlq.arn] },
  ]
  schedules                      = [var.approval_expiry_sweep_schedule]
  schedule_input                 = "{\"source\":\"awoooi.approval.expiry\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"attempt\":\"<aws.scheduler.attempt-number>\"}"
  schedule_max_event_age_seconds = 600
  async_max_event_age_seconds    = 600
  dead_letter_queue_arn          = aws_sqs_queue.approval_expiry_dlq.arn
}

# Sweeps that could not be invoked or failed every attempt (the next sweep takes what they left).
resource "aws_sqs_queue" "approval_expiry_dlq" {
  name_prefix               = "${var.stack_name}-approval-expiry-dlq-"
  max_message_size          = 1048576
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}
