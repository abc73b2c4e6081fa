# ------------------------------------------------------------------ state
# The tables are kept when the stack goes (SAM: DeletionPolicy Retain): prevent_destroy.

resource "aws_dynamodb_table" "state_table" {
  name         = "${var.stack_name}-state"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "PK"
  range_key    = "SK"

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }
  attribute {
    name = "GSI1PK"
    type = "S"
  }
  attribute {
    name = "GSI1SK"
    type = "S"
  }

  # issue 16: the expiry sweep's sparse index (only PENDING approval requests carry these)
  attribute {
    name = "pendingPK"
    type = "S"
  }
  attribute {
    name = "pendingUntil"
    type = "N"
  }

  global_secondary_index {
    name            = "GSI1"
    hash_key        = "GSI1PK"
    range_key       = "GSI1SK"
    projection_type = "ALL"
  }

  # pending approval requests by expiry (epoch ms), for the approval-expiry function; keys only
  global_secondary_index {
    name            = "PendingExpiry"
    hash_key        = "pendingPK"
    range_key       = "pendingUntil"
    projection_type = "KEYS_ONLY"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Pseudonym label <-> original value per incident. Only the redaction (writes) and the executor
# (reads, to rehydrate) may use it; values are sealed with data keys from vault_key, rows expire
# after 30 days.
resource "aws_dynamodb_table" "vault_table" {
  name         = "${var.stack_name}-vault"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "PK"
  range_key    = "SK"

  attribute {
    name = "PK"
    type = "S"
  }
  attribute {
    name = "SK"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Trust earned per action pattern (restart_pod:shop/nginx-*).
resource "aws_dynamodb_table" "trust_table" {
  name         = "${var.stack_name}-trust"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "PK"

  attribute {
    name = "PK"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}

# Wraps the data keys of the vault's values. Destroying the stack forgets the real values on purpose
# (crypto-shredding): the key is scheduled for deletion with a 30-day window, the vault's own
# retention, during which aws kms cancel-key-deletion undoes it. docs/security.md.
resource "aws_kms_key" "vault_key" {
  description             = "Wraps the data keys that seal AWOOOI vault values"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = local.account_administers_key
}

locals {
  account_administers_key = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

# ------------------------------------------------------------------ secrets
# Generated like SAM's GenerateSecretString (no punctuation). The value passes through the Terraform
# state: keep the state encrypted and access-controlled (docs/security.md).

resource "aws_secretsmanager_secret" "vault_hash_key_secret" {
  name_prefix = "${var.stack_name}-vault-hash-key-"
  description = "Key of the HMAC that finds a value's label in the vault without decrypting anything"
}

resource "aws_secretsmanager_secret_version" "vault_hash_key_secret" {
  secret_id     = aws_secretsmanager_secret.vault_hash_key_secret.id
  secret_string = random_password.vault_hash_key.result
}

resource "random_password" "vault_hash_key" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "intake_token_secret" {
  name_prefix = "${var.stack_name}-intake-token-"
  description = "Bearer token Alertmanager presents on POST /v1/alerts"
}

resource "aws_secretsmanager_secret_version" "intake_token_secret" {
  secret_id     = aws_secretsmanager_secret.intake_token_secret.id
  secret_string = random_password.intake_token.result
}

resource "random_password" "intake_token" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "operator_token_secret" {
  name_prefix = "${var.stack_name}-operator-token-"
  description = "Bearer token operators present on the incident read API"
}

resource "aws_secretsmanager_secret_version" "operator_token_secret" {
  secret_id     = aws_secretsmanager_secret.operator_token_secret.id
  secret_string = random_password.operator_token.result
}

resource "random_password" "operator_token" {
  length  = 48
  special = false
}

# Signs approval links (HMAC-SHA256): the analysis signs, the approval function verifies, nobody
# else reads it. Rotate it in Secrets Manager (docs/operations.md); ignore_changes keeps Terraform
# from writing the first value back over a rotated one.
resource "aws_secretsmanager_secret" "approval_link_key_secret" {
  name_prefix = "${var.stack_name}-approval-link-key-"
  description = "Key of the HMAC that signs approval links"
}

resource "aws_secretsmanager_secret_version" "approval_link_key_secret" {
  secret_id     = aws_secretsmanager_secret.approval_link_key_secret.id
  secret_string = random_password.approval_link_key.result

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "random_password" "approval_link_key" {
  length  = 64
  special = false
}
