package io.awoooi.core.incident.view;

import io.awoooi.core.incident.IncidentFailure;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident's permanent processing failure: {stage, reason, at, messages, latest?}: the first
 * failure, and the latest {stage, reason, at} when more than one message failed.
 */
public record FailureView(String stage, String reason, Instant at, int messages, Optional<Latest> latest) {
    public FailureView {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latest, "latest");
    }

    public record Latest(String stage, String reason, Instant at) {
        public Latest {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }

        public Map<String, Object> document() {
            return Documents.object().put("stage", stage).put("reason", reason).put("at", at).build();
        }
    }

    public static FailureView of(IncidentFailure f) {
        return new FailureView(f.stage(), f.reason(), f.at(), f.messages(), f.messages() > 1
                ? Optional.of(new Latest(f.latest().stage(), f.latest().reason(), f.latest().at())) : Optional.empty());
    }

    public Map<String, Object> document() {
        return Documents.object().put("stage", stage).put("reason", reason).put("at", at).put("messages", messages)
                .put("latest", latest.map(Latest::document)).build();
    }
}
