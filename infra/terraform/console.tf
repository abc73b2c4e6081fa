# The web console (issue 16): the approval function serves it under /console (routes in
# functions.tf). Its session cookies are signed (HMAC-SHA256) with this key, which only the approval
# function reads. Rotating it signs every operator out (docs/operations.md); ignore_changes keeps
# Terraform from writing the first value back over a rotated one.
resource "aws_secretsmanager_secret" "console_session_key_secret" {
  name_prefix = "${var.stack_name}-console-session-key-"
  description = "Key of the HMAC that signs the web console's session cookies"
}

resource "aws_secretsmanager_secret_version" "console_session_key_secret" {
  secret_id     = aws_secretsmanager_secret.console_session_key_secret.id
  secret_string = random_password.console_session_key.result

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "random_password" "console_session_key" {
  length  = 64
  special = false
}

output "console_url" {
  description = "The web console (sign in with the operator token; docs/operations.md)"
  value       = "${local.api_url}/console"
}

output "console_session_key_secret_arn" {
  description = "Secrets Manager secret holding the console's session-cookie key (rotating it signs everybody out)"
  value       = aws_secretsmanager_secret.console_session_key_secret.arn
}
