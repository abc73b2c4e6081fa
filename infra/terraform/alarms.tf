# ------------------------------------------------------------------ alarms
# Every alarm notifies alarm_topic_arn when given (and again when it is OK). docs/operations.md says
# what each one means and what to do. Keys: the template's logical ids in snake_case. A function's
# Errors and Throttles alarms are its module's (modules/lambda_function): every function has them.

locals {
  alarm_actions = local.has_alarm_topic ? [var.alarm_topic_arn] : []

  dlq_alarms = {
    raw_alerts_dlq_alarm   = { queue = aws_sqs_queue.raw_alerts_dlq.name, description = "Raw alerts the redaction could not process are in the dead-letter queue (redrive after a fix)" }
    incidents_dlq_alarm    = { queue = aws_sqs_queue.incidents_dlq.name, description = "Incident events the analysis could not process are in the dead-letter queue" }
    executions_dlq_alarm   = { queue = aws_sqs_queue.executions_dlq.name, description = "Approved actions the executor could not carry out are in the dead-letter queue" }
    verification_dlq_alarm = { queue = aws_sqs_queue.verification_dlq.name, description = "Effectiveness checks the executor could not run are in the dead-letter queue" }
    # the scheduled functions' dead-letter queues (finops.tf, drift.tf, approval_expiry.tf)
    fin_ops_scan_dlq_alarm    = { queue = aws_sqs_queue.fin_ops_scan_dlq.name, description = "A FinOps scan failed every attempt (its event is in the FinOps scan DLQ)" }
    drift_scan_dlq_alarm      = { queue = aws_sqs_queue.drift_scan_dlq.name, description = "A drift scan failed every attempt (its event is in the drift scan DLQ)" }
    approval_expiry_dlq_alarm = { queue = aws_sqs_queue.approval_expiry_dlq.name, description = "An approval expiry sweep failed every attempt (its event is in the approval expiry DLQ)" }
  }
}

resource "aws_cloudwatch_metric_alarm" "dlq" {
  for_each            = local.dlq_alarms
  alarm_name          = "${var.stack_name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value.queue }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "api5xx_alarm" {
  alarm_name          = "${var.stack_name}-api5xx_alarm"
  alarm_description   = "The HTTP API answered 5xx (a function failed or timed out behind it)"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  dimensions          = { ApiId = aws_apigatewayv2_api.api.id }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
