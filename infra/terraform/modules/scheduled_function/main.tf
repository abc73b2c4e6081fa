# One function as SAM builds an AWS::Serverless::Function of infra/sam/template.yaml: its own role
# with one inline policy (the template's statements) and the managed policies SAM attaches, its own
# log group in Lambda's JSON format, X-Ray tracing, SnapStart on published versions and the alias
# "live" on the version published by this apply (every event source invokes the alias).
# Its events are EventBridge Scheduler schedules (SAM: ScheduleV2 events) that invoke the alias
# asynchronously; the asynchronous invocation retries and dead-letters like SAM's EventInvokeConfig.

data "aws_partition" "current" {}

locals {
  function_name = "${var.stack_name}-${var.name}"
  in_vpc        = length(compact(var.subnet_ids)) > 0
}

resource "aws_iam_role" "this" {
  name_prefix = "${substr(local.function_name, 0, 32)}-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "this" {
  name = "${var.name}-policy"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      for s in var.policy_statements : merge(
        { Sid = s.sid, Effect = "Allow", Action = s.actions, Resource = s.resources },
        { for k, v in { Condition = s.condition } : k => v if v != null },
      ) if s.enabled
    ]
  })
}

resource "aws_iam_role_policy_attachment" "managed" {
  for_each   = toset(var.managed_policies)
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
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
    variables = merge(var.common_environment, var.environment)
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [aws_iam_role_policy.this, aws_iam_role_policy_attachment.managed]
}

resource "aws_lambda_alias" "live" {
  name             = var.alias_name
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# ------------------------------------------------------------------ schedules (SAM: ScheduleV2 events)

# SAM gives each ScheduleV2 event a role that may invoke the function (and send to its dead-letter queue).
resource "aws_iam_role" "scheduler" {
  name_prefix = "${substr(local.function_name, 0, 28)}-sch-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "${var.name}-scheduler"
  role = aws_iam_role.scheduler.id
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
    role_arn = aws_iam_role.scheduler.arn
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
