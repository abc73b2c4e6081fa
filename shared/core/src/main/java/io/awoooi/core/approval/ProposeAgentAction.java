package io.awoooi.core.approval;

import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentText;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.incident.view.AnalysisView;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentIds;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Use case: an outside agent (an MCP client) proposes a catalog action for an incident. The proposal
 * takes the road the analysis's own takes, and a few more guards, because an agent may have read
 * text an attacker wrote (alert annotations reach it) and may be steered by it:
 * <ol>
 *   <li>the incident exists, is FIRING and has been analyzed;</li>
 *   <li>the action passes the catalog ({@link ActionCatalog#parse}: known id, its parameters only,
 *       each within its rule; names may be Privacy Shield labels, rehydrated only by the executor);</li>
 *   <li>no CRITICAL action: those are for the CTO and the CISO to start, not for an agent;</li>
 *   <li>the action stays inside the incident: its namespace is one the analysis or the alerts name,
 *       a node one they mention;</li>
 *   <li>at most {@value #MAX_PER_INCIDENT} requests per agent and incident (approvers are not paged
 *       without end);</li>
 *   <li>the dry-run (with the blast radius check); a check nobody may override refuses it;</li>
 *   <li>the risk ({@link RiskPolicy}) and the quorum ({@link TrustPolicy#quorumForAgent}: never
 *       without a person, whatever the risk; the agent's own trust only);</li>
 *   <li>a request marked as the agent's ("proposed by agent claude-oncall"), one signed link per
 *       approver, exactly as for the analysis's proposal.</li>
 * </ol>
 * The agent gets the request (its id, risk and quorum), never an execution: nothing here writes to
 * the executions queue. Every call leaves an AI trace (the agent's request, scrubbed) and every
 * request or refusal an operation with the agent as actor.
 *
 * <p>Idempotent: the same agent proposing the same action for the same incident finds its request;
 * when the incident's own request is that very action, the agent is pointed at it.
 */
public final class ProposeAgentAction {
    public static final int MAX_PER_INCIDENT = 5;
    static final int MAX_TRACE = 4000;

    private final ApprovalDesk desk;
    private final IncidentStore incidents;
    private final RedactedAlertStore alerts;
    private final AnalysisStore analyses;
    private final DryRunner dryRunner;
    private final RiskPolicy riskPolicy;
    private final Duration ttl;
    private final AiTraceSink traces;

    public ProposeAgentAction(ApprovalDesk desk, IncidentStore incidents, RedactedAlertStore alerts,
            AnalysisStore analyses, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl, AiTraceSink traces) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.analyses = Objects.requireNonNull(analyses, "analyses");
        this.dryRunner = Objects.requireNonNull(dryRunner, "dryRunner");
        this.riskPolicy = Objects.requireNonNull(riskPolicy, "riskPolicy");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    /** What the agent asked for: an incident, an action id and its parameters, as sent. */
    public record Proposal(AgentId agent, String incidentId, String action, Map<String, String> params,
            String client) {
        public Proposal {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(action, "action");
            params = params == null ? Map.of() : new TreeMap<>(params);
            client = client == null ? "" : client;
        }
    }

    /** Why a proposal was refused before anyone was asked. */
    public enum Refusal {
        /** No such incident. */
        NOT_FOUND,
        /** The incident's alerts resolved: there is nothing to fix. */
        RESOLVED,
        /** The incident has no analysis yet (try again shortly). */
        NOT_ANALYZED,
        /** The catalog refused the action or a parameter. */
        INVALID,
        /** A CRITICAL action: never proposed by an agent. */
        CRITICAL,
        /** The action reaches outside what the incident is about. */
        OUT_OF_SCOPE,
        /** The agent has made {@value ProposeAgentAction#MAX_PER_INCIDENT} requests on this incident. */
        LIMIT
    }

    /** What came of a proposal. */
    public sealed interface Outcome {
        /** A new request; its links went to the approvers. */
        record Requested(ApprovalRequest request) implements Outcome {
        }

        /** The agent proposed this exact action for this incident before: that request. */
        record Existing(ApprovalRequest request) implements Outcome {
        }

        /** The incident's own request (the analysis's) is this very action: nobody is asked twice. */
        record AlreadyRequested(ApprovalRequest request) implements Outcome {
        }

        /** A dry-run check nobody may override failed: nobody is asked. */
        record Blocked(DryRunReport dryRun) implements Outcome {
        }

        /** Refused before the dry-run; {@code detail} says why in words (never an echoed value). */
        record Refused(Refusal reason, String detail) implements Outcome {
        }
    }

    public Outcome propose(Proposal proposal) {
        Instant started = desk.clock().instant();
        Outcome outcome = decide(proposal, started);
        if (!(outcome instanceof Outcome.Refused r && r.reason() == Refusal.NOT_FOUND)) {
            trace(proposal, outcome, started);
        }
        return outcome;
    }

    private Outcome decide(Proposal p, Instant started) {
        if (!IncidentIds.isWellFormed(p.incidentId())) {
            return new Outcome.Refused(Refusal.NOT_FOUND, "no incident with that id");
        }
        Optional<Incident> incident = incidents.find(p.incidentId());
        if (incident.isEmpty()) {
            return new Outcome.Refused(Refusal.NOT_FOUND, "no incident with that id");
        }
        if (incident.get().status() != IncidentStatus.FIRING) {
            return refused(p, Refusal.RESOLVED, "the incident is " + incident.get().status()
                    + ": there is nothing to fix", started);
        }
        Optional<AnalysisView> analysis = analyses.latest(p.incidentId());
        if (analysis.isEmpty()) {
            return refused(p, Refusal.NOT_ANALYZED, "the incident has no analysis yet; try again in a minute",
                    started);
        }
        ParseResult parsed = ActionCatalog.parse(p.action(), p.params());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return refused(p, Refusal.INVALID, "the catalog refuses it: " + invalid.reason(), started);
        }
        ProposedAction action = ((ParseResult.Valid) parsed).action();
        if (action.baseRisk() == RiskLevel.CRITICAL) {
            return refused(p, Refusal.CRITICAL, action.type().id() + " is CRITICAL in the catalog: an agent may not"
                    + " propose it (the CTO and the CISO start such an action themselves)", started);
        }
        var alertList = alerts.alerts(p.incidentId());
        IncidentScope scope = IncidentScope.of(analysis.get(), alertList);
        Optional<String> outside = scope.outside(action);
        if (outside.isPresent()) {
            return refused(p, Refusal.OUT_OF_SCOPE, outside.get(), started);
        }
        String actionHash = ApprovalRequest.hashOf(action);
        Optional<ApprovalRequest> own = desk.store().find(ApprovalRequest.idFor(p.incidentId()));
        if (own.isPresent() && own.get().actionHash().equals(actionHash)
                && Set.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED, ApprovalStatus.EXECUTED)
                        .contains(own.get().statusAt(desk.clock().instant()))) {
            return new Outcome.AlreadyRequested(own.get());
        }
        String id = ApprovalRequest.idForAgent(p.incidentId(), p.agent(), actionHash);
        Optional<ApprovalRequest> existing = desk.store().find(id);
        if (existing.isPresent()) {
            return new Outcome.Existing(existing.get());
        }
        long made = proposalsOf(p.agent(), p.incidentId());
        if (made >= MAX_PER_INCIDENT) {
            return refused(p, Refusal.LIMIT, "agent " + p.agent() + " has made " + made
                    + " requests on this incident, the most one agent may make; ask a person", started);
        }
        String notificationKey = analysis.get().notificationKey().isEmpty() ? "incident/" + p.incidentId()
                : analysis.get().notificationKey();
        DryRunReport dryRun = dryRunner.dryRun(action).with(riskPolicy.blastRadiusCheck(scope.blastRadiusTotal()));
        if (dryRun.blocked()) {
            List<String> failed = dryRun.failures().stream().filter(c -> !c.overridable())
                    .map(c -> c.name() + ": " + c.reason()).toList();
            log(p, "agent_proposal_blocked", Map.of("action", action.type().id()),
                    Map.of("checks", String.join("; ", failed)), started);
            return new Outcome.Blocked(dryRun);
        }
        RiskAssessment risk = riskPolicy.assess(action, RequestApproval.targetKind(action, scope.rootCauses()), dryRun);
        List<String> reasons = new ArrayList<>(risk.reasons());
        reasons.add("a human signs: proposed by agent " + p.agent() + " from outside AWOOOI");
        risk = new RiskAssessment(risk.base(), risk.level(), reasons);
        ActionPattern pattern = ActionPattern.forAgent(p.agent(), action);
        int trust = desk.ledger().trustOf(pattern);
        Quorum quorum = TrustPolicy.quorumForAgent(risk.level(), trust);
        IncidentBrief brief = scope.brief(AlertFacts.of(alertList, Map.of()), p.agent());
        Instant now = desk.clock().instant();
        ApprovalRequest request = new ApprovalRequest(id, p.incidentId(), notificationKey, action, actionHash, pattern,
                risk, trust, quorum, dryRun, ApprovalStatus.PENDING, List.of(), false, Optional.empty(), now,
                now.plus(ttl), now, brief);
        if (!desk.store().create(request)) {
            return new Outcome.Existing(desk.store().find(id).orElse(request));
        }
        desk.log(request, "requested", "approval_requested", p.agent().actor(),
                Map.of("action", action.type().id(), "pattern", pattern.value(), "agent", p.agent().value()),
                Map.of("request", id, "risk", risk.level().name(), "quorum", quorum.level().name(),
                        "signaturesNeeded", String.valueOf(quorum.count()), "trust", String.valueOf(trust),
                        "dryRun", dryRun.passed() ? "passed" : dryRun.failures().size() + " failed"),
                Optional.of(Operation.idFor(notificationKey, "analyzed")), started);
        // never approveByPolicy: an agent's quorum is never automatic (TrustPolicy.quorumForAgent)
        return new Outcome.Requested(RequestApproval.sendLinks(desk, request));
    }

    /** The requests this agent made on the incident (the operation log remembers each). */
    private long proposalsOf(AgentId agent, String incidentId) {
        try {
            return desk.operations().trail(incidentId).stream()
                    .filter(op -> op.type().equals("approval_requested") && op.actor().equals(agent.actor())).count();
        } catch (RuntimeException e) {
            return 0; // the limit is a courtesy to the approvers; the quorum is the guard
        }
    }

    private Outcome refused(Proposal p, Refusal reason, String detail, Instant started) {
        log(p, "agent_proposal_refused", Map.of("action", AgentText.scrubbed(p.action(), 64)),
                Map.of("reason", reason.name(), "detail", AgentText.scrubbed(detail, 300)), started);
        return new Outcome.Refused(reason, detail);
    }

    private void log(Proposal p, String type, Map<String, String> input, Map<String, String> output, Instant started) {
        Instant now = desk.clock().instant();
        Map<String, String> in = new LinkedHashMap<>(input);
        in.put("agent", p.agent().value());
        OperationLog.appendQuietly(desk.operations(), new Operation(
                Operation.idFor("agent/" + p.agent().value() + "/" + p.incidentId(), type + "/" + now + "/"
                        + io.awoooi.core.Hashing.sha256Hex(p.action() + p.params()).substring(0, 12)),
                p.incidentId(), type, p.agent().actor(), in, output,
                Math.max(0, Duration.between(started, now).toMillis()), Optional.empty(), now));
    }

    /** The AI trace of the call: the agent's request as sent (scrubbed) and what AWOOOI answered. */
    private void trace(Proposal p, Outcome outcome, Instant started) {
        Instant now = desk.clock().instant();
        StringBuilder request = new StringBuilder("propose_action {\"incidentId\": \"").append(p.incidentId())
                .append("\", \"action\": \"").append(p.action()).append("\", \"params\": {");
        String sep = "";
        for (Map.Entry<String, String> e : p.params().entrySet()) {
            request.append(sep).append('"').append(e.getKey()).append("\": \"").append(e.getValue()).append('"');
            sep = ", ";
        }
        request.append("}}");
        String response = describe(outcome);
        boolean accepted = !(outcome instanceof Outcome.Refused) && !(outcome instanceof Outcome.Blocked);
        String kind = switch (outcome) {
            case Outcome.Requested r -> "requested";
            case Outcome.Existing e -> "existing";
            case Outcome.AlreadyRequested a -> "already_requested";
            case Outcome.Blocked b -> "blocked";
            case Outcome.Refused r -> "refused: " + r.reason().name().toLowerCase(Locale.ROOT);
        };
        try {
            traces.record(new AiTrace(p.incidentId(), p.agent().actor(),
                    "mcp" + (p.client().isBlank() ? "" : ":" + AgentText.scrubbed(p.client(), 100)), 1,
                    AgentText.scrubbed(request.toString(), MAX_TRACE), AgentText.scrubbed(response, MAX_TRACE),
                    AgentText.scrubbed(response, AiTrace.HEAD_CHARS), accepted,
                    Math.max(0, Duration.between(started, now).toMillis()), kind, now));
        } catch (RuntimeException e) {
            // an audit write failure never breaks the main flow
        }
    }

    /** One line for the trace: what the agent was told. */
    static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Requested r -> "request " + r.request().id() + " " + r.request().risk().level() + " needs "
                    + ApprovalCard.needs(r.request().quorum()) + "; links sent to " + r.request().notified().size();
            case Outcome.Existing e -> "request " + e.request().id() + " already made, " + e.request().status();
            case Outcome.AlreadyRequested a -> "the incident's own request " + a.request().id() + " is this action, "
                    + a.request().status();
            case Outcome.Blocked b -> "blocked by the dry-run: " + String.join("; ", b.dryRun().failures().stream()
                    .filter(c -> !c.overridable()).map(c -> c.name() + ": " + c.reason()).toList());
            case Outcome.Refused r -> "refused (" + r.reason() + "): " + r.detail();
        };
    }

    /**
     * What the incident is about, from its analysis document and its redacted alerts: the namespaces
     * and the words an action must stay within, the root causes (for the risk) and the brief.
     */
    record IncidentScope(Set<String> namespaces, String text, List<RootCause> rootCauses, int blastRadiusTotal,
            AnalysisView analysis) {
        private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]");

        static IncidentScope of(AnalysisView analysis, List<io.awoooi.core.shield.RedactedAlert> alerts) {
            Set<String> namespaces = new LinkedHashSet<>();
            List<RootCause> causes = new ArrayList<>();
            // what names an action may reach: the cluster facts of the analysis (as the API writes them)
            // and the alerts' labels, never their annotations or the narrative (free text an attacker
            // may have written)
            StringBuilder text = new StringBuilder();
            text.append(' ').append(analysis.targets())
                    .append(' ').append(analysis.rootCauses().stream().map(AnalysisView.RootCause::document).toList())
                    .append(' ').append(analysis.blastRadius().stream().map(AnalysisView.Impact::document).toList())
                    .append(' ').append(analysis.diagnosis().map(AnalysisView.Diagnosis::document).orElse(null));
            for (String t : analysis.targets()) {
                namespaceOf(t).ifPresent(namespaces::add);
            }
            for (AnalysisView.RootCause rc : analysis.rootCauses()) {
                namespaceOf(rc.service()).ifPresent(namespaces::add);
                serviceId(rc.service()).ifPresent(id -> causes.add(new RootCause(id, kind(rc.kind()),
                        Math.max(0, rc.depth()), rc.evidence())));
            }
            for (AnalysisView.Impact impact : analysis.blastRadius()) {
                namespaceOf(impact.service()).ifPresent(namespaces::add);
            }
            analysis.diagnosis().flatMap(AnalysisView.Diagnosis::subject)
                    .ifPresent(subject -> namespaceOf(subject).ifPresent(namespaces::add));
            for (var alert : alerts) {
                Optional.ofNullable(alert.labels().get("namespace")).filter(ns -> !ns.isBlank())
                        .ifPresent(namespaces::add);
                alert.labels().values().forEach(v -> text.append(' ').append(v));
            }
            return new IncidentScope(namespaces, text.toString(), causes, analysis.blastRadius().size(), analysis);
        }

        /** Why the action reaches outside the incident, if it does. */
        Optional<String> outside(ProposedAction action) {
            Optional<String> ns = action.param("namespace");
            if (ns.isPresent() && !namespaces.contains(ns.get())) {
                return Optional.of("namespace " + shown(ns.get()) + " is not one this incident is about ("
                        + String.join(", ", namespaces) + ")");
            }
            Optional<String> node = action.param("node");
            if (node.isPresent() && !mentions(node.get())) {
                return Optional.of("node " + shown(node.get()) + " is not one the incident's analysis or alert labels"
                        + " mention");
            }
            for (Map.Entry<String, String> e : new TreeMap<>(action.params()).entrySet()) {
                if (io.awoooi.core.shield.Label.PATTERN.matcher(e.getValue()).matches() && !mentions(e.getValue())) {
                    return Optional.of("parameter '" + e.getKey() + "' is a label this incident does not have: labels"
                            + " are the incident's own and turn into values only in the executor");
                }
            }
            return Optional.empty();
        }

        private boolean mentions(String name) {
            int from = 0;
            while (true) {
                int at = text.indexOf(name, from);
                if (at < 0) {
                    return false;
                }
                int end = at + name.length();
                boolean startOk = at == 0 || !NAME_CHARS.matcher(String.valueOf(text.charAt(at - 1))).matches();
                boolean endOk = end >= text.length() || !NAME_CHARS.matcher(String.valueOf(text.charAt(end))).matches();
                if (startOk && endOk) {
                    return true;
                }
                from = at + 1;
            }
        }

        /** The brief the approvers read: the analysis as it stands, and who proposed. */
        IncidentBrief brief(AlertFacts alert, AgentId agent) {
            Optional<IncidentBrief.DiagnosisBrief> diagnosis = analysis.diagnosis()
                    .map(d -> new IncidentBrief.DiagnosisBrief(d.kind(), d.inWords(), IncidentBrief.line(d.summary()),
                            d.evidence().stream().limit(IncidentBrief.MAX_EVIDENCE).map(IncidentBrief::line).toList(),
                            Optional.empty(), d.humanStep().map(IncidentBrief::line), d.unambiguous()));
            List<String> causes = rootCauses.stream().limit(IncidentBrief.MAX_ROOT_CAUSES).map(IncidentBrief::cause)
                    .toList();
            List<String> radius = analysis.blastRadius().stream().limit(IncidentBrief.MAX_BLAST_RADIUS)
                    .map(AnalysisView.Impact::service).toList();
            return new IncidentBrief(alert, diagnosis, causes, radius, blastRadiusTotal,
                    IncidentBrief.AGENT_SOURCE + agent.value(), analysis.narrator(),
                    AlertFacts.cut(analysis.narrative().replaceAll("\\s+", " ").strip(), IncidentBrief.MAX_NARRATIVE));
        }

        private static String shown(String value) {
            return value.length() <= 64 ? "'" + value + "'" : "(a long name)";
        }

        private static Optional<String> namespaceOf(String service) {
            int slash = service.indexOf('/');
            return slash > 0 ? Optional.of(service.substring(0, slash)) : Optional.empty();
        }

        private static Optional<ServiceId> serviceId(String service) {
            int slash = service.indexOf('/');
            if (slash <= 0 || slash == service.length() - 1) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ServiceId(service.substring(0, slash), service.substring(slash + 1)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private static ComponentKind kind(String kind) {
            try {
                return ComponentKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                return ComponentKind.OTHER;
            }
        }
    }
}
