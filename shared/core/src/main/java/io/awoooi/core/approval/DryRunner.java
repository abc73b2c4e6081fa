package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;

/**
 * Port: checks an action against the cluster without changing it (RBAC for its verb and resource,
 * parameters, existence of the target, PodDisruptionBudgets) and fingerprints the state it saw.
 * Must not rely on server-side dry-run (some API servers, the local mock among them, write anyway).
 */
public interface DryRunner {
    /**
     * @throws io.awoooi.core.failure.TopologyUnavailableException when the cluster cannot be asked
     */
    DryRunReport dryRun(ProposedAction action);
}
