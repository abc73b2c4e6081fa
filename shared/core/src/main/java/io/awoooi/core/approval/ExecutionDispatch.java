package io.awoooi.core.approval;

import java.time.Clock;
import java.util.Objects;

/**
 * Hands approved requests to the executor: only the functions where a quorum can be met (the
 * analysis and the scans by trust, the approval function by signatures) hold one; the executor, the
 * expiry sweep and the MCP bridge do not (no queue URL, no SQS client, no right to send).
 */
public record ExecutionDispatch(ExecutionQueue executions, ApprovalStore store, Clock clock) {
    public ExecutionDispatch {
        Objects.requireNonNull(executions, "executions");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Puts the approved request on the executions queue and marks it dispatched. Safe to repeat: the
     * queue deduplicates on the request id.
     *
     * @throws io.awoooi.core.failure.QueueUnavailableException when the queue cannot take it (the
     *     request stays APPROVED and undispatched; the next attempt sends it)
     */
    public void dispatch(ApprovalRequest request) {
        executions.enqueue(ExecutionOrder.of(request, clock.instant()));
        store.markDispatched(request.id());
    }
}
