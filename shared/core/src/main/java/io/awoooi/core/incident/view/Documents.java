package io.awoooi.core.incident.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An ordered JSON object under construction: fields in the order put, optional ones only when present. */
final class Documents {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    static Documents object() {
        return new Documents();
    }

    Documents put(String name, Object value) {
        if (value instanceof Optional<?>) {
            throw new IllegalArgumentException(name + ": an Optional is written present or not, never as a value");
        }
        fields.put(name, value instanceof Instant t ? t.toString() : value);
        return this;
    }

    /** The field when the value is present, left out otherwise. */
    Documents put(String name, Optional<?> value) {
        value.ifPresent(v -> put(name, v));
        return this;
    }

    Map<String, Object> build() {
        return fields;
    }
}
