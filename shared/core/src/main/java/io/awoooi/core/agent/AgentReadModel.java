package io.awoooi.core.agent;

import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ActionDescription;
import io.awoooi.core.action.ActionWords;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStore;
import io.awoooi.core.approval.Role;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.incident.IncidentFilter;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.incident.view.AnalysisView;
import io.awoooi.core.incident.view.ApprovalView;
import io.awoooi.core.incident.view.IncidentFacts;
import io.awoooi.core.incident.view.IncidentPage;
import io.awoooi.core.incident.view.IncidentSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: what an outside agent may read. Built from the operators' read model, and narrower:
 * only pseudonymized parts (alerts with their labels, the analysis, the approval's standing, the
 * execution's outcome, the timeline), never the group key, the operation log's outputs, a link, a
 * token or a vault entry. Plain maps in a fixed order, like the incident API's.
 */
public final class AgentReadModel {
    private final IncidentReader reader;
    private final ApprovalStore approvals;
    private final OperationLog operations;
    private final Clock clock;
    private final Optional<io.awoooi.core.execution.ExecutionStore> executions;

    public AgentReadModel(IncidentReader reader, ApprovalStore approvals, OperationLog operations, Clock clock) {
        this(reader, approvals, operations, Optional.empty(), clock);
    }

    /** @param executions where a request's execution and its outcome are read ({@link #approval}) */
    public AgentReadModel(IncidentReader reader, ApprovalStore approvals, OperationLog operations,
            Optional<io.awoooi.core.execution.ExecutionStore> executions, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A page of incidents, newest first: {incidents: [{id, status, severity, age, createdAt, updatedAt,
     * diagnosis, rootCause, proposedAction, approval, execution, alerts: [{alertname, severity,
     * status}]}], nextToken?}.
     *
     * @throws IllegalArgumentException for a limit outside 1..100 or a malformed page token
     */
    public Map<String, Object> incidents(int limit, Optional<String> nextToken, IncidentFilter filter) {
        IncidentPage page = reader.newest(limit, nextToken, filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (IncidentSummary i : page.incidents()) {
            Map<String, Object> item = incidentFields(i.facts());
            put(item, "diagnosis", i.diagnosis().map(AnalysisView.Diagnosis::summaryDocument));
            put(item, "rootCause", i.rootCause());
            put(item, "proposedAction", i.proposedAction().map(AnalysisView.ProposedAction::summaryDocument));
            put(item, "approval", i.approval().map(a -> {
                Map<String, Object> approval = new LinkedHashMap<>();
                approval.put("status", a.status());
                approval.put("risk", a.risk());
                approval.put("baseRisk", a.baseRisk());
                approval.put("action", a.action().summaryDocument());
                return approval;
            }));
            put(item, "execution", i.execution().map(e -> execution(e.status(), e.outcome(), Optional.empty())));
            item.put("alerts", i.alerts().stream().map(a -> {
                Map<String, Object> alert = new LinkedHashMap<>();
                alert.put("alertname", a.alertname());
                alert.put("severity", a.severity());
                alert.put("status", a.status());
                return alert;
            }).toList());
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incidents", items);
        put(out, "nextToken", page.nextToken());
        return out;
    }

    /**
     * One incident: {id, status, ..., alerts (pseudonymized labels and annotations), analysis
     * {targets, rootCauses, blastRadius, diagnosis, proposedAction, narrative, ...}, approval (the
     * incident's own request: {id, status, risk, riskStory, action, required, dryRun, signatures}),
     * agentProposals [{requestId, agent, status, risk, action}], execution {status, outcome},
     * timeline [{type, actor, at}]}.
     */
    public Optional<Map<String, Object>> incident(String id) {
        return reader.incident(id).map(doc -> {
            Map<String, Object> out = incidentFields(doc.facts());
            out.put("alerts", doc.alerts().stream().map(a -> {
                Map<String, Object> alert = new LinkedHashMap<>();
                alert.put("alertname", a.alertname());
                alert.put("severity", a.severity());
                alert.put("status", a.status());
                alert.put("startsAt", a.startsAt().toString());
                put(alert, "endsAt", a.endsAt().map(Object::toString));
                a.redacted().ifPresent(r -> {
                    alert.put("labels", r.labels());
                    alert.put("annotations", r.annotations());
                });
                return alert;
            }).toList());
            put(out, "analysis", doc.analysis().map(AgentReadModel::analysis));
            put(out, "approval", doc.approval().map(a -> {
                Map<String, Object> approval = new LinkedHashMap<>();
                approval.put("id", a.id());
                approval.put("status", a.status());
                approval.put("risk", a.risk());
                approval.put("baseRisk", a.baseRisk());
                approval.put("riskStory", a.riskStory());
                approval.put("action", a.action().document());
                approval.put("required", a.required().document());
                approval.put("dryRun", a.dryRun().document());
                approval.put("signatures", a.signatures().stream().map(ApprovalView.SignatureView::document).toList());
                approval.put("expiresAt", a.expiresAt().toString());
                return approval;
            }));
            out.put("agentProposals", agentProposals(id));
            put(out, "execution", doc.execution().map(e -> execution(e.status(), e.outcome(), e.reason())));
            out.put("timeline", doc.timeline().stream().map(e -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", e.type());
                entry.put("actor", e.actor());
                entry.put("at", e.at().toString());
                return entry;
            }).toList());
            return out;
        });
    }

    /** {id, status, createdAt, updatedAt, resolvedAt?, severity?, age}: never the group key. */
    private static Map<String, Object> incidentFields(IncidentFacts facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", facts.id());
        out.put("status", facts.status());
        out.put("createdAt", facts.createdAt().toString());
        out.put("updatedAt", facts.updatedAt().toString());
        put(out, "resolvedAt", facts.resolvedAt().map(Object::toString));
        put(out, "severity", facts.severity());
        out.put("age", facts.age());
        return out;
    }

    /** {status, outcome?, reason?}: the execution as an agent sees it. */
    private static Map<String, Object> execution(String status, Optional<String> outcome, Optional<String> reason) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("status", status);
        put(execution, "outcome", outcome);
        put(execution, "reason", reason);
        return execution;
    }

    /** The analysis, the facts first, without its notification key. */
    private static Map<String, Object> analysis(AnalysisView a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", a.targets());
        out.put("rootCauses", a.rootCauses().stream().map(AnalysisView.RootCause::document).toList());
        out.put("blastRadius", a.blastRadius().stream().map(AnalysisView.Impact::document).toList());
        put(out, "diagnosis", a.diagnosis().map(AnalysisView.Diagnosis::document));
        put(out, "proposedAction", a.proposedAction().map(AnalysisView.ProposedAction::document));
        out.put("narrative", a.narrative());
        out.put("hypotheses", a.hypotheses());
        out.put("narrator", a.narrator());
        out.put("topologyStale", a.topologyStale());
        out.put("analyzedAt", a.analyzedAt().toString());
        return out;
    }

    private static void put(Map<String, Object> doc, String field, Optional<?> value) {
        value.ifPresent(v -> doc.put(field, v));
    }

    /**
     * A request's standing: {requestId, incidentId, status, risk, baseRisk, riskStory, action {id,
     * params, inWords}, proposedBy, required {count, roles, mustInclude, inWords}, stillNeeded,
     * signatures [{approver, role, decision, at}], dryRun {passed, checks}, createdAt, expiresAt,
     * reason, execution {status, outcome (EFFECTIVE | INEFFECTIVE, once checked), reason}}. Never a link or a token: an agent can watch a request, not sign it.
     */
    public Optional<Map<String, Object>> approval(String requestId) {
        if (requestId == null || !requestId.matches("apr_[0-9a-f]{26}")) {
            return Optional.empty();
        }
        return approvals.find(requestId).map(r -> {
            var signatures = approvals.signatures(r.id());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("requestId", r.id());
            out.put("incidentId", r.incidentId());
            out.put("status", r.statusAt(clock.instant()).name());
            out.put("risk", r.risk().level().name());
            out.put("baseRisk", r.risk().base().name());
            out.put("riskReasons", r.risk().reasons());
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", r.action().type().id());
            action.put("params", new LinkedHashMap<>(r.action().params()));
            action.put("inWords", ActionWords.sentence(r.action()));
            out.put("action", action);
            out.put("proposedBy", r.proposingAgent().map(a -> "agent:" + a).orElse(
                    r.brief().proposalSource().isEmpty() ? "analysis"
                            : "analysis (" + r.brief().proposalSource() + ")"));
            Map<String, Object> required = new LinkedHashMap<>();
            required.put("count", r.quorum().count());
            required.put("roles", r.quorum().eligible().stream().map(Role::wireName).toList());
            required.put("mustInclude", r.quorum().mustInclude().stream().map(Role::wireName).toList());
            required.put("inWords", ApprovalCard.needs(r.quorum()));
            out.put("required", required);
            out.put("signatures", signatures.stream().map(s -> {
                Map<String, Object> sig = new LinkedHashMap<>();
                sig.put("approver", s.approverId());
                sig.put("role", s.role().wireName());
                sig.put("decision", s.decision().wireName());
                sig.put("at", s.at().toString());
                return sig;
            }).toList());
            Map<String, Object> dryRun = new LinkedHashMap<>();
            dryRun.put("passed", r.dryRun().passed());
            dryRun.put("checks", r.dryRun().checks().stream().map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", c.name());
                check.put("passed", c.passed());
                check.put("reason", c.reason());
                return check;
            }).toList());
            out.put("dryRun", dryRun);
            out.put("createdAt", r.createdAt().toString());
            out.put("expiresAt", r.expiresAt().toString());
            r.reason().ifPresent(reason -> out.put("reason", reason));
            executions.flatMap(store -> store.find(r.id())).ifPresent(e -> {
                Map<String, Object> execution = new LinkedHashMap<>();
                execution.put("status", e.status().name());
                e.outcome().ifPresent(o -> execution.put("outcome", o.name()));
                e.reason().ifPresent(reason -> execution.put("reason", reason));
                out.put("execution", execution);
            });
            return out;
        });
    }

    /**
     * The catalog: [{id, baseRisk, summary, parameters: JSON schema of its parameters (all strings,
     * the required ones listed, no others allowed)}].
     */
    public static List<Map<String, Object>> actions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ActionDescription a : ActionCatalog.describe()) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", a.id());
            action.put("baseRisk", a.baseRisk().name());
            action.put("summary", a.summary());
            action.put("agentMayPropose", a.baseRisk() != io.awoooi.core.action.RiskLevel.CRITICAL);
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (ActionDescription.ParameterDescription p : a.parameters()) {
                properties.put(p.name(), Map.of("type", "string", "description", p.meaning() + "; " + p.requirement()));
                if (p.required()) {
                    required.add(p.name());
                }
            }
            schema.put("properties", properties);
            schema.put("required", required);
            schema.put("additionalProperties", false);
            action.put("parameters", schema);
            out.add(action);
        }
        return out;
    }

    /** The requests outside agents made on the incident (the operation log names each). */
    private List<Map<String, Object>> agentProposals(String incidentId) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            operations.trail(incidentId).stream()
                    .filter(op -> op.type().equals("approval_requested") && op.actor().startsWith("agent:"))
                    .forEach(op -> Optional.ofNullable(op.output().get("request")).ifPresent(ids::add));
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApprovalRequest r : approvals.findAll(ids).values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("requestId", r.id());
            item.put("agent", r.proposingAgent().orElse(""));
            item.put("status", r.statusAt(clock.instant()).name());
            item.put("risk", r.risk().level().name());
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", r.action().type().id());
            action.put("params", new LinkedHashMap<>(r.action().params()));
            item.put("action", action);
            out.add(item);
        }
        return out;
    }
}
