package io.awoooi.core.execution;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the execution store port for use-case tests. Thread-safe (every method holds the
 * store's lock, so each call is atomic as one conditional write is), and it keeps the same
 * conditions as the DynamoDB adapter: a claim creates the record unless one exists; an IN_PROGRESS
 * record is taken over only once its lease ended before {@code now} (to the millisecond, like the
 * adapter's {@code leaseUntilMs < now}), with the attempt + 1, a new lease and the first
 * {@code startedAt} kept; a finish moves only this attempt's IN_PROGRESS; an outcome is written
 * once, on an EXECUTED record.
 */
public final class InMemoryExecutionStore implements ExecutionStore {
    private final Map<String, ExecutionRecord> records = new HashMap<>();
    private final AtomicInteger claims = new AtomicInteger();
    /** The next calls (any method) throw {@link StoreUnavailableException}, like an unreachable table. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    private void maybeFail() {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
    }

    @Override
    public synchronized Claim claim(String requestId, String incidentId, Instant now, Duration lease) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(now, "now");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive");
        }
        maybeFail();
        claims.incrementAndGet();
        ExecutionRecord seen = records.get(requestId);
        if (seen == null) {
            ExecutionRecord fresh = ExecutionRecord.started(requestId, incidentId, 1, now, now.plus(lease));
            records.put(requestId, fresh);
            return new Claim.Fresh(fresh);
        }
        if (seen.status().finished()) {
            return new Claim.Finished(seen);
        }
        if (seen.leaseUntil().toEpochMilli() >= now.toEpochMilli()) {
            return new Claim.Busy(seen);
        }
        ExecutionRecord taken = new ExecutionRecord(seen.requestId(), seen.incidentId(), ExecutionStatus.IN_PROGRESS,
                seen.attempt() + 1, seen.startedAt(), now.plus(lease), seen.reason(), seen.finishedAt(),
                seen.outcome(), seen.verifiedAt());
        records.put(requestId, taken);
        return new Claim.TakenOver(taken);
    }

    @Override
    public synchronized boolean finish(String requestId, int attempt, ExecutionStatus status, Optional<String> reason,
            Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException("an execution finishes as EXECUTED, VOIDED or FAILED, not " + status);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        maybeFail();
        ExecutionRecord current = records.get(requestId);
        if (current == null || current.status() != ExecutionStatus.IN_PROGRESS || current.attempt() != attempt) {
            return false;
        }
        // like the adapter's SET: an empty reason leaves whatever the record had
        records.put(requestId, new ExecutionRecord(current.requestId(), current.incidentId(), status,
                current.attempt(), current.startedAt(), current.leaseUntil(), reason.or(current::reason),
                Optional.of(at), current.outcome(), current.verifiedAt()));
        return true;
    }

    @Override
    public synchronized boolean recordOutcome(String requestId, Outcome outcome, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        maybeFail();
        ExecutionRecord current = records.get(requestId);
        if (current == null || current.status() != ExecutionStatus.EXECUTED || current.outcome().isPresent()) {
            return false;
        }
        records.put(requestId, new ExecutionRecord(current.requestId(), current.incidentId(), current.status(),
                current.attempt(), current.startedAt(), current.leaseUntil(), current.reason(), current.finishedAt(),
                Optional.of(outcome), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized Optional<ExecutionRecord> find(String requestId) {
        maybeFail();
        return Optional.ofNullable(records.get(requestId));
    }

    /** How many claims reached the store (failed injections excluded). */
    public int claims() {
        return claims.get();
    }

    /** Writes a record as is (a test's shortcut to a state, e.g. one a crashed attempt left behind). */
    public synchronized void put(ExecutionRecord record) {
        records.put(record.requestId(), record);
    }

    /** The stored record, or an {@link AssertionError}. */
    public synchronized ExecutionRecord stored(String requestId) {
        ExecutionRecord r = records.get(requestId);
        if (r == null) {
            throw new AssertionError("no execution record for " + requestId);
        }
        return r;
    }
}
