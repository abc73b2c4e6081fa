package io.awoooi.core.incident.view;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The incident's latest analysis, as the incident API shows it under {@code analysis} and as it is
 * stored beside the incident: {targets, rootCauses (best first), blastRadius, narrative, hypotheses,
 * narrator, diagnosis?, proposedAction?, topologyStale, notificationKey, analyzedAt}. The stored
 * form is this record's {@link #document()}; {@link #from} reads it back (the one place that reads
 * an incident document by key), so the two cannot drift apart unnoticed (AnalysisViewTest).
 *
 * @param targets the alerting services ({@code namespace/name})
 */
public record AnalysisView(List<String> targets, List<RootCause> rootCauses, List<Impact> blastRadius,
        String narrative, List<String> hypotheses, String narrator, Optional<Diagnosis> diagnosis,
        Optional<ProposedAction> proposedAction, boolean topologyStale, String notificationKey, Instant analyzedAt) {
    public AnalysisView {
        targets = List.copyOf(targets);
        rootCauses = List.copyOf(rootCauses);
        blastRadius = List.copyOf(blastRadius);
        Objects.requireNonNull(narrative, "narrative");
        hypotheses = List.copyOf(hypotheses);
        Objects.requireNonNull(narrator, "narrator");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(proposedAction, "proposedAction");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(analyzedAt, "analyzedAt");
    }

    /** {service, kind, depth, evidence}: a root cause, {@code kind} as the topology names it (SERVICE, DATABASE ...). */
    public record RootCause(String service, String kind, int depth, List<String> evidence) {
        public RootCause {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(kind, "kind");
            evidence = List.copyOf(evidence);
        }

        public Map<String, Object> document() {
            return Documents.object().put("service", service).put("kind", kind).put("depth", depth)
                    .put("evidence", evidence).build();
        }
    }

    /** {service, depth}: a service hit, {@code depth} hops from a root cause. */
    public record Impact(String service, int depth) {
        public Impact {
            Objects.requireNonNull(service, "service");
        }

        public Map<String, Object> document() {
            return Documents.object().put("service", service).put("depth", depth).build();
        }
    }

    /**
     * {kind, inWords, subject?, summary, evidence, rule?, ruleInWords?, humanStep?, unambiguous}: what
     * the evidence says is wrong; {@code rule} the fix's rule when the evidence supports one.
     */
    public record Diagnosis(String kind, String inWords, Optional<String> subject, String summary,
            List<String> evidence,
            Optional<String> rule, Optional<String> ruleInWords, Optional<String> humanStep, boolean unambiguous) {
        public Diagnosis {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(inWords, "inWords");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(summary, "summary");
            evidence = List.copyOf(evidence);
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(ruleInWords, "ruleInWords");
            Objects.requireNonNull(humanStep, "humanStep");
        }

        public Map<String, Object> document() {
            return Documents.object().put("kind", kind).put("inWords", inWords).put("subject", subject)
                    .put("summary", summary).put("evidence", evidence).put("rule", rule).put("ruleInWords", ruleInWords)
                    .put("humanStep", humanStep).put("unambiguous", unambiguous).build();
        }

        /** {kind, inWords}: the incident list's short form. */
        public Map<String, Object> summaryDocument() {
            return Documents.object().put("kind", kind).put("inWords", inWords).build();
        }
    }

    /**
     * {id, params, inWords, baseRisk, source, rule?, humanRequired?}: the action the analysis proposes,
     * its parameters pseudonymized; {@code baseRisk} is the catalog's (the approval's {@code risk} is
     * the assessed one the quorum follows); {@code humanRequired} says why a person must sign it
     * whatever its risk.
     *
     * @param inWords empty only in analyses stored before it was written
     */
    public record ProposedAction(String id, Map<String, String> params, Optional<String> inWords, String baseRisk,
            String source, Optional<String> rule, Optional<String> humanRequired) {
        public ProposedAction {
            Objects.requireNonNull(id, "id");
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            Objects.requireNonNull(inWords, "inWords");
            Objects.requireNonNull(baseRisk, "baseRisk");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(humanRequired, "humanRequired");
        }

        public Map<String, Object> document() {
            return Documents.object().put("id", id).put("params", new LinkedHashMap<>(params)).put("inWords", inWords)
                    .put("baseRisk", baseRisk).put("source", source).put("rule", rule)
                    .put("humanRequired", humanRequired).build();
        }

        /** {id, inWords?, baseRisk}: the incident list's short form. */
        public Map<String, Object> summaryDocument() {
            return Documents.object().put("id", id).put("inWords", inWords).put("baseRisk", baseRisk).build();
        }
    }

    /** The best root cause's service, if the topology found one. */
    public Optional<String> bestRootCause() {
        return rootCauses.isEmpty() ? Optional.empty() : Optional.of(rootCauses.get(0).service());
    }

    public Map<String, Object> document() {
        return Documents.object().put("targets", targets)
                .put("rootCauses", rootCauses.stream().map(RootCause::document).toList())
                .put("blastRadius", blastRadius.stream().map(Impact::document).toList())
                .put("narrative", narrative).put("hypotheses", hypotheses).put("narrator", narrator)
                .put("diagnosis", diagnosis.map(Diagnosis::document))
                .put("proposedAction", proposedAction.map(ProposedAction::document))
                .put("topologyStale", topologyStale).put("notificationKey", notificationKey)
                .put("analyzedAt", analyzedAt).build();
    }

    /**
     * The analysis from its stored document ({@link #document()} as JSON, parsed to maps and lists).
     * The proposed action's catalog risk is read from {@code risk} in analyses stored before it was
     * named {@code baseRisk}; a field an older analysis did not have reads as empty.
     *
     * @throws IllegalArgumentException when the document is not an analysis (no readable {@code analyzedAt})
     */
    public static AnalysisView from(Map<String, ?> stored) {
        Instant analyzedAt;
        try {
            analyzedAt = Instant.parse(text(stored.get("analyzedAt")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the stored analysis has no readable analyzedAt", e);
        }
        return new AnalysisView(strings(stored.get("targets")),
                maps(stored.get("rootCauses")).stream().map(m -> new RootCause(text(m.get("service")),
                        text(m.get("kind")), number(m.get("depth")), strings(m.get("evidence")))).toList(),
                maps(stored.get("blastRadius")).stream().map(m -> new Impact(text(m.get("service")),
                        number(m.get("depth")))).toList(),
                text(stored.get("narrative")), strings(stored.get("hypotheses")), text(stored.get("narrator")),
                map(stored.get("diagnosis")).map(d -> new Diagnosis(text(d.get("kind")), text(d.get("inWords")),
                        optional(d.get("subject")), text(d.get("summary")), strings(d.get("evidence")),
                        optional(d.get("rule")), optional(d.get("ruleInWords")), optional(d.get("humanStep")),
                        Boolean.TRUE.equals(d.get("unambiguous")))),
                map(stored.get("proposedAction")).map(p -> new ProposedAction(text(p.get("id")),
                        params(p.get("params")),
                        optional(p.get("inWords")), text(p.get("baseRisk") != null ? p.get("baseRisk") : p.get("risk")),
                        text(p.get("source")), optional(p.get("rule")), optional(p.get("humanRequired")))),
                Boolean.TRUE.equals(stored.get("topologyStale")), text(stored.get("notificationKey")), analyzedAt);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static Optional<String> optional(Object value) {
        return Optional.ofNullable(value).map(String::valueOf);
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(AnalysisView::text).toList() : List.of();
    }

    private static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> out = new java.util.ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(o -> {
                if (o instanceof Map<?, ?> m) {
                    out.add(m);
                }
            });
        }
        return out;
    }

    private static Optional<Map<?, ?>> map(Object value) {
        return value instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
    }

    private static Map<String, String> params(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
        }
        return out;
    }
}
