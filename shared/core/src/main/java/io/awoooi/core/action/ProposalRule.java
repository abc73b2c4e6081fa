package io.awoooi.core.action;

/**
 * Which rule produced a proposal (for the audit trail): {@link DeterministicProposal}'s restart rules for
 * a topology without typed evidence, the diagnosis's rules ({@code io.awoooi.core.diagnosis.Diagnose}) otherwise.
 */
public enum ProposalRule {
    /** The top root cause fails in a way a restart clears, and the alerts name its one failing pod. */
    ROOT_CAUSE_POD_RESTART("the top-ranked root cause fails in a way a restart can clear and the alerts name"
            + " its one failing pod: restart that pod"),
    /** The top root cause fails in a way a restart clears: restart its workload. */
    ROOT_CAUSE_ROLLOUT_RESTART("the top-ranked root cause fails in a way a restart can clear: restart its"
            + " workload"),
    /** No root cause in the topology; the alerts report one crash-looping or unready pod. */
    ALERTED_POD_RESTART("the topology shows no root cause and the alerts report one crash-looping or unready"
            + " pod: restart that pod"),
    /** No root cause in the topology; the alerts report several such pods of one workload. */
    ALERTED_WORKLOAD_RESTART("the topology shows no root cause and the alerts report crash-looping or unready"
            + " pods that all belong to one workload: restart the workload"),
    /** The failing pods run on a node that is NotReady or under pressure. */
    CORDON_IMPAIRED_NODE("the failing pods run on a node that is NotReady or under pressure: cordon the node"),
    /** A Deployment's newest revision fails where the previous one served. */
    UNDO_BAD_ROLLOUT("a Deployment's newest revision fails where the previous one served: undo the rollout"),
    /** A container is killed for memory again and again. */
    RAISE_MEMORY_LIMIT("a container is killed for memory again and again: raise its memory limit within a bound"),
    /** One pod (or the one the alerts name) crash-loops or fails its probes, with no recent change. */
    RESTART_FAILING_POD("a pod crash-loops or fails its probes with no recent change: restart that pod"),
    /** Several pods of one workload crash-loop, with no recent change. */
    RESTART_FAILING_WORKLOAD("several pods of one workload crash-loop with no recent change: restart the workload");

    private final String description;

    ProposalRule(String description) {
        this.description = description;
    }

    /** The rule in words; it names no service or value. */
    public String description() {
        return description;
    }
}
