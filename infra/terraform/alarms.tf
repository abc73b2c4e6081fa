# ------------------------------------------------------------------ alarms
# Every alarm notifies alarm_topic_arn when given (and again when it is OK). docs/operations.md says
# what each one means and what to do. Keys: the template's logical ids in snake_case.

locals {
  alarm_actions = local.has_alarm_topic ? [var.alarm_topic_arn] : []

  dlq_alarms = {
    raw_alerts_dlq_alarm   = { queue = aws_sqs_queue.raw_alerts_dlq.name, description = "Raw alerts the redaction could not process are in the dead-letter queue (redrive after a fix)" }
    incidents_dlq_alarm    = { queue = aws_sqs_queue.incidents_dlq.name, description = "Incident events the analysis could not process are in the dead-letter queue" }
    executions_dlq_alarm   = { queue = aws_sqs_queue.executions_dlq.name, description = "Approved actions the executor could not carry out are in the dead-letter queue" }
    verification_dlq_alarm = { queue = aws_sqs_queue.verification_dlq.name, description = "Effectiveness checks the executor could not run are in the dead-letter queue" }
  }

  function_alarms = {
    intake_errors_alarm       = { function = module.intake.function_name, metric = "Errors", description = "The intake function failed (Alertmanager retries, but alerts may be late)" }
    intake_throttles_alarm    = { function = module.intake.function_name, metric = "Throttles", description = "The intake function was throttled (account or reserved concurrency)" }
    approval_errors_alarm     = { function = module.approval.function_name, metric = "Errors", description = "The approval function failed (approval pages, decisions or the incident API)" }
    approval_throttles_alarm  = { function = module.approval.function_name, metric = "Throttles", description = "The approval function was throttled" }
    redaction_errors_alarm    = { function = module.redaction.function_name, metric = "Errors", description = "The redaction function failed (raw alerts are retried, then dead-lettered)" }
    redaction_throttles_alarm = { function = module.redaction.function_name, metric = "Throttles", description = "The redaction function was throttled" }
    analysis_errors_alarm     = { function = module.analysis.function_name, metric = "Errors", description = "The analysis function failed (incident events are retried, then dead-lettered)" }
    analysis_throttles_alarm  = { function = module.analysis.function_name, metric = "Throttles", description = "The analysis function was throttled" }
    executor_errors_alarm     = { function = module.executor.function_name, metric = "Errors", description = "The executor function failed (orders are retried, then dead-lettered)" }
    executor_throttles_alarm  = { function = module.executor.function_name, metric = "Throttles", description = "The executor function was throttled" }
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

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = local.function_alarms
  alarm_name          = "${var.stack_name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = each.value.function }
  statistic           = "Sum"
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
