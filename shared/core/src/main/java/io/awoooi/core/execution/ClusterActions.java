package io.awoooi.core.execution;

import io.awoooi.core.action.ProposedAction;

/**
 * Port: the catalog's actions against the cluster through its typed API (never a shell, never a
 * kubectl string). The action's parameters are real names here (rehydrated); nothing of them may be
 * logged by an adapter. Transient failures (unreachable, 5xx, 429) throw
 * {@link io.awoooi.core.failure.TopologyUnavailableException}: the order is retried.
 */
public interface ClusterActions {

    /**
     * Carries out the action on behalf of the approval request {@code requestId} (adapters mark what
     * they change with it where the API allows, e.g. an annotation). Mutations carry preconditions
     * (resourceVersion, uid) where the API has them. {@code delete_pvc} re-checks that no pod mounts
     * the claim right before deleting it.
     */
    ActionResult apply(ProposedAction action, String requestId);

    /**
     * Whether the cluster already shows this request's action done: after a crash mid-action the
     * next attempt asks this before acting again (a rollout restart annotated with the request id, a
     * rollback marked with it or a template already the target revision's, a container resource
     * already at the value, a node already cordoned, a Deployment already at the replicas, a claim
     * or pod already gone or replaced).
     *
     * @param approvedAt when the request's dry-run read the cluster (the request's creation): the
     *     objects the approvers saw existed then, so one created later under the same name (a pod
     *     its StatefulSet or ReplicaSet recreated) is a replacement, not the approved object
     */
    boolean alreadyApplied(ProposedAction action, String requestId, java.time.Instant approvedAt);

    /**
     * The health of what the action touched, now: for the effectiveness check. For an action that
     * changes a pod template (rollout_undo, set_resources) that includes the rollout of the new
     * template being complete.
     */
    TargetHealth health(ProposedAction action);

    /**
     * For a FinOps saving (issue #14): whether the action's saving is realized now, which is not the
     * target's health: a deleted claim is gone (not recreated and Bound), a Deployment scaled to zero
     * runs no pod, a drained node is empty. By default the health.
     */
    default TargetHealth savingRealized(ProposedAction action) {
        return health(action);
    }
}
