# ------------------------------------------------------------------ moved (issue #13)
# The functions' modules became one (modules/lambda_function) and each function's Errors and
# Throttles alarms moved into it; the scans' dead-letter alarms joined alarms.tf's for_each. These
# blocks let an existing state follow without destroying anything (the FinOps scan's alarms are
# renamed finops_scan_*: a new alarm name replaces the alarm).

moved {
  from = aws_cloudwatch_metric_alarm.function["intake_errors_alarm"]
  to   = module.intake.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["intake_throttles_alarm"]
  to   = module.intake.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["approval_errors_alarm"]
  to   = module.approval.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["approval_throttles_alarm"]
  to   = module.approval.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["redaction_errors_alarm"]
  to   = module.redaction.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["redaction_throttles_alarm"]
  to   = module.redaction.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["analysis_errors_alarm"]
  to   = module.analysis.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["analysis_throttles_alarm"]
  to   = module.analysis.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["executor_errors_alarm"]
  to   = module.executor.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.function["executor_throttles_alarm"]
  to   = module.executor.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.mcp_errors_alarm
  to   = module.mcp.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.mcp_throttles_alarm
  to   = module.mcp.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.fin_ops_scan_errors_alarm
  to   = module.fin_ops_scan.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.fin_ops_scan_throttles_alarm
  to   = module.fin_ops_scan.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.drift_scan_errors_alarm
  to   = module.drift_scan.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.drift_scan_throttles_alarm
  to   = module.drift_scan.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.approval_expiry_errors_alarm
  to   = module.approval_expiry.aws_cloudwatch_metric_alarm.function["errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.approval_expiry_throttles_alarm
  to   = module.approval_expiry.aws_cloudwatch_metric_alarm.function["throttles"]
}

moved {
  from = aws_cloudwatch_metric_alarm.fin_ops_scan_dlq_alarm
  to   = aws_cloudwatch_metric_alarm.dlq["fin_ops_scan_dlq_alarm"]
}

moved {
  from = aws_cloudwatch_metric_alarm.drift_scan_dlq_alarm
  to   = aws_cloudwatch_metric_alarm.dlq["drift_scan_dlq_alarm"]
}

moved {
  from = aws_cloudwatch_metric_alarm.approval_expiry_dlq_alarm
  to   = aws_cloudwatch_metric_alarm.dlq["approval_expiry_dlq_alarm"]
}
