package io.awoooi.aws;

import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentEventQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The incidents FIFO queue to the analysis: same group and deduplication rules as raw alerts. */
public final class SqsIncidentEventQueue implements IncidentEventQueue {
    private final SqsFifoPublisher publisher;

    public SqsIncidentEventQueue(SqsClient sqs, String queueUrl) {
        this.publisher = new SqsFifoPublisher(sqs, queueUrl, "incidents");
    }

    @Override
    public void publish(IncidentEvent event, String serializedEvent) {
        publisher.send(serializedEvent, event.groupKeyHash(), event.notificationKey(),
                Map.of("incidentId", event.incidentId()));
    }
}
