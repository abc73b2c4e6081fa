# ------------------------------------------------------------------ API
# The routes and their Lambda integrations are in the function modules (modules/lambda_function, routes).

resource "aws_apigatewayv2_api" "api" {
  name             = "${var.stack_name}-api"
  description      = "AWOOOI public API (Alertmanager intake, incident read API, approval links)"
  protocol_type    = "HTTP"
  fail_on_warnings = true
}

resource "aws_apigatewayv2_stage" "api" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access_log_group.arn
    # $context.path has no query string: the approval links' tokens (?t=) never reach the log.
    # No source IP or user agent either (personal data the API does not need to keep).
    format = jsonencode({
      requestId         = "$context.requestId"
      time              = "$context.requestTime"
      routeKey          = "$context.routeKey"
      path              = "$context.path"
      status            = "$context.status"
      responseLength    = "$context.responseLength"
      latencyMs         = "$context.responseLatency"
      integrationStatus = "$context.integrationStatus"
      integrationError  = "$context.integrationErrorMessage"
    })
  }
}

resource "aws_cloudwatch_log_group" "api_access_log_group" {
  name              = "/aws/apigateway/${var.stack_name}/access"
  retention_in_days = var.log_retention_days
}
