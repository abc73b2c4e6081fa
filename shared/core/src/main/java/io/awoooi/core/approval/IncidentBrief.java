package io.awoooi.core.approval;

import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an approver is told about the incident behind a request, as it stood when the request was
 * made: the alerts' facts, the diagnosis in plain words, the root causes and the blast radius by
 * name, and who chose the action. Kept with the request (its card reads the same at every click),
 * bounded in size, built from pseudonymized input only.
 *
 * @param rootCauses best first, at most {@value #MAX_ROOT_CAUSES}: {@code shop/postgres-db (database): 0/1 ready}
 * @param blastRadius the services that depend on the targets, nearest first, at most
 *     {@value #MAX_BLAST_RADIUS} names
 * @param blastRadiusTotal how many there are in all
 * @param proposalSource {@code llm}, {@code deterministic}, {@code agent:<id>} for an outside agent's
 *     proposal (MCP), or empty when unknown
 * @param narrator who wrote the narrative ({@code ollama}, {@code bedrock}, {@code deterministic}), or empty
 * @param narrative the analysis's narrative, at most {@value #MAX_NARRATIVE} chars (what the card says
 *     when there is no diagnosis)
 */
public record IncidentBrief(AlertFacts alert, Optional<DiagnosisBrief> diagnosis, List<String> rootCauses,
        List<String> blastRadius, int blastRadiusTotal, String proposalSource, String narrator, String narrative) {
    public static final int MAX_ROOT_CAUSES = 3;
    public static final int MAX_BLAST_RADIUS = 30;
    public static final int MAX_EVIDENCE = 8;
    public static final int MAX_LINE = 300;
    public static final int MAX_NARRATIVE = 600;

    public IncidentBrief {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(diagnosis, "diagnosis");
        rootCauses = List.copyOf(rootCauses);
        blastRadius = List.copyOf(blastRadius);
        Objects.requireNonNull(proposalSource, "proposalSource");
        Objects.requireNonNull(narrator, "narrator");
        Objects.requireNonNull(narrative, "narrative");
    }

    /**
     * The diagnosis as people read it.
     *
     * @param kind the {@code DiagnosisKind} name
     * @param inWords the kind in words ("a crash loop")
     * @param summary one line ("orders-db: OOMKilled 6 times ...")
     * @param ruleInWords the rule that chose the fix, when there is one
     * @param humanStep what a human must do, when no fix runs
     */
    public record DiagnosisBrief(String kind, String inWords, String summary, List<String> evidence,
            Optional<String> ruleInWords, Optional<String> humanStep, boolean unambiguous) {
        public DiagnosisBrief {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(inWords, "inWords");
            Objects.requireNonNull(summary, "summary");
            evidence = List.copyOf(evidence);
            Objects.requireNonNull(ruleInWords, "ruleInWords");
            Objects.requireNonNull(humanStep, "humanStep");
        }

        static DiagnosisBrief of(Diagnosis d) {
            return new DiagnosisBrief(d.kind().name(), d.kind().words(), line(d.summary()),
                    d.evidence().stream().limit(MAX_EVIDENCE).map(IncidentBrief::line).toList(),
                    d.proposal().map(p -> p.rule().description()), d.humanStep().map(IncidentBrief::line),
                    d.unambiguous());
        }
    }

    /** The outside agent that proposed the action ({@code proposalSource} {@code agent:<id>}). */
    public Optional<String> proposingAgent() {
        return proposalSource.startsWith(AGENT_SOURCE) && proposalSource.length() > AGENT_SOURCE.length()
                ? Optional.of(proposalSource.substring(AGENT_SOURCE.length())) : Optional.empty();
    }

    /** The {@code proposalSource} prefix of an outside agent's proposal. */
    public static final String AGENT_SOURCE = "agent:";

    /** Nothing known (a request stored before briefs existed). */
    public static IncidentBrief none() {
        return new IncidentBrief(AlertFacts.unknown(), Optional.empty(), List.of(), List.of(), 0, "", "", "");
    }

    public static IncidentBrief of(Analysis analysis, AlertFacts alert) {
        List<String> causes = analysis.findings().rootCauses().stream().limit(MAX_ROOT_CAUSES)
                .map(IncidentBrief::cause).toList();
        List<Impact> radius = analysis.findings().blastRadius();
        return new IncidentBrief(alert, analysis.diagnosis().map(DiagnosisBrief::of), causes,
                radius.stream().limit(MAX_BLAST_RADIUS).map(i -> i.service().toString()).toList(), radius.size(),
                analysis.proposalSource(), analysis.narrator(),
                AlertFacts.cut(analysis.summary().replaceAll("\\s+", " ").strip(), MAX_NARRATIVE));
    }

    /** {@code shop/postgres-db (database): 0/1 ready; restarted 4 times}. */
    static String cause(RootCause rc) {
        String evidence = String.join("; ", rc.evidence().stream().limit(3).toList());
        return line(rc.service() + " (" + rc.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"
                + (evidence.isEmpty() ? "" : ": " + evidence));
    }

    /**
     * The blast radius by name: {@code frontend, ingress and order-api in shop}; several namespaces are
     * separated by semicolons; {@code and 4 more} when not all are kept.
     */
    public String blastRadiusInWords() {
        if (blastRadiusTotal == 0) {
            return "";
        }
        java.util.Map<String, java.util.List<String>> byNamespace = new java.util.LinkedHashMap<>();
        for (String s : blastRadius) {
            int slash = s.indexOf('/');
            String ns = slash < 0 ? "" : s.substring(0, slash);
            byNamespace.computeIfAbsent(ns, k -> new java.util.ArrayList<>())
                    .add(slash < 0 ? s : s.substring(slash + 1));
        }
        StringBuilder out = new StringBuilder();
        byNamespace.forEach((ns, names) -> {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(list(names)).append(ns.isEmpty() ? "" : " in " + ns);
        });
        int more = blastRadiusTotal - blastRadius.size();
        if (more > 0) {
            out.append(" and ").append(more).append(" more");
        }
        return out.toString();
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String list(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** One line, at most {@value #MAX_LINE} chars. */
    static String line(String text) {
        return AlertFacts.cut(text.replaceAll("\\s+", " ").strip(), MAX_LINE);
    }
}
