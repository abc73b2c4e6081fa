package io.awoooi.core.execution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One approved request's execution, written with a condition before anything is done to the
 * cluster, so a redelivered order finds it instead of acting twice.
 *
 * @param attempt 1 for the first claim, +1 for each take-over of an expired lease
 * @param leaseUntil while IN_PROGRESS: until when the current attempt owns it
 * @param reason why it ended VOIDED or FAILED (the API's reason), or what was done when EXECUTED
 */
public record ExecutionRecord(
        String requestId,
        String incidentId,
        ExecutionStatus status,
        int attempt,
        Instant startedAt,
        Instant leaseUntil,
        Optional<String> reason,
        Optional<Instant> finishedAt,
        Optional<Outcome> outcome,
        Optional<Instant> verifiedAt) {

    public ExecutionRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    public static ExecutionRecord started(String requestId, String incidentId, int attempt, Instant now,
            Instant leaseUntil) {
        return new ExecutionRecord(requestId, incidentId, ExecutionStatus.IN_PROGRESS, attempt, now, leaseUntil,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
