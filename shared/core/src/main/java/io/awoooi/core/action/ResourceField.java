package io.awoooi.core.action;

import java.util.Optional;

/** Which of a container's resource values {@code set_resources} changes: its limit or its request. */
public enum ResourceField {
    LIMIT("limit", "limits"),
    REQUEST("request", "requests");

    private final String id;
    private final String key;

    ResourceField(String id, String key) {
        this.id = id;
        this.key = key;
    }

    /** The parameter value, e.g. {@code limit}. */
    public String id() {
        return id;
    }

    /** The key under a container's {@code resources}, e.g. {@code limits}. */
    public String key() {
        return key;
    }

    public static Optional<ResourceField> fromId(String id) {
        for (ResourceField f : values()) {
            if (f.id.equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
