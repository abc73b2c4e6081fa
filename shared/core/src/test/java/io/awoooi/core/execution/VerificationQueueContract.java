package io.awoooi.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.QueueUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link VerificationQueue} port, run against every implementation: the
 * recording fake here, the SQS adapter in shared/aws on ElasticMQ (through the core test-jar). What
 * the executor relies on when it schedules an effectiveness check: a check without a delay is due at
 * once and arrives as it was sent; a check scheduled ahead is held back; any delay is taken (one
 * longer than the queue can hold makes the check come early, never refused: an execution must not
 * fail because its check is far off); the checks of several executions all arrive; a queue that
 * cannot take a check says so with {@link QueueUnavailableException}. The queue is not FIFO and may
 * deliver a check twice: the consumer's outcome condition makes that a no-op, so nothing here asks
 * for order or for exactly once.
 */
public abstract class VerificationQueueContract {

    /** A fresh, empty queue, used by one test only. */
    protected abstract VerificationQueue freshQueue();

    /** The checks that are due now, waiting for at least {@code expected}; called once per queue. */
    protected abstract List<VerificationOrder> due(VerificationQueue queue, int expected);

    /** How many checks the queue holds back for later. */
    protected abstract int heldBack(VerificationQueue queue);

    /** A queue that cannot be reached. */
    protected abstract VerificationQueue unreachable();

    protected static VerificationOrder order() {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        return new VerificationOrder("apr_" + suffix, "inc_" + suffix);
    }

    @Test
    void schedule_noDelay_dueAtOnceAsSent() {
        // GIVEN an executed request's check
        VerificationQueue queue = freshQueue();
        VerificationOrder order = order();
        // WHEN it is scheduled without a delay
        queue.schedule(order, Duration.ZERO);
        // THEN it is due now, as it was sent, and nothing is held back
        assertThat(due(queue, 1)).containsExactly(order);
        assertThat(heldBack(queue)).isZero();
    }

    @Test
    void schedule_fiveMinutesAhead_heldBack() {
        // GIVEN a check / WHEN it is scheduled 5 minutes ahead (longer than any test takes on any machine)
        // THEN nothing is due now and the queue holds it back
        assertHeldBackAfterScheduling(Duration.ofMinutes(5));
    }

    @Test
    void schedule_delayLongerThanTheQueueHolds_takenAndHeldBack() {
        // GIVEN a check / WHEN it is scheduled an hour ahead (SQS holds a message back 15 minutes at most)
        // THEN the queue took it (no refusal) and holds it back
        assertHeldBackAfterScheduling(Duration.ofHours(1));
    }

    private void assertHeldBackAfterScheduling(Duration delay) {
        VerificationQueue queue = freshQueue();
        queue.schedule(order(), delay);
        assertThat(due(queue, 0)).isEmpty();
        assertThat(heldBack(queue)).isEqualTo(1);
    }

    @Test
    void schedule_checksOfThreeExecutions_allDue() {
        // GIVEN three executed requests
        VerificationQueue queue = freshQueue();
        VerificationOrder first = order();
        VerificationOrder second = order();
        VerificationOrder third = order();
        // WHEN their checks are scheduled without a delay
        queue.schedule(first, Duration.ZERO);
        queue.schedule(second, Duration.ZERO);
        queue.schedule(third, Duration.ZERO);
        // THEN all three are due, in any order (a standard queue)
        assertThat(due(queue, 3)).containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    void schedule_unreachableQueue_throwsQueueUnavailable() {
        assertThatThrownBy(() -> unreachable().schedule(order(), Duration.ofSeconds(1)))
                .isInstanceOf(QueueUnavailableException.class);
    }
}
