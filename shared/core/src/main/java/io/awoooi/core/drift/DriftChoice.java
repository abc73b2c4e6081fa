package io.awoooi.core.drift;

import java.util.Locale;
import java.util.Optional;

/** What an approver chose for a drifted workload: keep it as it is now, or put it back. */
public enum DriftChoice {
    ACCEPT,
    ROLLBACK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DriftChoice> fromWire(String wire) {
        for (DriftChoice c : values()) {
            if (c.wire().equals(wire)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
