# The stack of infra/sam/template.yaml for Terraform. Names follow one rule, which
# TerraformParityTest relies on: a SAM resource with logical id FooBar is the Terraform resource
# <type>.foo_bar, a function FooFunction is module.foo, a parameter FooBar is var.foo_bar, a
# Condition FooBar is local.foo_bar and an output FooBar is output.foo_bar.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # AWS::Partition, AWS::Region, AWS::AccountId, AWS::URLSuffix
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
  url_suffix = data.aws_partition.current.dns_suffix

  # the template's Conditions
  analysis_in_vpc             = length(compact(var.analysis_subnet_ids)) > 0
  executor_in_vpc             = length(compact(var.executor_subnet_ids)) > 0
  create_vpc_endpoints        = var.vpc_endpoints_vpc_id != ""
  create_bedrock_vpc_endpoint = local.create_vpc_endpoints && local.uses_bedrock
  has_public_base_url         = var.public_base_url != ""
  uses_eks                    = var.cluster_auth == "eks"
  uses_cluster_secret         = var.cluster_auth == "secret"
  labels_kubernetes_names     = var.label_kubernetes_names == "true"
  uses_bedrock                = var.llm_provider == "bedrock"
  has_alarm_topic             = var.alarm_topic_arn != ""

  api_url = "https://${aws_apigatewayv2_api.api.id}.execute-api.${local.region}.${local.url_suffix}"

  # SAM: Globals.Function.Environment
  common_environment = {
    # The Lambda java21 runtime's tiered-compilation default, said out loud.
    JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    QUARKUS_LOG_LEVEL = var.log_level
    STATE_TABLE       = aws_dynamodb_table.state_table.name
  }

  # The template's Metadata.AwoooiShared environment blocks, one source each (module argument
  # shared_environments), ADR one-source-per-infrastructure-concern.
  # every function that tells approvers: the directory and the channels
  approver_notification_environment = {
    APPROVERS_PARAMETER           = var.approvers_parameter_name
    SLACK_WEBHOOK_SECRET_ARN      = var.slack_webhook_secret_arn
    DISCORD_WEBHOOK_SECRET_ARN    = var.discord_webhook_secret_arn
    TELEGRAM_BOT_TOKEN_SECRET_ARN = var.telegram_bot_token_secret_arn
    SES_FROM_ADDRESS              = var.ses_from_address
    NOTIFY_WEBHOOK_URL            = var.notify_webhook_url
  }
  # Slack with a bot token (messages edited in place); not the MCP bridge, not the FinOps scan
  slack_bot_environment = {
    SLACK_BOT_TOKEN_SECRET_ARN = var.slack_bot_token_secret_arn
    SLACK_CHANNEL              = var.slack_channel
  }
  # every function that reads the cluster
  cluster_environment = {
    CLUSTER_AUTH       = var.cluster_auth
    EKS_CLUSTER_NAME   = var.eks_cluster_name
    KUBERNETES_MASTER  = var.eks_endpoint
    KUBERNETES_CA_DATA = var.eks_ca_data
    CLUSTER_SECRET_ARN = var.cluster_secret_arn
  }
  # every function whose dry-run checks the executor's RBAC (eks: the executor's access entry's user)
  executor_identity_environment = {
    EXECUTOR_KUBERNETES_USER   = local.uses_eks ? "awoooi-executor" : var.executor_kubernetes_user
    EXECUTOR_KUBERNETES_GROUPS = local.uses_eks ? "" : var.executor_kubernetes_groups
  }
  # every function that narrates through the model
  model_environment = {
    AWOOOI_LLM            = var.llm_provider
    AWOOOI_LLM_TIMEOUT_MS = "20000"
    OLLAMA_BASE_URL       = var.ollama_base_url
    BEDROCK_MODEL_ID      = var.bedrock_model_id
  }

  # Slack/Discord webhook URLs and the Telegram bot token live under this name prefix
  notification_secrets_arn = "arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:awoooi/notify/*"
  approvers_parameter_arn  = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${var.approvers_parameter_name}"
  bedrock_profile_arn      = "arn:${local.partition}:bedrock:${local.region}:${local.account_id}:inference-profile/${var.bedrock_model_id}"
}

# The template's Rules: a plan with a missing companion value stops here.
resource "terraform_data" "rules" {
  lifecycle {
    precondition {
      condition     = !local.uses_eks || (var.eks_cluster_name != "" && var.eks_endpoint != "" && var.eks_ca_data != "")
      error_message = "cluster_auth = eks needs eks_cluster_name, eks_endpoint and eks_ca_data (aws eks describe-cluster): the access entries are created in that cluster, and the JVM trust store does not know its CA."
    }
    precondition {
      condition     = !local.uses_cluster_secret || var.cluster_secret_arn != ""
      error_message = "cluster_auth = secret needs cluster_secret_arn."
    }
    precondition {
      condition     = !local.analysis_in_vpc || length(compact(var.analysis_security_group_ids)) > 0
      error_message = "analysis_subnet_ids needs analysis_security_group_ids."
    }
    precondition {
      condition     = !local.executor_in_vpc || length(compact(var.executor_security_group_ids)) > 0
      error_message = "executor_subnet_ids needs executor_security_group_ids."
    }
    precondition {
      condition     = !local.create_vpc_endpoints || (length(compact(var.vpc_endpoint_subnet_ids)) > 0 && length(compact(var.vpc_endpoint_security_group_ids)) > 0 && length(compact(var.vpc_endpoint_route_table_ids)) > 0)
      error_message = "vpc_endpoints_vpc_id needs vpc_endpoint_subnet_ids, vpc_endpoint_security_group_ids and vpc_endpoint_route_table_ids (the DynamoDB gateway endpoint)."
    }
  }
}
