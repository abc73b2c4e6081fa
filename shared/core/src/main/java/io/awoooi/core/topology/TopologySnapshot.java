package io.awoooi.core.topology;

import io.awoooi.core.evidence.NodeFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The service topology as observed at one moment.
 *
 * @param nodes the cluster nodes the services' pods run on, by name (empty when not read)
 */
public record TopologySnapshot(List<ServiceNode> services, List<Dependency> dependencies, Instant takenAt,
        Map<String, NodeFacts> nodes) {
    public TopologySnapshot {
        services = List.copyOf(services);
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(takenAt, "takenAt");
        nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** A snapshot without node facts. */
    public TopologySnapshot(List<ServiceNode> services, List<Dependency> dependencies, Instant takenAt) {
        this(services, dependencies, takenAt, Map.of());
    }
}
