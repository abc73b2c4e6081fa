package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Kubernetes timestamps (RFC 3339, {@code 2026-11-25T03:00:00Z}) as instants; unparsable or absent reads as empty. */
final class Times {
    private Times() {
    }

    static Optional<Instant> parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    static Optional<Instant> parse(MicroTime time) {
        return time == null ? Optional.empty() : parse(time.getTime());
    }
}
