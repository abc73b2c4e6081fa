package io.awoooi.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: approval requests and their signatures. Every write two callers can meet is conditional
 * and answers {@code false} when it lost; nothing needs a transaction (the DynamoDB API servers we
 * test against have none, and the quorum is evaluated from consistent reads plus one conditional
 * status change). Transient failures throw {@link io.awoooi.core.failure.StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface ApprovalStore {
    /** Writes a new request unless one with its id exists. */
    boolean create(ApprovalRequest request);

    /** Read strongly consistent. */
    Optional<ApprovalRequest> find(String requestId);

    /**
     * Several requests at once (the incident list), by request id; unknown ids are left out. Not
     * necessarily strongly consistent. This default reads them one by one; stores that can batch should.
     */
    default java.util.Map<String, ApprovalRequest> findAll(java.util.Collection<String> requestIds) {
        java.util.Map<String, ApprovalRequest> out = new java.util.LinkedHashMap<>();
        for (String id : requestIds) {
            find(id).ifPresent(r -> out.put(id, r));
        }
        return out;
    }

    /**
     * The ids of PENDING requests whose expiry is not after {@code now}, soonest expired first, at
     * most {@code limit} (the expiry sweep: only pending requests are indexed, so this reads what is
     * overdue and nothing else). Not necessarily strongly consistent: a listed request may have moved
     * on since, which the sweep's conditional move settles.
     */
    List<String> overdue(Instant now, int limit);

    /**
     * The ids of PENDING requests whose expiry is after {@code now}, soonest expiry first, at most
     * {@code limit}, whatever made them (an incident's analysis, an outside agent, the FinOps or drift
     * scan): the console's pending approvals. The overdue ones the sweep has not moved yet are left
     * out ({@link #overdue} lists them). Not necessarily strongly consistent: the reader checks each
     * request's status.
     */
    List<String> pending(Instant now, int limit);

    /**
     * Moves the request from {@code from} to {@code to} only if it still is {@code from}.
     *
     * @return false if someone else moved it first (or it does not exist)
     */
    boolean transition(String requestId, ApprovalStatus from, ApprovalStatus to, Optional<String> reason, Instant at);

    /** Records that links went to these approvers. */
    void markNotified(String requestId, List<String> approverIds);

    /** Records that the approved request is on the executions queue. */
    void markDispatched(String requestId);

    /**
     * Records one approver's decision unless that approver already decided on this request (the
     * link's single use).
     *
     * @return false when the approver had already signed
     */
    boolean addSignature(String requestId, Signature signature);

    /** Every signature, oldest first, read strongly consistent. */
    List<Signature> signatures(String requestId);

    /**
     * Keeps where a message about this request went (one per request, channel and recipient: the
     * first kept stays, so later news edits that one).
     *
     * @return false when one was kept already for that channel and recipient
     */
    boolean saveMessage(String requestId, io.awoooi.core.notify.MessageRef ref);

    /** The messages kept for this request. */
    List<io.awoooi.core.notify.MessageRef> messages(String requestId);
}
