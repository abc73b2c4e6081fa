package io.awoooi.core.alert;

import java.util.Optional;

public enum AlertStatus {
    FIRING,
    RESOLVED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<AlertStatus> fromWire(String value) {
        return switch (value == null ? "" : value) {
            case "firing" -> Optional.of(FIRING);
            case "resolved" -> Optional.of(RESOLVED);
            default -> Optional.empty();
        };
    }
}
