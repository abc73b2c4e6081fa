package io.awoooi.aws;

import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.intake.RawAlertQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The raw-alerts FIFO queue. Message group = the Alertmanager group (its notifications are consumed
 * in order, which consistent pseudonym labels rely on); deduplication id = the notification key.
 * Body and attributes are {@link RawAlertEnvelope}'s, so intake can measure the message
 * ({@link RawAlertEnvelope#sqsBytes}) before it writes anything.
 */
public final class SqsRawAlertQueue implements RawAlertQueue {
    private final SqsFifoPublisher publisher;

    public SqsRawAlertQueue(SqsClient sqs, String queueUrl) {
        this.publisher = new SqsFifoPublisher(sqs, queueUrl, "raw-alerts");
    }

    @Override
    public void publish(RawAlertMessage message) {
        publisher.send(RawAlertEnvelope.encode(message), message.groupKeyHash(), message.notificationKey(),
                RawAlertEnvelope.attributes(message));
    }
}
