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
public record FailureView(String stage, String reason, Instant at, int messages,
        Optional<IncidentFailure.Latest> latest) {
    public FailureView {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latest, "latest");
    }

    public static FailureView of(IncidentFailure f) {
        return new FailureView(f.stage(), f.reason(), f.at(), f.messages(),
                f.messages() > 1 ? Optional.of(f.latest()) : Optional.empty());
    }

    public Map<String, Object> document() {
        return Documents.object().put("stage", stage).put("reason", reason).put("at", at).put("messages", messages)
                .put("latest", latest.map(l -> Documents.object().put("stage", l.stage()).put("reason", l.reason())
                        .put("at", l.at()).build()))
                .build();
    }
}
