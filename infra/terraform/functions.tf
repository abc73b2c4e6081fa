# ------------------------------------------------------------------ functions
# One module per SAM function (IntakeFunction -> module.intake), its shape by its events: HttpApi
# events -> http_function, SQS events -> queue_function, ScheduleV2 events -> scheduled_function (the
# FinOps scan, in finops.tf). Each policy statement is the template's, Sid for Sid; a statement
# under a Condition has enabled = local.<condition>. Unset arguments are the module defaults, which
# are the template's Globals.

locals {
  functions_dir = abspath(var.functions_dir)
}

module "intake" {
  source             = "./modules/http_function"
  name               = "intake"
  stack_name         = var.stack_name
  description        = "Alertmanager webhook intake (POST /v1/alerts)"
  zip_file           = "${local.functions_dir}/intake/target/function.zip"
  timeout            = var.intake_timeout_seconds
  log_retention_days = var.log_retention_days
  common_environment = local.common_environment
  environment = {
    RAW_ALERTS_QUEUE_URL    = aws_sqs_queue.raw_alerts_queue.url
    INTAKE_TOKEN_SECRET_ARN = aws_secretsmanager_secret.intake_token_secret.arn
  }
  policy_statements = [
    { sid = "IncidentState", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "RawAlertsProducer", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.raw_alerts_queue.arn] },
    { sid = "RawAlertsEncryption", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
    { sid = "IntakeToken", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.intake_token_secret.arn] },
  ]
  api_id            = aws_apigatewayv2_api.api.id
  api_execution_arn = aws_apigatewayv2_api.api.execution_arn
  routes            = ["POST /v1/alerts"]
}

# It verifies approval links; the approval links of a drift Rollback (issue #15) point at
# public_base_url, else at the host the drift link came to: never at the API (ADR 0012).
module "approval" {
  source             = "./modules/http_function"
  name               = "approval"
  stack_name         = var.stack_name
  description        = "Incident read API for operators, approval pages and decisions (signed links)"
  zip_file           = "${local.functions_dir}/approval/target/function.zip"
  log_retention_days = var.log_retention_days
  common_environment = local.common_environment
  environment = {
    OPERATOR_TOKEN_SECRET_ARN      = aws_secretsmanager_secret.operator_token_secret.arn
    LABEL_KUBERNETES_NAMES         = var.label_kubernetes_names
    TRUST_TABLE                    = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL           = aws_sqs_queue.executions_queue.url
    APPROVAL_LINK_KEY_SECRET_ARN   = aws_secretsmanager_secret.approval_link_key_secret.arn
    CONSOLE_SESSION_KEY_SECRET_ARN = aws_secretsmanager_secret.console_session_key_secret.arn
    APPROVER_TOKENS_SECRET_ARN     = aws_secretsmanager_secret.approver_console_tokens_secret.arn
    APPROVERS_PARAMETER            = var.approvers_parameter_name
    SLACK_WEBHOOK_SECRET_ARN       = var.slack_webhook_secret_arn
    SLACK_BOT_TOKEN_SECRET_ARN     = var.slack_bot_token_secret_arn
    SLACK_CHANNEL                  = var.slack_channel
    DISCORD_WEBHOOK_SECRET_ARN     = var.discord_webhook_secret_arn
    TELEGRAM_BOT_TOKEN_SECRET_ARN  = var.telegram_bot_token_secret_arn
    SES_FROM_ADDRESS               = var.ses_from_address
    NOTIFY_WEBHOOK_URL             = var.notify_webhook_url
    # drift Accept/Rollback links (issue #15): the workload read and the rollback's dry-run
    PUBLIC_BASE_URL            = var.public_base_url
    APPROVAL_TTL_MINUTES       = tostring(var.approval_ttl_minutes)
    CLUSTER_AUTH               = var.cluster_auth
    EKS_CLUSTER_NAME           = var.eks_cluster_name
    KUBERNETES_MASTER          = var.eks_endpoint
    KUBERNETES_CA_DATA         = var.eks_ca_data
    CLUSTER_SECRET_ARN         = var.cluster_secret_arn
    EXECUTOR_KUBERNETES_USER   = local.uses_eks ? "awoooi-executor" : var.executor_kubernetes_user
    EXECUTOR_KUBERNETES_GROUPS = local.uses_eks ? "" : var.executor_kubernetes_groups
  }
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  # SAM attaches the VPC access policy to a function with a VpcConfig (here under !If: always)
  managed_policies = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole"]
  policy_statements = [
    # BatchGetItem: the failure summaries of a listed page (ADR 0010)
    { sid = "IncidentRead", actions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], resources = [aws_dynamodb_table.state_table.arn, "${aws_dynamodb_table.state_table.arn}/index/*"] },
    { sid = "ApprovalDecisions", actions = ["dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "Trust", actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.trust_table.arn] },
    # the console's trust page lists every action pattern; the session key signs its cookies
    { sid = "ConsoleTrustList", actions = ["dynamodb:Scan"], resources = [aws_dynamodb_table.trust_table.arn] },
    { sid = "ConsoleSessionKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.console_session_key_secret.arn] },
    # the approvers' own console tokens: who signs in as which approver (approval_expiry.tf)
    { sid = "ApproverTokens", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approver_console_tokens_secret.arn] },
    { sid = "Executions", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.executions_queue.arn] },
    { sid = "QueueKeyForSending", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    { sid = "NotificationSecrets", actions = ["secretsmanager:GetSecretValue"], resources = [local.notification_secrets_arn] },
    { sid = "Approvers", actions = ["ssm:GetParameter"], resources = [local.approvers_parameter_arn] },
    { sid = "Notifications", actions = ["ses:SendEmail"], resources = ["*"], condition = { StringEquals = { "ses:FromAddress" = var.ses_from_address } } },
    { sid = "OperatorToken", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.operator_token_secret.arn] },
    # drift decisions read the workload (issue #15)
    { sid = "ClusterCredentials", enabled = local.uses_cluster_secret, actions = ["secretsmanager:GetSecretValue"], resources = [var.cluster_secret_arn] },
  ]
  api_id            = aws_apigatewayv2_api.api.id
  api_execution_arn = aws_apigatewayv2_api.api.execution_arn
  routes            = ["GET /v1/incidents", "GET /v1/incidents/{id}", "GET /v1/drift/reports/latest", "GET /v1/drift/reports/{id}", "GET /v1/approvals/{id}", "POST /v1/approvals/{id}", "GET /v1/drift/decisions/{id}", "POST /v1/drift/decisions/{id}", "GET /v1/finops/reports/latest", "GET /v1/finops/reports/{id}", "GET /console", "GET /console/{proxy+}", "POST /console/{proxy+}"]
}

module "redaction" {
  source             = "./modules/queue_function"
  name               = "redaction"
  stack_name         = var.stack_name
  description        = "Privacy Shield - pseudonymizes raw alerts, seals values in the vault, emits incident events"
  zip_file           = "${local.functions_dir}/redaction/target/function.zip"
  handler            = "io.awoooi.redaction.RedactionHandler::handleRequest"
  timeout            = 30
  log_retention_days = var.log_retention_days
  common_environment = local.common_environment
  environment = {
    VAULT_TABLE               = aws_dynamodb_table.vault_table.name
    VAULT_KEY_ID              = aws_kms_key.vault_key.arn
    VAULT_HASH_KEY_SECRET_ARN = aws_secretsmanager_secret.vault_hash_key_secret.arn
    INCIDENTS_QUEUE_URL       = aws_sqs_queue.incidents_queue.url
    LABEL_KUBERNETES_NAMES    = var.label_kubernetes_names
  }
  policy_statements = [
    # DynamoDbVaultStore: entries() is a Query, add() a conditional PutItem
    { sid = "VaultReadWrite", actions = ["dynamodb:Query", "dynamodb:PutItem"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultKeys", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
    { sid = "RedactedAlertsAndAudit", actions = ["dynamodb:PutItem"], resources = [aws_dynamodb_table.state_table.arn] },
    # a message that can never be redacted: read its incident, add to its failure (ADR 0010)
    { sid = "ParkedFailures", actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "IncidentsProducer", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.incidents_queue.arn] },
    { sid = "QueueEncryption", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
  ]
  event_sources = [
    { queue_arn = aws_sqs_queue.raw_alerts_queue.arn, batch_size = 10, report_batch_item_failures = true },
  ]
}

module "analysis" {
  source      = "./modules/queue_function"
  name        = "analysis"
  stack_name  = var.stack_name
  description = "Topology, root causes, blast radius, narrative and one proposed action per incident event"
  zip_file    = "${local.functions_dir}/analysis/target/function.zip"
  handler     = "io.awoooi.analysis.AnalysisHandler::handleRequest"
  # One incident event per invocation: the narrator may take its timeout twice, plus the cluster reads.
  timeout            = 90
  log_retention_days = var.log_retention_days
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  # SAM attaches the VPC access policy to a function with a VpcConfig (here under !If: always)
  managed_policies   = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaSQSQueueExecutionRole", "service-role/AWSLambdaVPCAccessExecutionRole"]
  common_environment = local.common_environment
  environment = {
    AWOOOI_LLM            = var.llm_provider
    AWOOOI_LLM_TIMEOUT_MS = "20000"
    OLLAMA_BASE_URL       = var.ollama_base_url
    BEDROCK_MODEL_ID      = var.bedrock_model_id
    PROMETHEUS_URL        = var.prometheus_url
    TOPOLOGY_NAMESPACES   = var.topology_namespaces
    # labelled Kubernetes names: the incident's labels in the vault, read by keyed hash
    LABEL_KUBERNETES_NAMES    = var.label_kubernetes_names
    VAULT_TABLE               = local.labels_kubernetes_names ? aws_dynamodb_table.vault_table.name : ""
    VAULT_KEY_ID              = local.labels_kubernetes_names ? aws_kms_key.vault_key.arn : ""
    VAULT_HASH_KEY_SECRET_ARN = local.labels_kubernetes_names ? aws_secretsmanager_secret.vault_hash_key_secret.arn : ""
    CLUSTER_AUTH          = var.cluster_auth
    EKS_CLUSTER_NAME      = var.eks_cluster_name
    KUBERNETES_MASTER     = var.eks_endpoint
    KUBERNETES_CA_DATA    = var.eks_ca_data
    CLUSTER_SECRET_ARN    = var.cluster_secret_arn
    # eks: the executor's access entry maps its role to this user
    EXECUTOR_KUBERNETES_USER      = local.uses_eks ? "awoooi-executor" : var.executor_kubernetes_user
    EXECUTOR_KUBERNETES_GROUPS    = local.uses_eks ? "" : var.executor_kubernetes_groups
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL          = aws_sqs_queue.executions_queue.url
    APPROVAL_LINK_KEY_SECRET_ARN  = aws_secretsmanager_secret.approval_link_key_secret.arn
    APPROVERS_PARAMETER           = var.approvers_parameter_name
    APPROVAL_TTL_MINUTES          = tostring(var.approval_ttl_minutes)
    PUBLIC_BASE_URL               = local.has_public_base_url ? var.public_base_url : local.api_url
    SLACK_WEBHOOK_SECRET_ARN      = var.slack_webhook_secret_arn
    SLACK_BOT_TOKEN_SECRET_ARN    = var.slack_bot_token_secret_arn
    SLACK_CHANNEL                 = var.slack_channel
    DISCORD_WEBHOOK_SECRET_ARN    = var.discord_webhook_secret_arn
    TELEGRAM_BOT_TOKEN_SECRET_ARN = var.telegram_bot_token_secret_arn
    SES_FROM_ADDRESS              = var.ses_from_address
    NOTIFY_WEBHOOK_URL            = var.notify_webhook_url
  }
  policy_statements = [
    # Query: other firing incidents (GSI1) and their alerts count as evidence
    { sid = "AnalysisAndTraces", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], resources = [aws_dynamodb_table.state_table.arn, "${aws_dynamodb_table.state_table.arn}/index/GSI1"] },
    { sid = "QueueEncryption", actions = ["kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
    { sid = "Trust", actions = ["dynamodb:GetItem"], resources = [aws_dynamodb_table.trust_table.arn] },
    { sid = "Executions", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.executions_queue.arn] },
    { sid = "QueueKeyForSending", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    { sid = "NotificationSecrets", actions = ["secretsmanager:GetSecretValue"], resources = [local.notification_secrets_arn] },
    { sid = "Approvers", actions = ["ssm:GetParameter"], resources = [local.approvers_parameter_arn] },
    { sid = "Notifications", actions = ["ses:SendEmail"], resources = ["*"], condition = { StringEquals = { "ses:FromAddress" = var.ses_from_address } } },
    { sid = "ApprovalRequests", actions = ["dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "ClusterCredentials", enabled = local.uses_cluster_secret, actions = ["secretsmanager:GetSecretValue"], resources = [var.cluster_secret_arn] },
    # Labelled Kubernetes names only: vault rows by keyed hash, labels added under a new data key; no kms:Decrypt
    { sid = "VaultLabels", enabled = local.labels_kubernetes_names, actions = ["dynamodb:Query", "dynamodb:PutItem"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultSealOnly", enabled = local.labels_kubernetes_names, actions = ["kms:GenerateDataKey"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", enabled = local.labels_kubernetes_names, actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
    # The Converse API needs bedrock:InvokeModel: the model in this Region, or an inference profile
    # and the models behind it in any Region, the latter only when called through that profile.
    { sid = "BedrockModelOrProfile", enabled = local.uses_bedrock, actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.bedrock_model_id}", local.bedrock_profile_arn] },
    { sid = "BedrockModelsBehindTheProfile", enabled = local.uses_bedrock, actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:*::foundation-model/*"], condition = { StringEquals = { "bedrock:InferenceProfileArn" = local.bedrock_profile_arn } } },
  ]
  event_sources = [
    # at most this many at once against the Kubernetes API, the model and the chat webhooks
    { queue_arn = aws_sqs_queue.incidents_queue.arn, batch_size = 1, report_batch_item_failures = true, maximum_concurrency = 5 },
  ]
}

# It acts, so it holds no link-signing key (secret or IAM) (docs/security.md).
module "executor" {
  source             = "./modules/queue_function"
  name               = "executor"
  stack_name         = var.stack_name
  description        = "Executes approved actions (TOCTOU re-check, rehydration, typed Kubernetes API) and checks their effect"
  zip_file           = "${local.functions_dir}/executor/target/function.zip"
  handler            = "io.awoooi.executor.ExecutorHandler::handleRequest"
  timeout            = 60
  log_retention_days = var.log_retention_days
  subnet_ids         = var.executor_subnet_ids
  security_group_ids = var.executor_security_group_ids
  managed_policies   = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaSQSQueueExecutionRole", "service-role/AWSLambdaVPCAccessExecutionRole"]
  common_environment = local.common_environment
  environment = {
    VAULT_TABLE                   = aws_dynamodb_table.vault_table.name
    VAULT_KEY_ID                  = aws_kms_key.vault_key.arn
    VAULT_HASH_KEY_SECRET_ARN     = aws_secretsmanager_secret.vault_hash_key_secret.arn
    VERIFICATION_QUEUE_URL        = aws_sqs_queue.verification_queue.url
    VERIFICATION_DELAY_SECONDS    = tostring(var.verification_delay_seconds)
    CLUSTER_AUTH                  = var.cluster_auth
    EKS_CLUSTER_NAME              = var.eks_cluster_name
    KUBERNETES_MASTER             = var.eks_endpoint
    KUBERNETES_CA_DATA            = var.eks_ca_data
    CLUSTER_SECRET_ARN            = var.cluster_secret_arn
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL          = aws_sqs_queue.executions_queue.url
    APPROVERS_PARAMETER           = var.approvers_parameter_name
    SLACK_WEBHOOK_SECRET_ARN      = var.slack_webhook_secret_arn
    SLACK_BOT_TOKEN_SECRET_ARN    = var.slack_bot_token_secret_arn
    SLACK_CHANNEL                 = var.slack_channel
    DISCORD_WEBHOOK_SECRET_ARN    = var.discord_webhook_secret_arn
    TELEGRAM_BOT_TOKEN_SECRET_ARN = var.telegram_bot_token_secret_arn
    SES_FROM_ADDRESS              = var.ses_from_address
    NOTIFY_WEBHOOK_URL            = var.notify_webhook_url
  }
  policy_statements = [
    # execution records, request status changes, operation log, leak audit; incident reads
    { sid = "ExecutionState", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"], resources = [aws_dynamodb_table.state_table.arn] },
    # rehydration happens here and only here: DynamoDbVaultStore's entries() is a Query
    { sid = "VaultRead", actions = ["dynamodb:Query"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultKeys", actions = ["kms:Decrypt"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
    { sid = "Verifications", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.verification_queue.arn] },
    { sid = "Trust", actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.trust_table.arn] },
    { sid = "QueueKeyForSending", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
    { sid = "NotificationSecrets", actions = ["secretsmanager:GetSecretValue"], resources = [local.notification_secrets_arn] },
    { sid = "Approvers", actions = ["ssm:GetParameter"], resources = [local.approvers_parameter_arn] },
    { sid = "Notifications", actions = ["ses:SendEmail"], resources = ["*"], condition = { StringEquals = { "ses:FromAddress" = var.ses_from_address } } },
    { sid = "ClusterCredentials", enabled = local.uses_cluster_secret, actions = ["secretsmanager:GetSecretValue"], resources = [var.cluster_secret_arn] },
  ]
  event_sources = [
    # one action per invocation; at most 2 at once against the Kubernetes API and the chat webhooks
    { queue_arn = aws_sqs_queue.executions_queue.arn, batch_size = 1, report_batch_item_failures = true, maximum_concurrency = 2 },
    { queue_arn = aws_sqs_queue.verification_queue.arn, batch_size = 5, report_batch_item_failures = true, maximum_concurrency = 2 },
  ]
}
