package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.intake.RawAlertQueue;
import io.awoooi.core.intake.RawAlertQueueContract;
import io.awoooi.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The raw-alerts adapter against ElasticMQ: the port's contract, and what is SQS's own (the group attribute). */
class SqsRawAlertQueueTest extends RawAlertQueueContract {
    private final LocalAws aws = LocalAws.shared();
    private final TestQueues queues = new TestQueues(aws.sqs().client());

    @Override
    protected RawAlertQueue freshQueue() {
        String url = queues.freshFifo("raw");
        return queues.sendingTo(url, new SqsRawAlertQueue(aws.sqs().client(), url));
    }

    @Override
    protected List<RawAlertMessage> delivered(RawAlertQueue queue, int expected) {
        return queues.receiveAll(queues.urlOf(queue), expected).stream().map(m -> RawAlertEnvelope.decode(m.body()))
                .toList();
    }

    @Override
    protected RawAlertQueue unreachable() {
        return new SqsRawAlertQueue(aws.sqs().client(), aws.sqs().endpoint() + "/000000000000/missing.fifo");
    }

    @Test
    void publish_sameNotificationTwice_isOneFifoMessageInTheGroupsOrder() {
        // GIVEN a fresh copy of the template's raw-alerts queue (the shared one is used by other tests)
        String url = queues.freshFifo("raw");
        SqsRawAlertQueue queue = new SqsRawAlertQueue(aws.sqs().client(), url);
        RawAlertMessage first = new RawAlertMessage("inc_a", "nk-1", "group-1", Instant.parse("2026-11-25T03:00:00Z"),
                "{\"version\":\"4\"}");
        RawAlertMessage second = new RawAlertMessage("inc_a", "nk-2", "group-1", Instant.parse("2026-11-25T03:01:00Z"),
                "{\"version\":\"4\",\"n\":2}");
        // WHEN the first is sent twice (a retry after a timeout) and then the second
        queue.publish(first);
        queue.publish(first);
        queue.publish(second);
        // THEN two messages, in order, in the group of the Alertmanager group
        List<Message> received = queues.receiveAll(url, 2);
        assertThat(received).hasSize(2);
        assertThat(RawAlertEnvelope.decode(received.get(0).body())).isEqualTo(first);
        assertThat(RawAlertEnvelope.decode(received.get(1).body())).isEqualTo(second);
        assertThat(received.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "group-1");
    }

    @Test
    void publish_templateQueue_acceptsTheMessage() {
        String url = aws.resources().queueUrl("RawAlertsQueue");
        new SqsRawAlertQueue(aws.sqs().client(), url).publish(new RawAlertMessage("inc_b", UUID.randomUUID().toString(),
                "group-" + UUID.randomUUID(), Instant.now(), "{}"));
        assertThat(url).endsWith(".fifo");
    }
}
