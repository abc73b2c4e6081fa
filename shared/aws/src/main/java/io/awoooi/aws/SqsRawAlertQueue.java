package io.awoooi.aws;

import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.intake.RawAlertQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The raw-alerts FIFO queue. Message group = the Alertmanager group (its notifications are consumed
 * in order, which consistent pseudonym labels rely on); deduplication id = the notification key.
 */
public final class SqsRawAlertQueue implements RawAlertQueue {
    private final SqsFifoPublisher publisher;

    public SqsRawAlertQueue(SqsClient sqs, String queueUrl) {
        this.publisher = new SqsFifoPublisher(sqs, queueUrl, "raw-alerts");
    }

    @Override
    public void publish(RawAlertMessage message) {
        publisher.send(RawAlertEnvelope.encode(message), message.groupKeyHash(), message.notificationKey(),
                Map.of("incidentId", message.incidentId()));
    }
}
