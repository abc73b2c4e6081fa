package io.awoooi.core.action;

/** Which of {@link DeterministicProposal}'s rules produced a proposal (for the audit trail). */
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
            + " pods that all belong to one workload: restart the workload");

    private final String description;

    ProposalRule(String description) {
        this.description = description;
    }

    /** The rule in words; it names no service or value. */
    public String description() {
        return description;
    }
}
