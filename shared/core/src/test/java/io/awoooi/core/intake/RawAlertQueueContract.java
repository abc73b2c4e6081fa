package io.awoooi.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.QueueUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link RawAlertQueue} port, run against the recording fake here and the
 * SQS FIFO adapter in shared/aws on ElasticMQ (through the core test-jar): a notification
 * published twice (Alertmanager retried, or the intake's own retry) is one message; the
 * notifications of one Alertmanager group arrive in the order sent, as they were sent; a queue
 * that cannot take one says so.
 */
public abstract class RawAlertQueueContract {

    /** A fresh, empty queue, used by one test only. */
    protected abstract RawAlertQueue freshQueue();

    /** Every message the queue delivers now, in delivery order, waiting for at least {@code expected}. */
    protected abstract List<RawAlertMessage> delivered(RawAlertQueue queue, int expected);

    /** A queue that cannot be reached. */
    protected abstract RawAlertQueue unreachable();

    private static RawAlertMessage message(String group, int n) {
        return new RawAlertMessage("inc_" + group, "nk-" + UUID.randomUUID(), group,
                Instant.parse("2026-12-07T03:00:00Z").plusSeconds(n), "{\"version\":\"4\",\"n\":" + n + "}");
    }

    @Test
    void publish_sameNotificationTwice_deliveredOnce() {
        RawAlertQueue queue = freshQueue();
        RawAlertMessage m = message("group-" + UUID.randomUUID(), 1);
        queue.publish(m);
        queue.publish(m);
        assertThat(delivered(queue, 1)).containsExactly(m);
    }

    @Test
    void publish_oneGroupsNotifications_deliveredInTheOrderSent() {
        RawAlertQueue queue = freshQueue();
        String group = "group-" + UUID.randomUUID();
        RawAlertMessage first = message(group, 1);
        RawAlertMessage second = message(group, 2);
        RawAlertMessage third = message(group, 3);
        queue.publish(first);
        queue.publish(second);
        queue.publish(third);
        assertThat(delivered(queue, 3)).containsExactly(first, second, third);
    }

    @Test
    void publish_unreachableQueue_throwsQueueUnavailable() {
        assertThatThrownBy(() -> unreachable().publish(message("g", 1))).isInstanceOf(QueueUnavailableException.class);
    }
}
