package io.awoooi.core.diagnosis;

import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.topology.ServiceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the evidence says is wrong, and the one fix it supports (or none, with what a human must do).
 *
 * @param kind the class of failure
 * @param subject the service the diagnosis is about (the root cause), if any
 * @param summary one line in plain words ("orders-db: OOMKilled 6 times, last 3 min ago, memory limit 512Mi")
 * @param evidence the facts behind it, short, plain words, no personal data
 * @param proposal the fix the rules chose, with the rule's name
 * @param alternatives the actions an LLM may choose instead: the same targets, the same effect
 *     (the proposal is always among them); a model's proposal outside them is refused
 * @param unambiguous the evidence fully explains the failure and its fix: only then may a LOW
 *     action run without a human
 * @param humanStep when there is no fix to run, what a human has to do
 */
public record Diagnosis(DiagnosisKind kind, Optional<ServiceId> subject, String summary, List<String> evidence,
        Optional<ActionProposal> proposal, List<ProposedAction> alternatives, boolean unambiguous,
        Optional<String> humanStep) {
    public Diagnosis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(proposal, "proposal");
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(humanStep, "humanStep");
        if (proposal.isPresent() && !alternatives.contains(proposal.get().action())) {
            throw new IllegalArgumentException("the proposal must be among the alternatives");
        }
    }

    /** Whether the evidence supports this action: it is one of the alternatives (type and every parameter). */
    public boolean allows(ProposedAction action) {
        return alternatives.contains(action);
    }

    /** Why a model's action is refused, in words that repeat no value. */
    public String refusal(ProposedAction action) {
        if (alternatives.isEmpty()) {
            return "the evidence (" + kind.words() + ") supports no action";
        }
        boolean sameType = alternatives.stream().anyMatch(a -> a.type() == action.type());
        return sameType
                ? action.type().id() + " targets something the evidence does not point at"
                : action.type().id() + " is not a fix for " + kind.words();
    }
}
