package io.awoooi.core.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert of an Alertmanager notification. Label and annotation values may carry personal data:
 * never log them, never put them in an exception message.
 *
 * @param endsAt empty while the alert fires (Alertmanager sends the zero time then)
 */
public record Alert(
        AlertStatus status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Optional<Instant> endsAt,
        String generatorURL,
        String fingerprint) {

    public Alert {
        Objects.requireNonNull(status, "status");
        labels = io.awoooi.core.OrderedMaps.copyOf(labels);
        annotations = io.awoooi.core.OrderedMaps.copyOf(annotations);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** An alert instance: the same labels firing again later is a new instance with a new startsAt. */
    public AlertKey key() {
        return new AlertKey(fingerprint, startsAt);
    }

    public String alertname() {
        return labels.getOrDefault("alertname", "");
    }

    public String severity() {
        return labels.getOrDefault("severity", "");
    }
}
