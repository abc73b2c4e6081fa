# ------------------------------------------------------------------ queues
# Every queue takes what the code sends (up to 1 MiB, SQS's maximum), and a dead-letter queue takes
# what its source queue holds. FIFO: the message group is the Alertmanager group, the deduplication
# id the notification key (ADR 0004). Visibility >= 6 x the consumer's timeout.

resource "aws_kms_key" "queue_key" {
  description         = "Encrypts AWOOOI queues; raw alerts carry PII until the Privacy Shield has run"
  enable_key_rotation = true
  policy              = local.account_administers_key
}

resource "aws_sqs_queue" "raw_alerts_queue" {
  name                              = "${var.stack_name}-raw-alerts.fifo"
  fifo_queue                        = true
  content_based_deduplication       = false
  max_message_size                  = 1048576
  visibility_timeout_seconds        = 180 # the redaction function, 30 s
  message_retention_seconds         = 345600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.raw_alerts_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "raw_alerts_dlq" {
  name                              = "${var.stack_name}-raw-alerts-dlq.fifo"
  fifo_queue                        = true
  max_message_size                  = 1048576
  message_retention_seconds         = 1209600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "incidents_queue" {
  name                              = "${var.stack_name}-incidents.fifo"
  fifo_queue                        = true
  content_based_deduplication       = false
  max_message_size                  = 1048576
  visibility_timeout_seconds        = 540 # the analysis function, 90 s
  message_retention_seconds         = 345600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.incidents_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "incidents_dlq" {
  name                              = "${var.stack_name}-incidents-dlq.fifo"
  fifo_queue                        = true
  max_message_size                  = 1048576
  message_retention_seconds         = 1209600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
}

# Approved actions for the executor: group = the target resource, deduplication id = the approval
# request id (a request is dispatched once).
resource "aws_sqs_queue" "executions_queue" {
  name                              = "${var.stack_name}-executions.fifo"
  fifo_queue                        = true
  content_based_deduplication       = false
  max_message_size                  = 1048576
  visibility_timeout_seconds        = 360 # the executor, 60 s
  message_retention_seconds         = 345600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.executions_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "executions_dlq" {
  name                              = "${var.stack_name}-executions-dlq.fifo"
  fifo_queue                        = true
  max_message_size                  = 1048576
  message_retention_seconds         = 1209600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
}

# Effectiveness checks wait here (a per-message delay, so a standard queue). The executor consumes it too.
resource "aws_sqs_queue" "verification_queue" {
  name                              = "${var.stack_name}-verification"
  max_message_size                  = 1048576
  visibility_timeout_seconds        = 360 # the executor, 60 s
  message_retention_seconds         = 345600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.verification_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "verification_dlq" {
  name                              = "${var.stack_name}-verification-dlq"
  max_message_size                  = 1048576
  message_retention_seconds         = 1209600
  kms_master_key_id                 = aws_kms_key.queue_key.arn
  kms_data_key_reuse_period_seconds = 300
}
