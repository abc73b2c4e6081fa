package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentEventCodec;
import io.awoooi.core.shield.IncidentEventQueue;
import io.awoooi.core.shield.IncidentEventQueueContract;
import io.awoooi.testing.LocalAws;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The incidents queue adapter against ElasticMQ: the port's contract, and what is SQS's own (group, ids). */
class SqsIncidentEventQueueTest extends IncidentEventQueueContract {
    private final LocalAws aws = LocalAws.shared();
    private final TestQueues queues = new TestQueues(aws.sqs().client());

    @Override
    protected IncidentEventQueue freshQueue() {
        String url = queues.freshFifo("incidents");
        return queues.sendingTo(url, new SqsIncidentEventQueue(aws.sqs().client(), url));
    }

    @Override
    protected List<String> delivered(IncidentEventQueue queue, int expected) {
        return queues.receiveAll(queues.urlOf(queue), expected).stream().map(Message::body).toList();
    }

    @Override
    protected IncidentEventQueue unreachable() {
        return new SqsIncidentEventQueue(aws.sqs().client(), aws.sqs().endpoint() + "/000000000000/missing.fifo");
    }

    @Test
    void publish_event_sentInItsGroupWithTheNotificationKeyAsDeduplicationId() {
        // GIVEN a fresh FIFO queue and a redacted event
        String url = queues.freshFifo("incidents");
        IncidentEvent event = event("gkh-1", 1, "[IP_1] refused connections");
        // WHEN it is published
        new SqsIncidentEventQueue(aws.sqs().client(), url).publish(event, IncidentEventCodec.encode(event));
        // THEN the message is in the group of the Alertmanager group, deduplicated on the notification
        // key, and says which incident it belongs to
        Message message = queues.receiveAll(url, 1).get(0);
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "gkh-1")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, event.notificationKey());
        assertThat(message.messageAttributes().get("incidentId").stringValue()).isEqualTo(event.incidentId());
    }

    @Test
    void publish_templateQueue_acceptsTheEvent() {
        String url = aws.resources().queueUrl("IncidentsQueue");
        IncidentEvent event = event("gkh-template", 1, "text");
        new SqsIncidentEventQueue(aws.sqs().client(), url).publish(event, IncidentEventCodec.encode(event));
        assertThat(url).endsWith(".fifo");
    }
}
