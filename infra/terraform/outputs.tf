# The template's Outputs, named snake_case(OutputName).

output "api_url" {
  description = "Base URL of the AWOOOI HTTP API (and of the approval links, unless public_base_url is set)"
  value       = local.api_url
}

output "alertmanager_webhook_url" {
  description = "Put this in Alertmanager's webhook_configs url (with the intake token as bearer credentials)"
  value       = "${local.api_url}/v1/alerts"
}

output "intake_token_secret_arn" {
  description = "Secrets Manager secret holding the intake bearer token"
  value       = aws_secretsmanager_secret.intake_token_secret.arn
}

output "operator_token_secret_arn" {
  description = "Secrets Manager secret holding the operators' bearer token of the incident API"
  value       = aws_secretsmanager_secret.operator_token_secret.arn
}

output "approval_link_key_secret_arn" {
  description = "Secrets Manager secret holding the approval links' signing key (rotation in docs/operations.md)"
  value       = aws_secretsmanager_secret.approval_link_key_secret.arn
}

output "analysis_role_arn" {
  description = "IAM role of the analysis function (its EKS access entry maps it to the group awoooi:analysis)"
  value       = module.analysis.role_arn
}

output "executor_role_arn" {
  description = "IAM role of the executor function (its EKS access entry maps it to the user awoooi-executor)"
  value       = module.executor.role_arn
}

output "raw_alerts_dead_letter_queue_url" {
  description = "Raw alerts that failed 5 times land here; redrive after a fix"
  value       = aws_sqs_queue.raw_alerts_dlq.url
}

output "raw_alerts_dead_letter_queue_arn" {
  description = "Source ARN of aws sqs start-message-move-task for the raw alerts"
  value       = aws_sqs_queue.raw_alerts_dlq.arn
}

output "incidents_dead_letter_queue_url" {
  description = "Incident events the analysis failed 5 times land here"
  value       = aws_sqs_queue.incidents_dlq.url
}

output "incidents_dead_letter_queue_arn" {
  description = "Source ARN of aws sqs start-message-move-task for the incident events"
  value       = aws_sqs_queue.incidents_dlq.arn
}

output "executions_dead_letter_queue_url" {
  description = "Approved actions the executor failed 5 times land here"
  value       = aws_sqs_queue.executions_dlq.url
}

output "executions_dead_letter_queue_arn" {
  description = "Source ARN of aws sqs start-message-move-task for the approved actions"
  value       = aws_sqs_queue.executions_dlq.arn
}

output "verification_dead_letter_queue_url" {
  description = "Effectiveness checks the executor failed 5 times land here"
  value       = aws_sqs_queue.verification_dlq.url
}

output "verification_dead_letter_queue_arn" {
  description = "Source ARN of aws sqs start-message-move-task for the effectiveness checks"
  value       = aws_sqs_queue.verification_dlq.arn
}
