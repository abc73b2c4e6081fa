package io.awoooi.core.shield;

import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.alert.AlertStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An alert as the rest of AWOOOI sees it: every personal value replaced by its label. */
public record RedactedAlert(
        String fingerprint,
        Instant startsAt,
        AlertStatus status,
        Optional<Instant> endsAt,
        Map<String, String> labels,
        Map<String, String> annotations,
        String generatorURL) {

    public RedactedAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endsAt, "endsAt");
        labels = io.awoooi.core.OrderedMaps.copyOf(labels);
        annotations = io.awoooi.core.OrderedMaps.copyOf(annotations);
        Objects.requireNonNull(generatorURL, "generatorURL");
    }

    public AlertKey key() {
        return new AlertKey(fingerprint, startsAt);
    }
}
