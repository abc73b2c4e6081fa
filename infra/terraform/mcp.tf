# ------------------------------------------------------------------ MCP bridge (issue #17)
# Outside agents speak the Model Context Protocol to POST /mcp: they read pseudonymized incidents and
# propose catalog actions, which become approval requests people sign (docs/mcp.md). It issues the
# links of those requests (the link key, as the analysis) but never dispatches: no executions queue,
# no vault, no KMS. Its dry-run reads the cluster as the analysis does (same subnets, same group).
# Behind the API it names no API: without public_base_url its links point at the request's host.

variable "mcp_agent_id" {
  description = "The agent a bare token in the agent token secret belongs to; for several agents make the secret a JSON object {\"agent-id\": \"token\", ...}."
  type        = string
  default     = "oncall-agent"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{0,63}$", var.mcp_agent_id))
    error_message = "mcp_agent_id is 1-64 of a-z 0-9 . _ - starting with a letter or a digit."
  }
}

module "mcp" {
  source             = "./modules/lambda_function"
  name               = "mcp"
  stack_name         = var.stack_name
  description        = "MCP bridge for outside agents - read incidents, propose catalog actions (POST /mcp)"
  zip_file           = "${local.functions_dir}/mcp/target/function.zip"
  timeout            = 30
  log_retention_days = var.log_retention_days
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  # SAM attaches the VPC access policy to a function with a VpcConfig (here under !If: always)
  managed_policies   = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole"]
  common_environment = local.common_environment
  environment = {
    AGENT_TOKENS_SECRET_ARN       = aws_secretsmanager_secret.agent_tokens_secret.arn
    MCP_AGENT_ID                  = var.mcp_agent_id
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    APPROVAL_LINK_KEY_SECRET_ARN  = aws_secretsmanager_secret.approval_link_key_secret.arn
    APPROVAL_TTL_MINUTES          = tostring(var.approval_ttl_minutes)
    PUBLIC_BASE_URL               = var.public_base_url
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment, local.executor_identity_environment]
  shared_policies     = ["approval_ledger_policy", "trust_read_policy", "approver_notifications_policy", "cluster_credentials_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The MCP bridge failed (an outside agent's request)"
    throttles = "The MCP bridge was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # the incident list and the trail (indexes) and a page's summaries; the agents' requests are the ledger's
    { sid = "IncidentRead", actions = ["dynamodb:BatchGetItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "IncidentIndexes", actions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], resources = ["${aws_dynamodb_table.state_table.arn}/index/*"] },
    { sid = "AgentTokens", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.agent_tokens_secret.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
  ]
  api_id            = aws_apigatewayv2_api.api.id
  api_execution_arn = aws_apigatewayv2_api.api.execution_arn
  routes            = ["POST /mcp", "GET /mcp", "DELETE /mcp"]
}

# One token per agent: a bare token (the agent mcp_agent_id), or {"agent-id": "token", ...}.
resource "aws_secretsmanager_secret" "agent_tokens_secret" {
  name_prefix = "${var.stack_name}-agent-tokens-"
  description = "Bearer tokens of the outside agents on POST /mcp (one per agent)"
}

resource "aws_secretsmanager_secret_version" "agent_tokens_secret" {
  secret_id     = aws_secretsmanager_secret.agent_tokens_secret.id
  secret_string = random_password.agent_token.result
  lifecycle {
    ignore_changes = [secret_string] # agents are added by editing the secret (docs/mcp.md)
  }
}

resource "random_password" "agent_token" {
  length  = 48
  special = false
}

# The dry-run of an agent's proposal reads what the analysis's does: the same group, the view policy.
resource "aws_eks_access_entry" "mcp_access_entry" {
  count             = local.uses_eks ? 1 : 0
  cluster_name      = var.eks_cluster_name
  principal_arn     = module.mcp.role_arn
  type              = "STANDARD"
  kubernetes_groups = ["awoooi:analysis"]
}

resource "aws_eks_access_policy_association" "mcp_view" {
  count         = local.uses_eks ? 1 : 0
  cluster_name  = var.eks_cluster_name
  principal_arn = aws_eks_access_entry.mcp_access_entry[0].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}

output "mcp_url" {
  description = "Register this URL with an MCP client (Streamable HTTP), with an agent token as bearer (docs/mcp.md)"
  value       = "${local.api_url}/mcp"
}

output "agent_tokens_secret_arn" {
  description = "Secrets Manager secret holding the outside agents' bearer tokens (one per agent)"
  value       = aws_secretsmanager_secret.agent_tokens_secret.arn
}

output "mcp_role_arn" {
  description = "IAM role of the MCP bridge (its EKS access entry maps it to the group awoooi:analysis)"
  value       = module.mcp.role_arn
}
