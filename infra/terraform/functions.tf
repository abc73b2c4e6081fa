# ------------------------------------------------------------------ functions
# One module per SAM function (IntakeFunction -> module.intake), all of modules/lambda_function; what
# invokes it by its events: HttpApi events -> routes, SQS events -> event_sources, ScheduleV2 events ->
# schedules (finops.tf, drift.tf, approval_expiry.tf). Each inline policy statement is the template's,
# Sid for Sid (a statement under a Condition has enabled = local.<condition>); the template's managed
# policies are shared_policies (shared_policies.tf) and its shared environment blocks
# shared_environments (main.tf). Unset arguments are the module defaults, which are the template's Globals.

locals {
  functions_dir = abspath(var.functions_dir)
}

module "intake" {
  source             = "./modules/lambda_function"
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
  shared_policies     = ["queue_key_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The intake function failed (Alertmanager retries, but alerts may be late)"
    throttles = "The intake function was throttled (account or reserved concurrency)"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    { sid = "IncidentState", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "RawAlertsProducer", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.raw_alerts_queue.arn] },
    { sid = "IntakeToken", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.intake_token_secret.arn] },
  ]
  api_id            = aws_apigatewayv2_api.api.id
  api_execution_arn = aws_apigatewayv2_api.api.execution_arn
  routes            = ["POST /v1/alerts"]
}

# It verifies approval links; the approval links of a drift Rollback (issue #15) point at
# public_base_url, else at the host the drift link came to: never at the API (ADR 0012).
module "approval" {
  source             = "./modules/lambda_function"
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
    # drift Accept/Rollback links (issue #15): the workload read and the rollback's dry-run
    PUBLIC_BASE_URL            = var.public_base_url
    APPROVAL_TTL_MINUTES       = tostring(var.approval_ttl_minutes)
  }
  subnet_ids         = var.analysis_subnet_ids
  security_group_ids = var.analysis_security_group_ids
  # SAM attaches the VPC access policy to a function with a VpcConfig (here under !If: always)
  managed_policies = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaVPCAccessExecutionRole"]
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment, local.executor_identity_environment]
  shared_policies     = ["approval_ledger_policy", "trust_read_policy", "approver_notifications_policy", "queue_key_policy", "cluster_credentials_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The approval function failed (approval pages, decisions or the incident API)"
    throttles = "The approval function was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # a listed page's failure summaries (ADR 0010) and the incident list (GSI1); requests, signatures
    # and status changes are the ledger's (approval_ledger_policy)
    { sid = "IncidentRead", actions = ["dynamodb:BatchGetItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "IncidentIndexes", actions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"], resources = ["${aws_dynamodb_table.state_table.arn}/index/*"] },
    # decisions earn or reset trust (reads: trust_read_policy)
    { sid = "TrustUpdates", actions = ["dynamodb:UpdateItem"], resources = [aws_dynamodb_table.trust_table.arn] },
    # the console's trust page lists every action pattern; the session key signs its cookies
    { sid = "ConsoleTrustList", actions = ["dynamodb:Scan"], resources = [aws_dynamodb_table.trust_table.arn] },
    { sid = "ConsoleSessionKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.console_session_key_secret.arn] },
    # the approvers' own console tokens: who signs in as which approver (approval_expiry.tf)
    { sid = "ApproverTokens", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approver_console_tokens_secret.arn] },
    { sid = "Executions", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.executions_queue.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    { sid = "OperatorToken", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.operator_token_secret.arn] },
  ]
  api_id            = aws_apigatewayv2_api.api.id
  api_execution_arn = aws_apigatewayv2_api.api.execution_arn
  routes            = ["GET /v1/incidents", "GET /v1/incidents/{id}", "GET /v1/drift/reports/latest", "GET /v1/drift/reports/{id}", "GET /v1/approvals/{id}", "POST /v1/approvals/{id}", "GET /v1/drift/decisions/{id}", "POST /v1/drift/decisions/{id}", "GET /v1/finops/reports/latest", "GET /v1/finops/reports/{id}", "GET /console", "GET /console/{proxy+}", "POST /console/{proxy+}"]
}

module "redaction" {
  source             = "./modules/lambda_function"
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
  managed_policies    = ["service-role/AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess", "service-role/AWSLambdaSQSQueueExecutionRole"]
  shared_policies     = ["queue_key_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The redaction function failed (raw alerts are retried, then dead-lettered)"
    throttles = "The redaction function was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # AWSLambdaSQSQueueExecutionRole allows receive and delete on every queue: only the raw alerts it redacts
    { sid = "OnlyItsOwnQueueMessages", effect = "Deny", actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:PurgeQueue"], not_resources = [aws_sqs_queue.raw_alerts_queue.arn] },
    # DynamoDbVaultStore: entries() is a Query, add() a conditional PutItem
    { sid = "VaultReadWrite", actions = ["dynamodb:Query", "dynamodb:PutItem"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultKeys", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
    { sid = "RedactedAlertsAndAudit", actions = ["dynamodb:PutItem"], resources = [aws_dynamodb_table.state_table.arn] },
    # a message that can never be redacted: read its incident, add to its failure (ADR 0010)
    { sid = "ParkedFailures", actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
    { sid = "IncidentsProducer", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.incidents_queue.arn] },
  ]
  event_sources = [
    { queue_arn = aws_sqs_queue.raw_alerts_queue.arn, batch_size = 10, report_batch_item_failures = true },
  ]
}

module "analysis" {
  source      = "./modules/lambda_function"
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
    PROMETHEUS_URL        = var.prometheus_url
    TOPOLOGY_NAMESPACES   = var.topology_namespaces
    # labelled Kubernetes names: the incident's labels in the vault, read by keyed hash
    LABEL_KUBERNETES_NAMES    = var.label_kubernetes_names
    VAULT_TABLE               = local.labels_kubernetes_names ? aws_dynamodb_table.vault_table.name : ""
    VAULT_KEY_ID              = local.labels_kubernetes_names ? aws_kms_key.vault_key.arn : ""
    VAULT_HASH_KEY_SECRET_ARN = local.labels_kubernetes_names ? aws_secretsmanager_secret.vault_hash_key_secret.arn : ""
    # eks: the executor's access entry maps its role to this user
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
    EXECUTIONS_QUEUE_URL          = aws_sqs_queue.executions_queue.url
    APPROVAL_LINK_KEY_SECRET_ARN  = aws_secretsmanager_secret.approval_link_key_secret.arn
    APPROVAL_TTL_MINUTES          = tostring(var.approval_ttl_minutes)
    PUBLIC_BASE_URL               = local.has_public_base_url ? var.public_base_url : local.api_url
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment, local.executor_identity_environment, local.model_environment]
  shared_policies     = ["approval_ledger_policy", "trust_read_policy", "approver_notifications_policy", "queue_key_policy", "cluster_credentials_policy", "model_invocation_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The analysis function failed (incident events are retried, then dead-lettered)"
    throttles = "The analysis function was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # AWSLambdaSQSQueueExecutionRole allows receive and delete on every queue: only the incident events it analyses
    { sid = "OnlyItsOwnQueueMessages", effect = "Deny", actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:PurgeQueue"], not_resources = [aws_sqs_queue.incidents_queue.arn] },
    { sid = "AnalysisAndTraces", actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], resources = ["${aws_dynamodb_table.state_table.arn}/index/GSI1"] },
    { sid = "Executions", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.executions_queue.arn] },
    { sid = "LinkKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.approval_link_key_secret.arn] },
    # Labelled Kubernetes names only: vault rows by keyed hash, labels added under a new data key; no kms:Decrypt
    { sid = "VaultLabels", enabled = local.labels_kubernetes_names, actions = ["dynamodb:Query", "dynamodb:PutItem"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultSealOnly", enabled = local.labels_kubernetes_names, actions = ["kms:GenerateDataKey"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", enabled = local.labels_kubernetes_names, actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
  ]
  event_sources = [
    # at most this many at once against the Kubernetes API, the model and the chat webhooks
    { queue_arn = aws_sqs_queue.incidents_queue.arn, batch_size = 1, report_batch_item_failures = true, maximum_concurrency = 5 },
  ]
}

# It acts, so it holds no link-signing key (secret or IAM) (docs/security.md).
module "executor" {
  source             = "./modules/lambda_function"
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
    TRUST_TABLE                   = aws_dynamodb_table.trust_table.name
  }
  shared_environments = [local.approver_notification_environment, local.slack_bot_environment, local.cluster_environment]
  shared_policies     = ["approval_ledger_policy", "trust_read_policy", "approver_notifications_policy", "queue_key_policy", "cluster_credentials_policy"]
  shared_policy_arns  = local.shared_policy_arns
  alarm_descriptions = {
    errors    = "The executor function failed (orders are retried, then dead-lettered)"
    throttles = "The executor function was throttled"
  }
  alarm_actions = local.alarm_actions
  policy_statements = [
    # AWSLambdaSQSQueueExecutionRole allows receive and delete on every queue: only its executions and verifications
    { sid = "OnlyItsOwnQueueMessages", effect = "Deny", actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:PurgeQueue"], not_resources = [aws_sqs_queue.executions_queue.arn, aws_sqs_queue.verification_queue.arn] },
    # rehydration happens here and only here: DynamoDbVaultStore's entries() is a Query
    { sid = "VaultRead", actions = ["dynamodb:Query"], resources = [aws_dynamodb_table.vault_table.arn] },
    { sid = "VaultKeys", actions = ["kms:Decrypt"], resources = [aws_kms_key.vault_key.arn] },
    { sid = "VaultHashKey", actions = ["secretsmanager:GetSecretValue"], resources = [aws_secretsmanager_secret.vault_hash_key_secret.arn] },
    { sid = "Verifications", actions = ["sqs:SendMessage"], resources = [aws_sqs_queue.verification_queue.arn] },
    # an ineffective outcome resets trust (reads: trust_read_policy)
    { sid = "TrustUpdates", actions = ["dynamodb:UpdateItem"], resources = [aws_dynamodb_table.trust_table.arn] },
  ]
  event_sources = [
    # one action per invocation; at most 2 at once against the Kubernetes API and the chat webhooks
    { queue_arn = aws_sqs_queue.executions_queue.arn, batch_size = 1, report_batch_item_failures = true, maximum_concurrency = 2 },
    { queue_arn = aws_sqs_queue.verification_queue.arn, batch_size = 5, report_batch_item_failures = true, maximum_concurrency = 2 },
  ]
}
