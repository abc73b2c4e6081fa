# ------------------------------------------------------------------ shared policies (issue #13)
# The template's block of the same name: one customer managed policy per concern several functions
# share (ADR one-source-per-infrastructure-concern), attached to the roles of the functions that name
# it (module argument shared_policies). Keys: the template's logical ids in snake_case; statements as
# in a module's policy_statements; enabled = the policy's Condition (a policy whose condition does not
# hold is not created, and not attached).

locals {
  shared_policies = {
    # the approval ledger: requests, signatures, message references, the operation log, AI traces and
    # the leak guard's audit rows in the state table
    approval_ledger_policy = {
      description = "AWOOOI approval ledger - approval requests, operation log and audit rows in the state table"
      enabled     = true
      statements = [
        { sid = "ApprovalLedger", actions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [aws_dynamodb_table.state_table.arn] },
      ]
    }
    # the trust earned per action pattern, read to lower a quorum
    trust_read_policy = {
      description = "AWOOOI trust - reads the trust earned per action pattern"
      enabled     = true
      statements = [
        { sid = "Trust", actions = ["dynamodb:GetItem"], resources = [aws_dynamodb_table.trust_table.arn] },
      ]
    }
    # telling approvers: the directory, the channels' secrets, mail from the configured sender only
    approver_notifications_policy = {
      description = "AWOOOI approver notifications - approvers directory, channel secrets, mail from the sender"
      enabled     = true
      statements = [
        { sid = "NotificationSecrets", actions = ["secretsmanager:GetSecretValue"], resources = [local.notification_secrets_arn] },
        { sid = "Approvers", actions = ["ssm:GetParameter"], resources = [local.approvers_parameter_arn] },
        { sid = "Notifications", actions = ["ses:SendEmail"], resources = ["*"], condition = { StringEquals = { "ses:FromAddress" = var.ses_from_address } } },
      ]
    }
    # sending to (and receiving from) the queues encrypted with the queue key
    queue_key_policy = {
      description = "AWOOOI queue key - data keys of the encrypted queues"
      enabled     = true
      statements = [
        { sid = "QueueKey", actions = ["kms:GenerateDataKey", "kms:Decrypt"], resources = [aws_kms_key.queue_key.arn] },
      ]
    }
    # secret mode: the cluster's credentials
    cluster_credentials_policy = {
      description = "AWOOOI cluster credentials (ClusterAuth secret)"
      enabled     = local.uses_cluster_secret
      statements = [
        { sid = "ClusterCredentials", actions = ["secretsmanager:GetSecretValue"], resources = [var.cluster_secret_arn] },
      ]
    }
    # Bedrock: the model in this Region, or an inference profile and the models behind it in any
    # Region, the latter only when called through that profile
    model_invocation_policy = {
      description = "AWOOOI narration - the Bedrock model or inference profile"
      enabled     = local.uses_bedrock
      statements = [
        { sid = "BedrockModelOrProfile", actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.bedrock_model_id}", local.bedrock_profile_arn] },
        { sid = "BedrockModelsBehindTheProfile", actions = ["bedrock:InvokeModel"], resources = ["arn:${local.partition}:bedrock:*::foundation-model/*"], condition = { StringEquals = { "bedrock:InferenceProfileArn" = local.bedrock_profile_arn } } },
      ]
    }
  }

  # name -> ARN of the shared policies that exist (every module gets this map and attaches the ones it names)
  shared_policy_arns = { for name, policy in aws_iam_policy.shared : name => policy.arn }
}

resource "aws_iam_policy" "shared" {
  for_each    = { for name, policy in local.shared_policies : name => policy if policy.enabled }
  name_prefix = "${var.stack_name}-${replace(each.key, "_", "-")}-"
  description = each.value.description
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      for s in each.value.statements : merge(
        { Sid = s.sid, Effect = "Allow", Action = s.actions, Resource = s.resources },
        { for k, v in { Condition = try(s.condition, null) } : k => v if v != null },
      )
    ]
  })
}
