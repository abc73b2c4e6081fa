package io.awoooi.core.analysis;

import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.diagnosis.Diagnose;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.narrative.GraphFacts;
import io.awoooi.core.narrative.NarrationRequest;
import io.awoooi.core.narrative.Narrative;
import io.awoooi.core.narrative.Narrator;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.NameLabels;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.topology.CachedTopology;
import io.awoooi.core.topology.GraphAnalysis;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.TargetResolver;
import io.awoooi.core.topology.TopologyView;
import io.awoooi.core.topology.Impact;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: turn one pseudonymized incident event into an analysis. The topology gives targets,
 * root causes and blast radius; the narrator (LLM behind a resilient wrapper, or deterministic)
 * writes the narrative; the diagnosis ({@link Diagnose}) reads the root cause's evidence and decides
 * the fix it supports. The proposal is the model's recommendation only if the catalog accepts it and
 * the diagnosis allows it (the same targets, one of its alternatives), else the diagnosis's own; a
 * refused recommendation is logged as {@code proposal_refused}. The incident is never held up by the
 * model.
 *
 * <p>The other incidents firing now ({@link FiringIncidents}) count as evidence of unhealth on the
 * services they are about, so a dependency the topology shows healthy but with an incident of its
 * own ranks as a root cause. Reading them is best effort: without them the analysis goes on with the
 * topology's health and says so ({@link Analysis#firingElsewhereComplete()}).
 */
public final class AnalyzeIncident {
    private final CachedTopology topology;
    private final Narrator narrator;
    private final AnalysisStore store;
    private final Clock clock;
    private final int maxDepth;
    private final Diagnose diagnose = new Diagnose();

    private final OperationLog operations;
    private final FiringIncidents firingIncidents;
    private IncidentNames names = IncidentNames.PLAIN;

    public AnalyzeIncident(CachedTopology topology, Narrator narrator, AnalysisStore store, Clock clock, int maxDepth) {
        this(topology, narrator, store, clock, maxDepth, null);
    }

    /** @param operations where "analyzed" is logged, chained to the redaction's entry (null: not logged) */
    public AnalyzeIncident(CachedTopology topology, Narrator narrator, AnalysisStore store, Clock clock, int maxDepth,
            OperationLog operations) {
        this(topology, narrator, store, clock, maxDepth, operations, FiringIncidents.none());
    }

    /**
     * @param operations where "analyzed" is logged, chained to the redaction's entry (null: not logged)
     * @param firingIncidents the other incidents firing now, as evidence on the services they are about
     */
    public AnalyzeIncident(CachedTopology topology, Narrator narrator, AnalysisStore store, Clock clock, int maxDepth,
            OperationLog operations, FiringIncidents firingIncidents) {
        this.firingIncidents = java.util.Objects.requireNonNull(firingIncidents, "firingIncidents");
        this.topology = topology;
        this.narrator = narrator;
        this.store = store;
        this.clock = clock;
        this.maxDepth = maxDepth;
        this.operations = operations;
    }

    /**
     * When the Privacy Shield labels Kubernetes names ({@link IncidentNames#inVault}): the alerts'
     * labels ({@code [POD_1]}) are matched to the topology's real names in memory, the analysis
     * works on real names, and what leaves it (the stored analysis, the model's facts, the operation
     * log) carries labels only; a name the alerts did not carry gets a new label, sealed before the
     * analysis is stored. A model's recommendation names labels and is read back the same way.
     */
    public AnalyzeIncident withNames(IncidentNames incidentNames) {
        this.names = java.util.Objects.requireNonNull(incidentNames, "incidentNames");
        return this;
    }

    /** The real Kubernetes names of the (cached) topology, for labelling ({@link KnownNames}). */
    public Map<String, io.awoooi.core.privacy.PiiType> knownNames() {
        return KnownNames.of(topology.view());
    }

    public Analysis analyze(IncidentEvent event) {
        java.time.Instant started = clock.instant();
        TopologyView view = topology.view();
        NameLabels labelled = names == IncidentNames.PLAIN ? NameLabels.plain()
                : names.open(event.incidentId(), KnownNames.of(view));
        List<Map<String, String>> labels = event.alerts().stream().map(RedactedAlert::labels)
                .map(labelled::unmaskLabels).toList();
        FiringEvidence firingElsewhere = firingElsewhere(view.graph(), event.incidentId());
        GraphFindings findings = new GraphAnalysis(view.graph(), maxDepth)
                .analyze(new TargetResolver(view.graph()).resolveAll(labels), firingElsewhere.byService());
        Diagnosis diagnosis = diagnose.diagnose(findings, view.graph(), view.snapshot().nodes(), labels,
                clock.instant());
        Optional<ProposedAction> fallbackProposal = diagnosis.proposal().map(p -> p.action());

        Narrative narrative = narrator.narrate(new NarrationRequest(event.incidentId(), incidentText(event),
                labelled.mask(facts(findings, diagnosis)), ActionCatalog.describeAsText(), modelActions(diagnosis)));

        Optional<ProposedAction> fromModel = Optional.empty();
        Optional<String> refused = Optional.empty();
        if (narrative.recommendation().isPresent()) {
            var r = narrative.recommendation().get();
            // the model saw labels: its parameters name them; read back to the real names they stand for
            Map<String, String> params = new java.util.LinkedHashMap<>();
            if (r.params() != null) {
                r.params().forEach((k, v) -> params.put(k, labelled.unmask(v)));
            }
            ParseResult parsed = ActionCatalog.parse(r.actionId(), params);
            if (!(parsed instanceof ParseResult.Valid valid)) {
                refused = Optional
                        .of("not a valid catalog action: " + labelled.mask(((ParseResult.Invalid) parsed).reason()));
            } else if (!withinFindings(valid.action(), findings)) {
                refused = Optional
                        .of(valid.action().type().id() + " acts outside the incident's targets and root causes");
            } else if (!diagnosis.allows(valid.action())) {
                refused = Optional.of(labelled.mask(diagnosis.refusal(valid.action())));
            } else {
                fromModel = Optional.of(valid.action());
            }
        }
        Analysis analysis = MaskedAnalysis.of(new Analysis(event.incidentId(), event.notificationKey(), findings,
                narrative.summary(), narrative.hypotheses(), narrative.narrator(), fromModel.or(() -> fallbackProposal),
                fromModel.isPresent() ? "llm" : "deterministic", view.stale(), clock.instant(),
                firingElsewhere.complete(), Optional.of(diagnosis)), labelled);
        // labels handed out for names the alerts did not carry are sealed before anything shows them
        names.seal(labelled);
        store.save(analysis);
        if (operations != null) {
            if (refused.isPresent()) {
                var r = narrative.recommendation().get();
                OperationLog.appendQuietly(operations, new Operation(
                        Operation.idFor(event.notificationKey(), "proposal_refused"), event.incidentId(),
                        "proposal_refused", "analysis", Map.of("action", printableId(r.actionId()),
                                "narrator", narrative.narrator()),
                        Map.of("reason", refused.get(), "diagnosis", diagnosis.kind().name(),
                                "instead", fallbackProposal.map(p -> p.type().id()).orElse("none")),
                        0, Optional.of(Operation.idFor(event.notificationKey(), "redacted")), clock.instant()));
            }
            OperationLog.appendQuietly(operations, new Operation(Operation.idFor(event.notificationKey(), "analyzed"),
                    event.incidentId(), "analyzed", "analysis", Map.of("alerts", String.valueOf(event.alerts().size())),
                    analyzedOutput(findings, narrative, firingElsewhere, analysis, diagnosis),
                    java.time.Duration.between(started, clock.instant()).toMillis(),
                    Optional.of(Operation.idFor(event.notificationKey(), "redacted")), clock.instant()));
        }
        return analysis;
    }

    private static Map<String, String> analyzedOutput(GraphFindings findings, Narrative narrative,
            FiringEvidence firingElsewhere, Analysis analysis, Diagnosis diagnosis) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("rootCauses", String.valueOf(findings.rootCauses().size()));
        out.put("blastRadius", String.valueOf(findings.blastRadius().size()));
        out.put("narrator", narrative.narrator());
        out.put("firingElsewhere", String.valueOf(firingElsewhere.byService().size()));
        out.put("firingElsewhereComplete", String.valueOf(firingElsewhere.complete()));
        out.put("diagnosis", diagnosis.kind().name());
        out.put("proposal", analysis.proposedAction().map(p -> p.type().id()).orElse("none"));
        out.put("proposalSource", analysis.proposalSource());
        diagnosis.proposal().ifPresent(p -> out.put("rule", p.rule().name()));
        return out;
    }

    /** The action ids a model may recommend for this incident: those the diagnosis allows, never CRITICAL. */
    static List<String> modelActions(Diagnosis diagnosis) {
        return diagnosis.alternatives().stream().map(a -> a.type()).filter(t -> t.baseRisk() != RiskLevel.CRITICAL)
                .distinct().map(ActionType::id).toList();
    }

    /** An action id from a model, repeated only when it is a catalog id. */
    private static String printableId(String id) {
        return id != null && ActionType.fromId(id).isPresent() ? id : "(not a catalog id)";
    }

    /**
     * The other firing incidents, or none when they cannot be read. The port is best effort by
     * contract, but an adapter's non-transient error (say, access denied because the function's role
     * lacks a permission) must not cost the incident its analysis either: anything it throws reads
     * as "unavailable", which the analysis records.
     */
    private FiringEvidence firingElsewhere(ServiceGraph graph, String incidentId) {
        try {
            return firingIncidents.evidence(graph, incidentId);
        } catch (RuntimeException e) {
            return FiringEvidence.unavailable();
        }
    }

    /**
     * A model's recommendation must act where the topology points: not CRITICAL, and in a namespace
     * of the incident's targets or root causes. Alert text can carry instructions ("delete namespace
     * prod"); this keeps them from steering the proposal even if a model obeys them.
     */
    static boolean withinFindings(ProposedAction action, GraphFindings findings) {
        if (action.baseRisk() == RiskLevel.CRITICAL) {
            return false;
        }
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        findings.targets().forEach(t -> namespaces.add(t.namespace()));
        findings.rootCauses().forEach(rc -> namespaces.add(rc.service().namespace()));
        return action.param("namespace").map(namespaces::contains).orElse(true);
    }

    /** The redacted alerts as text for the model: names, status, labels and annotations. */
    static String incidentText(IncidentEvent event) {
        StringBuilder sb = new StringBuilder();
        sb.append("status: ").append(event.status().wireName()).append('\n');
        for (RedactedAlert a : event.alerts()) {
            sb.append("- alert ").append(a.labels().getOrDefault("alertname", "?"))
                    .append(" (").append(a.status().wireName()).append(", since ").append(a.startsAt()).append(")\n");
            a.labels().forEach((k, v) -> sb.append("  label ").append(k).append('=').append(v).append('\n'));
            a.annotations().forEach((k, v) -> sb.append("  annotation ").append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }

    private static List<String> facts(GraphFindings findings, Diagnosis diagnosis) {
        List<String> facts = new ArrayList<>();
        facts.add(GraphFacts.DIAGNOSIS + diagnosis.summary());
        diagnosis.evidence().stream().limit(6).forEach(e -> facts.add(GraphFacts.EVIDENCE + e));
        diagnosis.proposal().ifPresentOrElse(
                p -> facts.add(GraphFacts.PROPOSAL + p.action() + ", because " + p.rule().description()),
                () -> diagnosis.humanStep().ifPresent(h -> facts.add(GraphFacts.HUMAN_STEP + h)));
        for (RootCause rc : findings.rootCauses()) {
            facts.add(GraphFacts.rootCause(rc.service().toString(), rc.kind().name(), rc.depth(),
                    String.join("; ", rc.evidence())));
        }
        for (Impact impact : findings.blastRadius()) {
            facts.add(GraphFacts.blastRadius(impact.service().toString(), "", impact.depth()));
        }
        if (findings.targets().isEmpty()) {
            facts.add("no alert could be matched to a service of the topology");
        }
        return facts;
    }
}
