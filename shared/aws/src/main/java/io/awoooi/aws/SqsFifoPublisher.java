package io.awoooi.aws;

import io.awoooi.core.intake.MessageTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Sends to one of our FIFO queues. The message group keeps one Alertmanager group's messages in
 * order; the deduplication id makes a retried send (after a timeout, or by a racing duplicate) one
 * message, for the 5 minutes SQS remembers it.
 */
final class SqsFifoPublisher {
    /** SQS's message size limit. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueName;

    SqsFifoPublisher(SqsClient sqs, String queueUrl, String queueName) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueName = queueName;
    }

    void send(String body, String groupId, String deduplicationId, Map<String, String> attributes) {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException("the message does not fit the " + queueName + " queue");
        }
        Map<String, MessageAttributeValue> attrs = new java.util.HashMap<>();
        attributes.forEach(
                (k, v) -> attrs.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(groupId)
                    .messageDeduplicationId(deduplicationId).messageAttributes(attrs));
        } catch (SdkException e) {
            // The message is not on the queue. Refused for good (characters SQS does not allow):
            // QueueRejectedException, a permanent failure. Otherwise QueueUnavailableException: the
            // caller fails and is retried, and the deduplication id makes that retry safe.
            throw AwsFailures.queueFailure(queueName, e);
        }
    }
}
