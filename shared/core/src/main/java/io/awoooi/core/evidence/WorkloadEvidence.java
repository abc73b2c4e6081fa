package io.awoooi.core.evidence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the cluster says about one topology node, as facts.
 *
 * @param workload the controller (its real kind), empty for a node that is only a Service
 * @param pods its pods, terminating and finished ones included (the rules skip them)
 * @param rollout a Deployment's rollout history, when its ReplicaSets could be read
 * @param events events about the workload, its pods and its claims, newest first, bounded
 * @param claims the claims its pods mount
 */
public record WorkloadEvidence(Optional<WorkloadRef> workload, List<PodFacts> pods, Optional<RolloutFacts> rollout,
        List<EventFacts> events, List<ClaimFacts> claims) {
    public WorkloadEvidence {
        Objects.requireNonNull(workload, "workload");
        pods = List.copyOf(pods);
        Objects.requireNonNull(rollout, "rollout");
        events = List.copyOf(events);
        claims = List.copyOf(claims);
    }

    /** Nothing known (a node added from an edge, a test topology). */
    public static WorkloadEvidence none() {
        return new WorkloadEvidence(Optional.empty(), List.of(), Optional.empty(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return workload.isEmpty() && pods.isEmpty() && rollout.isEmpty() && events.isEmpty() && claims.isEmpty();
    }
}
