package io.awoooi.core.approval;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable side of approvals: the requests and their signatures, trust per action pattern and the
 * incidents' operation log, on one clock. Every function on the approval path holds it; none of it
 * needs the link key, the approvers or a queue.
 */
public record ApprovalLedger(ApprovalStore store, TrustStore trust, OperationLog operations, Clock clock) {
    private static final Logger LOG = Logger.getLogger(ApprovalLedger.class.getName());

    public ApprovalLedger {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The trust of an action pattern, 0 when it cannot be read: without trust the quorum is the full
     * one, the safe side (a trust store that is down never lowers a quorum nor blocks a request).
     */
    public int trustOf(ActionPattern pattern) {
        try {
            return trust.score(pattern);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Appends to the incident's operation log without ever failing the caller. */
    public void log(ApprovalRequest request, String opKey, String type, String actor, Map<String, String> input,
            Map<String, String> output, Optional<String> parentOpId, Instant started) {
        Instant now = clock.instant();
        OperationLog.appendQuietly(operations, new Operation(opIdFor(request, opKey), request.incidentId(), type,
                actor, input, output, Math.max(0, Duration.between(started, now).toMillis()), parentOpId, now));
    }

    /** The id of an operation on a request ({@code opKey} distinguishes, e.g. {@code signed/alice}). */
    public static String opIdFor(ApprovalRequest request, String opKey) {
        return Operation.idFor(request.notificationKey(), request.id() + "/" + opKey);
    }

    /**
     * Trust changes are audited (chained to the operation that caused them: {@code rejected} or
     * {@code verified}) and never fail what they follow.
     */
    public void changeTrust(ApprovalRequest request, boolean approved, String actor) {
        changeTrust(request, approved, actor, approved ? "verified" : "rejected");
    }

    public void changeTrust(ApprovalRequest request, boolean approved, String actor, String causeOpKey) {
        Instant started = clock.instant();
        try {
            int before = trust.score(request.pattern());
            int after = approved ? trust.increment(request.pattern()) : 0;
            if (!approved) {
                trust.reset(request.pattern());
            }
            log(request, approved ? "trust/up" : "trust/reset", "trust_changed", actor,
                    Map.of("pattern", request.pattern().value()),
                    Map.of("before", String.valueOf(before), "after", String.valueOf(after)),
                    Optional.of(opIdFor(request, causeOpKey)), started);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trust of {0} not changed: {1}",
                    new Object[] {request.pattern().value(), e.getClass().getSimpleName()});
        }
    }
}
