package io.awoooi.core.action;

import java.util.Objects;

/** An action proposed without an LLM, and the rule that chose it. */
public record ActionProposal(ProposedAction action, ProposalRule rule) {
    public ActionProposal {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rule, "rule");
    }
}
