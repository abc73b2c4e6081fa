package io.awoooi.core.incident.view;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert of an incident: {alertname, severity, fingerprint, startsAt, status, endsAt?, labels?,
 * annotations?, generatorURL?}. Labels and annotations are the Privacy Shield's pseudonymized ones
 * ({@code [IP_1]}), present once the redaction ran and only in the incident's document (the list
 * leaves them out to stay one query).
 *
 * @param status FIRING | RESOLVED
 */
public record AlertView(String alertname, String severity, String fingerprint, Instant startsAt, String status,
        Optional<Instant> endsAt, Optional<Redacted> redacted) {
    public AlertView {
        Objects.requireNonNull(alertname, "alertname");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(redacted, "redacted");
    }

    /**
     * What the Privacy Shield left of the alert's labels and annotations.
     *
     * @param generatorURL empty when the alert had none (then not shown)
     */
    public record Redacted(Map<String, String> labels, Map<String, String> annotations, String generatorURL) {
        public Redacted {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(annotations, "annotations");
            Objects.requireNonNull(generatorURL, "generatorURL");
        }
    }

    /** The pseudonymized labels; none before the redaction ran. */
    public Map<String, String> labels() {
        return redacted.map(Redacted::labels).orElse(Map.of());
    }

    /** The pseudonymized annotations; none before the redaction ran. */
    public Map<String, String> annotations() {
        return redacted.map(Redacted::annotations).orElse(Map.of());
    }

    /** The same alert without its labels and annotations (as the incident list shows it). */
    public AlertView withoutDetails() {
        return new AlertView(alertname, severity, fingerprint, startsAt, status, endsAt, Optional.empty());
    }

    public Map<String, Object> document() {
        Documents doc = Documents.object().put("alertname", alertname).put("severity", severity)
                .put("fingerprint", fingerprint).put("startsAt", startsAt).put("status", status).put("endsAt", endsAt);
        redacted.ifPresent(r -> {
            doc.put("labels", r.labels()).put("annotations", r.annotations());
            if (!r.generatorURL().isEmpty()) {
                doc.put("generatorURL", r.generatorURL());
            }
        });
        return doc.build();
    }
}
