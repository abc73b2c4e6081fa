package io.awoooi.core.topology;

import io.awoooi.core.evidence.WorkloadEvidence;
import java.util.Objects;

/**
 * One service of the topology with its component kind, health and the cluster's facts about it.
 *
 * @param evidence the typed facts behind {@code health} (pods, rollout, events, claims); empty when
 *     the source has none (a node added from an edge, a test topology)
 */
public record ServiceNode(ServiceId id, ComponentKind kind, Health health, WorkloadEvidence evidence) {
    public ServiceNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A node without typed evidence. */
    public ServiceNode(ServiceId id, ComponentKind kind, Health health) {
        this(id, kind, health, WorkloadEvidence.none());
    }
}
