package io.awoooi.core.incident.view;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The execution of the incident's approved action: {status (EXECUTED | VOIDED | FAILED, or
 * IN_PROGRESS while running), reason?, outcome? (EFFECTIVE | INEFFECTIVE once verified), at (when it
 * finished, else when it started), verifiedAt?, attempt}. The incident list shows its {@link Summary}.
 */
public record ExecutionView(String status, Optional<String> reason, Optional<String> outcome, Instant at,
        Optional<Instant> verifiedAt, int attempt) {
    public ExecutionView {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    /** The execution in the incident list: {status, outcome?, updatedAt (its latest change)}. */
    public record Summary(String status, Optional<String> outcome, Instant updatedAt) {
        public Summary {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }

        public Map<String, Object> document() {
            return Documents.object().put("status", status).put("outcome", outcome).put("updatedAt", updatedAt).build();
        }
    }

    /** Its latest change: the verification, else the end or the start. */
    public Instant updatedAt() {
        return verifiedAt.filter(v -> v.isAfter(at)).orElse(at);
    }

    public Map<String, Object> document() {
        return Documents.object().put("status", status).put("reason", reason).put("outcome", outcome).put("at", at)
                .put("verifiedAt", verifiedAt).put("attempt", attempt).build();
    }
}
