package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.failure.QueueUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link ExecutionQueue} port, run against every implementation: the
 * recording fake here, the SQS FIFO adapter in shared/aws on ElasticMQ (through the core test-jar).
 * What the executor relies on: a request dispatched twice is one message (a retried dispatch must
 * not execute twice), orders for one target arrive in the order sent, an order arrives as it was
 * sent, and a queue that cannot take it says so with {@link QueueUnavailableException}.
 */
public abstract class ExecutionQueueContract {
    private static final Instant APPROVED = Instant.parse("2026-12-07T03:10:00Z");

    /** A fresh, empty queue, used by one test only. */
    protected abstract ExecutionQueue freshQueue();

    /** Every message the queue delivers now, in delivery order, waiting for at least {@code expected}. */
    protected abstract List<ExecutionOrder> delivered(ExecutionQueue queue, int expected);

    /** A queue that cannot be reached. */
    protected abstract ExecutionQueue unreachable();

    /** An approved order to restart a pod of {@code namespace} (one target group per namespace/pod). */
    protected static ExecutionOrder order(String pod) {
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "");
        ProposedAction action = new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop", "pod", pod));
        return new ExecutionOrder(ApprovalRequest.idFor(incident), incident, "nk-" + incident, action,
                ApprovalRequest.hashOf(action), "sha256:" + pod, APPROVED);
    }

    @Test
    void enqueue_sameOrderTwice_deliveredOnce() {
        // GIVEN an approved order / WHEN it is dispatched twice (a retry after a timeout)
        ExecutionQueue queue = freshQueue();
        ExecutionOrder order = order("postgres-db-0");
        queue.enqueue(order);
        queue.enqueue(order);
        // THEN one message
        assertThat(delivered(queue, 1)).containsExactly(order);
    }

    @Test
    void enqueue_twoRequestsForOneTarget_deliveredInTheOrderSent() {
        // GIVEN two approved requests on the same pod
        ExecutionQueue queue = freshQueue();
        ExecutionOrder first = order("postgres-db-0");
        ExecutionOrder second = order("postgres-db-0");
        // WHEN both are dispatched
        queue.enqueue(first);
        queue.enqueue(second);
        // THEN both arrive, first first, each as it was sent
        assertThat(delivered(queue, 2)).containsExactly(first, second);
    }

    @Test
    void enqueue_unreachableQueue_throwsQueueUnavailable() {
        assertThatThrownBy(() -> unreachable().enqueue(order("postgres-db-0")))
                .isInstanceOf(QueueUnavailableException.class);
    }
}
