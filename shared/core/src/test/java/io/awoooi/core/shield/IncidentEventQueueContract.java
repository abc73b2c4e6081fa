package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.intake.MessageTooLargeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link IncidentEventQueue} port, run against the recording fake here and the
 * SQS FIFO adapter in shared/aws on ElasticMQ (through the core test-jar). What the redaction and
 * the analysis rely on: an event published twice for one notification (a redelivered raw message)
 * is one message; the events of one Alertmanager group arrive in the order sent, each body as it
 * was handed over (the leak guard checked exactly that text); a body larger than the queue carries
 * is refused with {@link MessageTooLargeException} (permanent: a retry cannot succeed); a queue that
 * cannot take the event says so with {@link QueueUnavailableException}.
 */
public abstract class IncidentEventQueueContract {
    private static final Instant RECEIVED = Instant.parse("2026-12-07T03:00:00Z");

    /** A fresh, empty queue, used by one test only. */
    protected abstract IncidentEventQueue freshQueue();

    /** Every message body the queue delivers now, in delivery order, waiting for at least {@code expected}. */
    protected abstract List<String> delivered(IncidentEventQueue queue, int expected);

    /** A queue that cannot be reached. */
    protected abstract IncidentEventQueue unreachable();

    /** The {@code n}th notification of an Alertmanager group, pseudonymized, with an annotation of {@code text}. */
    protected static IncidentEvent event(String groupKeyHash, int n, String text) {
        RedactedAlert alert = new RedactedAlert("fp" + n, RECEIVED, AlertStatus.FIRING, Optional.empty(),
                Map.of("alertname", "PostgresDown", "instance", "[IP_1]:5432"), Map.of("description", text),
                "http://prometheus/graph");
        return new IncidentEvent("inc_" + groupKeyHash, "nk-" + UUID.randomUUID(), groupKeyHash, AlertStatus.FIRING,
                RECEIVED.plusSeconds(n), Map.of("alertname", "PostgresDown"), Map.of(), Map.of(), List.of(alert));
    }

    private static String groupKeyHash() {
        return "gkh-" + UUID.randomUUID();
    }

    @Test
    void publish_sameNotificationTwice_deliveredOnce() {
        // GIVEN a redacted event / WHEN it is published twice (the raw message was redelivered)
        IncidentEventQueue queue = freshQueue();
        IncidentEvent event = event(groupKeyHash(), 1, "[IP_1] refused connections");
        String body = IncidentEventCodec.encode(event);
        queue.publish(event, body);
        queue.publish(event, body);
        // THEN one message, the body as handed over, which reads back as the event
        List<String> delivered = delivered(queue, 1);
        assertThat(delivered).containsExactly(body);
        assertThat(IncidentEventCodec.decode(delivered.get(0))).isEqualTo(event);
    }

    @Test
    void publish_oneGroupsEvents_deliveredInTheOrderSent() {
        // GIVEN three notifications of one Alertmanager group
        IncidentEventQueue queue = freshQueue();
        String group = groupKeyHash();
        List<IncidentEvent> events = List.of(event(group, 1, "first"), event(group, 2, "second"),
                event(group, 3, "third"));
        // WHEN they are published in turn
        events.forEach(e -> queue.publish(e, IncidentEventCodec.encode(e)));
        // THEN all three arrive, in that order
        assertThat(delivered(queue, 3))
                .containsExactlyElementsOf(events.stream().map(IncidentEventCodec::encode).toList());
    }

    @Test
    void publish_bodyLargerThanTheQueueCarries_refusedAndNothingDelivered() {
        // GIVEN an event whose body is over 1 MiB (an alert with a huge annotation)
        IncidentEventQueue queue = freshQueue();
        IncidentEvent event = event(groupKeyHash(), 1, "x".repeat(1024 * 1024));
        // WHEN it is published / THEN it is refused for good, and nothing is on the queue
        assertThatThrownBy(() -> queue.publish(event, IncidentEventCodec.encode(event)))
                .isInstanceOf(MessageTooLargeException.class);
        assertThat(delivered(queue, 0)).isEmpty();
    }

    @Test
    void publish_unreachableQueue_throwsQueueUnavailable() {
        IncidentEvent event = event(groupKeyHash(), 1, "text");
        assertThatThrownBy(() -> unreachable().publish(event, IncidentEventCodec.encode(event)))
                .isInstanceOf(QueueUnavailableException.class);
    }
}
