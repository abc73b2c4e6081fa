package io.awoooi.core.analysis;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.topology.GraphFindings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analysis concluded about an incident: its targets, root causes and blast radius from
 * the topology, a narrative (LLM or deterministic), and at most one proposed action from the
 * catalog. Built only from pseudonymized input.
 *
 * @param narrator "ollama" | "bedrock" | "deterministic": who wrote the narrative
 * @param proposalSource "llm" when the model's recommendation passed the catalog, else "deterministic"
 * @param firingElsewhereComplete false when the other firing incidents could not (all) be read, so
 *     the root causes may lack their evidence ({@link FiringEvidence#complete()})
 * @param diagnosis what the evidence says is wrong and which fix it supports (empty for an analysis
 *     made without the diagnosis, as in older rows and some tests)
 */
public record Analysis(
        String incidentId,
        String notificationKey,
        GraphFindings findings,
        String summary,
        List<String> hypotheses,
        String narrator,
        Optional<ProposedAction> proposedAction,
        String proposalSource,
        boolean topologyStale,
        Instant analyzedAt,
        boolean firingElsewhereComplete,
        Optional<Diagnosis> diagnosis) {

    public Analysis {
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(summary, "summary");
        hypotheses = List.copyOf(hypotheses);
        Objects.requireNonNull(narrator, "narrator");
        Objects.requireNonNull(proposedAction, "proposedAction");
        Objects.requireNonNull(proposalSource, "proposalSource");
        Objects.requireNonNull(analyzedAt, "analyzedAt");
    }

    /** An analysis that looked at no other incidents (or read all it looked at). */
    public Analysis(String incidentId, String notificationKey, GraphFindings findings, String summary,
            List<String> hypotheses, String narrator, Optional<ProposedAction> proposedAction, String proposalSource,
            boolean topologyStale, Instant analyzedAt) {
        this(incidentId, notificationKey, findings, summary, hypotheses, narrator, proposedAction, proposalSource,
                topologyStale, analyzedAt, true, Optional.empty());
    }

    /**
     * Why the proposed action must be signed by a human whatever its risk, if it must: the model
     * chose it (a model's choice never runs on its own), or the evidence does not fully explain the
     * failure ({@link Diagnosis#unambiguous()}).
     */
    public Optional<String> humanRequired() {
        if (proposedAction.isEmpty()) {
            return Optional.empty();
        }
        if ("llm".equals(proposalSource)) {
            return Optional.of("the model chose this action");
        }
        return diagnosis.filter(d -> !d.unambiguous())
                .map(d -> "the evidence does not fully explain " + d.kind().words());
    }
}
