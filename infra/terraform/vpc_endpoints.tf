# ------------------------------------------------------------------ VPC endpoints (optional)
# For functions in private subnets without NAT. Chat webhooks, SES, Ollama and Prometheus need NAT
# or a private route of their own (docs/deploy.md).

resource "aws_vpc_endpoint" "dynamo_db_endpoint" {
  count             = local.create_vpc_endpoints ? 1 : 0
  vpc_id            = var.vpc_endpoints_vpc_id
  service_name      = "com.amazonaws.${local.region}.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.vpc_endpoint_route_table_ids
}

locals {
  # logical id (snake_case) -> service; bedrock-runtime only with llm_provider = bedrock
  interface_endpoints = merge(
    {
      sqs_endpoint             = "sqs"
      kms_endpoint             = "kms"
      secrets_manager_endpoint = "secretsmanager"
      ssm_endpoint             = "ssm"
    },
    local.create_bedrock_vpc_endpoint ? { bedrock_runtime_endpoint = "bedrock-runtime" } : {},
  )
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = local.create_vpc_endpoints ? local.interface_endpoints : {}
  vpc_id              = var.vpc_endpoints_vpc_id
  service_name        = "com.amazonaws.${local.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = var.vpc_endpoint_subnet_ids
  security_group_ids  = var.vpc_endpoint_security_group_ids
}
