package io.awoooi.aws;

import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerificationQueue;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The verification queue (standard, not FIFO): the body is {@link VerificationOrder#toJson()}, held
 * back by the message's {@code DelaySeconds} until the effectiveness check is due.
 *
 * <p>SQS delays a message by at most 900 seconds (15 minutes,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html)
 * and rejects a larger value, so a longer delay is sent as 900 s: the check comes early rather than
 * never. A part of a second is rounded up, so it never comes earlier than asked within that limit.
 * A standard queue may deliver a message twice; the consumer's {@code recordOutcome} condition
 * makes a second check a no-op.
 */
public final class SqsVerificationQueue implements VerificationQueue {
    /** SQS's maximum DelaySeconds. */
    static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient sqs;
    private final String queueUrl;

    /** {@code queueUrl}: the VerificationQueue URL. */
    public SqsVerificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void schedule(VerificationOrder order, Duration delay) {
        int delaySeconds = delaySeconds(delay);
        Map<String, MessageAttributeValue> attributes = Map.of(
                "requestId", MessageAttributeValue.builder().dataType("String").stringValue(order.requestId()).build(),
                "incidentId",
                MessageAttributeValue.builder().dataType("String").stringValue(order.incidentId()).build());
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(order.toJson()).delaySeconds(delaySeconds)
                    .messageAttributes(attributes));
        } catch (SdkException e) {
            // The check is not scheduled: the caller fails (and is retried unless SQS refused it for good).
            throw AwsFailures.queueFailure("verification", e);
        }
    }

    /** The delay in whole seconds, rounded up, within SQS's 0..900. */
    static int delaySeconds(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return 0;
        }
        if (delay.compareTo(Duration.ofSeconds(MAX_DELAY_SECONDS)) >= 0) {
            return MAX_DELAY_SECONDS;
        }
        long seconds = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(seconds, MAX_DELAY_SECONDS);
    }
}
