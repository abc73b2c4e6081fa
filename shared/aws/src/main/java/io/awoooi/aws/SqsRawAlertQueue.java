package io.awoooi.aws;

import io.awoooi.core.intake.MessageTooLargeException;
import io.awoooi.core.intake.QueueUnavailableException;
import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.intake.RawAlertQueue;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The raw-alerts FIFO queue. Message group = the Alertmanager group (its notifications are consumed
 * in order, which consistent pseudonym labels rely on); deduplication id = the notification key, so
 * a send retried after a timeout, or by a racing HA copy, is one message (SQS keeps the id 5 min).
 */
public final class SqsRawAlertQueue implements RawAlertQueue {
    /** SQS's message size limit. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRawAlertQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(RawAlertMessage message) {
        String body = RawAlertEnvelope.encode(message);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException("the notification does not fit an SQS message even compressed");
        }
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl)
                    .messageBody(body)
                    .messageGroupId(message.groupKeyHash())
                    .messageDeduplicationId(message.notificationKey())
                    .messageAttributes(java.util.Map.of("incidentId", MessageAttributeValue.builder()
                            .dataType("String").stringValue(message.incidentId()).build())));
        } catch (SdkException e) {
            // Whatever the cause, the notification is not on the queue: the caller answers 503 and
            // Alertmanager retries; the deduplication id makes that retry safe.
            throw new QueueUnavailableException("raw-alerts queue is unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
