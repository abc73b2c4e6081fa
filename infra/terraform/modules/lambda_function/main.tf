# One function as SAM builds an AWS::Serverless::Function of infra/sam/template.yaml, whatever invokes
# it: its own role with one inline policy (the function's own statements), the AWS managed policies
# SAM attaches and the stack's shared policies it names (shared_policies.tf), its own log group in
# Lambda's JSON format, X-Ray tracing, SnapStart on published versions, the alias "live" on the
# version published by this apply, and its Errors and Throttles alarms. What invokes the alias is
# given, not chosen by the module's kind: routes (SAM HttpApi events), event_sources (SQS events),
# schedules (ScheduleV2 events); a function has the ones it sets (ADR one-source-per-infrastructure-concern).

data "aws_partition" "current" {}

locals {
  function_name = "${var.stack_name}-${var.name}"
  in_vpc        = length(compact(var.subnet_ids)) > 0
  scheduled     = length(var.schedules) > 0
  # the shared policies this function names that exist under the stack's parameters (a conditional
  # one, such as the cluster credentials, exists only under its condition)
  shared_policies = { for name in var.shared_policies : name => var.shared_policy_arns[name] if contains(keys(var.shared_policy_arns), name) }
}

# ------------------------------------------------------------------ role, logs, function, alias

# who may assume the function's role (Lambda) and the schedules' role (EventBridge Scheduler)
locals {
  assume_role_policies = {
    for service in ["lambda", "scheduler"] : service => jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Principal = { Service = "${service}.amazonaws.com" }, Action = "sts:AssumeRole" }]
    })
  }
}

resource "aws_iam_role" "this" {
  name_prefix        = "${substr(local.function_name, 0, 32)}-"
  assume_role_policy = local.assume_role_policies["lambda"]
}

resource "aws_iam_role_policy" "this" {
  name = "${var.name}-policy"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      for s in var.policy_statements : merge(
        { Sid = s.sid, Effect = s.effect, Action = s.actions },
        { for k, v in { Resource = s.resources, NotResource = s.not_resources, Condition = s.condition } : k => v if v != null },
      ) if s.enabled
    ]
  })
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = toset(var.managed_policies)
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_iam_role_policy_attachment" "shared" {
  for_each   = local.shared_policies
  role       = aws_iam_role.this.name
  policy_arn = each.value
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.stack_name}/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "this" {
  function_name    = local.function_name
  description      = var.description
  role             = aws_iam_role.this.arn
  filename         = var.zip_file
  source_code_hash = filebase64sha256(var.zip_file)
  handler          = var.handler
  runtime          = var.runtime
  architectures    = var.architectures
  memory_size      = var.memory_size
  timeout          = var.timeout
  # Every change of code or configuration publishes a new version (SAM: AutoPublishAlias with
  # AutoPublishCodeSha256 = DeployHash, ADR 0012); SnapStart snapshots published versions.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  environment {
    variables = merge(concat([var.common_environment], var.shared_environments, [var.environment])...)
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.managed, aws_iam_role_policy_attachment.shared]
}

resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# ------------------------------------------------------------------ alarms: failed, throttled

locals {
  alarms = {
    errors    = { metric = "Errors", description = var.alarm_descriptions.errors }
    throttles = { metric = "Throttles", description = var.alarm_descriptions.throttles }
  }
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = local.alarms
  alarm_name          = "${var.stack_name}-${replace(var.name, "-", "_")}_${each.key}_alarm"
  alarm_description   = each.value.description
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
}

# ------------------------------------------------------------------ HTTP API routes (SAM: HttpApi events)

resource "aws_apigatewayv2_integration" "this" {
  count                  = length(var.routes) > 0 ? 1 : 0
  api_id                 = var.api_id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live.arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "this" {
  for_each  = toset(var.routes)
  api_id    = var.api_id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.this[0].id}"
}

resource "aws_lambda_permission" "api" {
  for_each      = toset(var.routes)
  statement_id  = "Api${replace(replace(replace(replace(each.value, " ", ""), "/", "-"), "{", ""), "}", "")}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  # the route's method and path, a path parameter as *: <api>/*/GET/v1/incidents/*
  source_arn = "${var.api_execution_arn}/*/${split(" ", each.value)[0]}${replace(split(" ", each.value)[1], "/\\{[^}]*\\}/", "*")}"
}

# ------------------------------------------------------------------ SQS event sources (SAM: SQS events)

resource "aws_lambda_event_source_mapping" "this" {
  count                   = length(var.event_sources)
  event_source_arn        = var.event_sources[count.index].queue_arn
  function_name           = aws_lambda_alias.live.arn
  batch_size              = var.event_sources[count.index].batch_size
  function_response_types = var.event_sources[count.index].report_batch_item_failures ? ["ReportBatchItemFailures"] : []

  dynamic "scaling_config" {
    for_each = var.event_sources[count.index].maximum_concurrency == null ? [] : [1]
    content {
      maximum_concurrency = var.event_sources[count.index].maximum_concurrency
    }
  }
}

# ------------------------------------------------------------------ schedules (SAM: ScheduleV2 events)
# EventBridge Scheduler schedules invoke the alias asynchronously; the asynchronous invocation retries
# and dead-letters like SAM's EventInvokeConfig.

# SAM gives each ScheduleV2 event a role that may invoke the function (and send to its dead-letter queue).
resource "aws_iam_role" "scheduler" {
  count              = local.scheduled ? 1 : 0
  name_prefix        = "${substr(local.function_name, 0, 28)}-sch-"
  assume_role_policy = local.assume_role_policies["scheduler"]
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.scheduled ? 1 : 0
  name  = "${var.name}-scheduler"
  role  = aws_iam_role.scheduler[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{ Effect = "Allow", Action = ["lambda:InvokeFunction"], Resource = [aws_lambda_alias.live.arn] }],
      var.dead_letter_queue_arn == null ? [] : [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = [var.dead_letter_queue_arn] }],
    )
  })
}

resource "aws_scheduler_schedule" "this" {
  count                        = length(var.schedules)
  name_prefix                  = "${substr(local.function_name, 0, 40)}-"
  description                  = var.description
  schedule_expression          = var.schedules[count.index]
  schedule_expression_timezone = "UTC"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live.arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = var.schedule_input

    retry_policy {
      maximum_retry_attempts       = var.schedule_retry_attempts
      maximum_event_age_in_seconds = var.schedule_max_event_age_seconds
    }

    dynamic "dead_letter_config" {
      for_each = var.dead_letter_queue_arn == null ? [] : [1]
      content {
        arn = var.dead_letter_queue_arn
      }
    }
  }
}

# SAM: EventInvokeConfig (the function's own failures: retried, then sent to the dead-letter queue)
resource "aws_lambda_function_event_invoke_config" "this" {
  count                        = local.scheduled ? 1 : 0
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.live.name
  maximum_retry_attempts       = var.async_retry_attempts
  maximum_event_age_in_seconds = var.async_max_event_age_seconds

  dynamic "destination_config" {
    for_each = var.dead_letter_queue_arn == null ? [] : [1]
    content {
      on_failure {
        destination = var.dead_letter_queue_arn
      }
    }
  }
}

# ------------------------------------------------------------------ from the three modules of one kind each
# (http_function, queue_function, scheduled_function) to this one: the resources a kind created once
# are counted here; the rest kept their addresses.

moved {
  from = aws_apigatewayv2_integration.this
  to   = aws_apigatewayv2_integration.this[0]
}

moved {
  from = aws_iam_role.scheduler
  to   = aws_iam_role.scheduler[0]
}

moved {
  from = aws_iam_role_policy.scheduler
  to   = aws_iam_role_policy.scheduler[0]
}

moved {
  from = aws_lambda_function_event_invoke_config.this
  to   = aws_lambda_function_event_invoke_config.this[0]
}
