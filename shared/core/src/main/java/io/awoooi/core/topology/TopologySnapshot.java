package io.awoooi.core.topology;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The service topology as observed at one moment. */
public record TopologySnapshot(List<ServiceNode> services, List<Dependency> dependencies, Instant takenAt) {
    public TopologySnapshot {
        services = List.copyOf(services);
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
