package io.awoooi.core.approval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

public enum Decision {
    APPROVE,
    REJECT;

    @JsonValue
    public String wireName() {
        return this == APPROVE ? "approve" : "reject";
    }

    public static Optional<Decision> fromWire(String value) {
        return "approve".equals(value) ? Optional.of(APPROVE)
                : "reject".equals(value) ? Optional.of(REJECT) : Optional.empty();
    }
}
