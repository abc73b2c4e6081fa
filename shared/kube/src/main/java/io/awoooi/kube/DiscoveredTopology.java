package io.awoooi.kube;

import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A topology snapshot plus the names that lead to its nodes: a Kubernetes Service that selects a
 * workload is not a node of its own, the workload is; {@code aliases} maps such a Service
 * ({@code shop/postgres}) to the node ({@code shop/postgres-db}), so an alert or an edge that names
 * the Service finds the node.
 *
 * @param aliases Service id to node id; never contains a node id as a key
 */
public record DiscoveredTopology(TopologySnapshot snapshot, Map<ServiceId, ServiceId> aliases) {
    public DiscoveredTopology {
        Objects.requireNonNull(snapshot, "snapshot");
        aliases = Map.copyOf(aliases);
    }

    /** The node id for a node id or an alias; empty when the name is unknown. */
    public Optional<ServiceId> resolve(ServiceId id) {
        if (snapshot.services().stream().anyMatch(n -> n.id().equals(id))) {
            return Optional.of(id);
        }
        return Optional.ofNullable(aliases.get(id));
    }

    /** The node for a node id or an alias. */
    public Optional<ServiceNode> node(ServiceId id) {
        return resolve(id)
                .flatMap(target -> snapshot.services().stream().filter(n -> n.id().equals(target)).findFirst());
    }

    /** The aliases sorted by Service id, for display and stable output. */
    public Map<ServiceId, ServiceId> sortedAliases() {
        return new TreeMap<>(aliases);
    }
}
