package io.awoooi.core.topology;

import java.util.Objects;

/** One service of the topology with its component kind and health. */
public record ServiceNode(ServiceId id, ComponentKind kind, Health health) {
    public ServiceNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(health, "health");
    }
}
