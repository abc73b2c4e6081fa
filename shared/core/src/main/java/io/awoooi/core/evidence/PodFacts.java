package io.awoooi.core.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pod of a workload.
 *
 * @param node {@code spec.nodeName}; empty while the pod is not scheduled
 * @param phase {@code status.phase}: Pending, Running, Succeeded, Failed, Unknown
 * @param ready the Ready condition is True
 * @param readySince when the Ready condition last changed (to True when {@code ready}, to False otherwise)
 * @param createdAt {@code metadata.creationTimestamp}
 * @param templateHash the {@code pod-template-hash} label (a Deployment's ReplicaSet), or the
 *     {@code controller-revision-hash} of a StatefulSet/DaemonSet pod; empty for bare pods
 * @param terminating it has a deletion timestamp
 * @param claims the PersistentVolumeClaims its volumes mount
 */
public record PodFacts(String name, Optional<String> node, String phase, boolean ready, Optional<Instant> readySince,
        Optional<Instant> createdAt, Optional<String> templateHash, boolean terminating,
        List<ContainerFacts> containers,
        List<String> claims) {
    public PodFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        phase = phase == null ? "Unknown" : phase;
        Objects.requireNonNull(readySince, "readySince");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(templateHash, "templateHash");
        containers = List.copyOf(containers);
        claims = List.copyOf(claims);
    }

    /** Restarts over every container. */
    public int restarts() {
        return containers.stream().mapToInt(ContainerFacts::restarts).sum();
    }

    /** Finished for good (a Job's pod, an evicted one): not a replica that should serve. */
    public boolean finished() {
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
