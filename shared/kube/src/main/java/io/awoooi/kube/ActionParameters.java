package io.awoooi.kube;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.topology.WorkloadKind;

/** The parameters of a catalog action as the dry-run, the actions and their health checks read them. */
final class ActionParameters {
    private ActionParameters() {
    }

    /** A parameter the catalog requires for the action's type (present by construction). */
    static String param(ProposedAction action, String name) {
        return action.param(name)
                .orElseThrow(() -> new IllegalStateException(name + " is required by " + action.type().id()));
    }

    /** The {@code kind} of a workload action; deployment when left out. */
    static WorkloadKind kind(ProposedAction action) {
        return WorkloadKind.fromId(action.param("kind").orElse(WorkloadKind.DEPLOYMENT.id())).orElseThrow();
    }
}
