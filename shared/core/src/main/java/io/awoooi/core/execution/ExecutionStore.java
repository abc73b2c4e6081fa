package io.awoooi.core.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: execution records, one per approval request. Every write is conditional; nothing needs a
 * transaction. Transient failures throw {@link io.awoooi.core.failure.StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface ExecutionStore {

    /** What claiming an execution found. */
    sealed interface Claim {
        /** No record existed: this attempt owns a new IN_PROGRESS record. */
        record Fresh(ExecutionRecord record) implements Claim {
        }

        /**
         * An IN_PROGRESS record whose lease had expired (an attempt crashed, maybe mid-action): this
         * attempt owns it now and must look at the cluster before acting.
         */
        record TakenOver(ExecutionRecord record) implements Claim {
        }

        /** Another attempt holds a live lease: leave it alone (and retry later). */
        record Busy(ExecutionRecord record) implements Claim {
        }

        /** Already EXECUTED, VOIDED or FAILED: nothing to do. */
        record Finished(ExecutionRecord record) implements Claim {
        }
    }

    /**
     * Creates the IN_PROGRESS record unless one exists (condition: no record), or takes over an
     * IN_PROGRESS record whose lease ended before {@code now} (condition: same attempt, lease
     * expired), with a lease until {@code now + lease}.
     */
    Claim claim(String requestId, String incidentId, Instant now, Duration lease);

    /**
     * Ends the execution: IN_PROGRESS of this attempt -> {@code status} (not IN_PROGRESS).
     *
     * @return false when the record is no longer this attempt's IN_PROGRESS
     */
    boolean finish(String requestId, int attempt, ExecutionStatus status, Optional<String> reason, Instant at);

    /**
     * Writes the effectiveness outcome of an EXECUTED record, once.
     *
     * @return false when it already had one (or is not EXECUTED)
     */
    boolean recordOutcome(String requestId, Outcome outcome, Instant at);

    /** Read strongly consistent. */
    Optional<ExecutionRecord> find(String requestId);

    /**
     * Several records at once (the incident list), by request id; unknown ids are left out. This
     * default reads them one by one; stores that can batch should.
     */
    default java.util.Map<String, ExecutionRecord> findAll(java.util.Collection<String> requestIds) {
        java.util.Map<String, ExecutionRecord> out = new java.util.LinkedHashMap<>();
        for (String id : requestIds) {
            find(id).ifPresent(r -> out.put(id, r));
        }
        return out;
    }
}
