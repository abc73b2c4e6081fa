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
    private static final List<String> INCIDENT_FIELDS = List.of("id", "status", "createdAt", "updatedAt",
            "resolvedAt", "severity", "age");
    private static final List<String> ALERT_FIELDS = List.of("alertname", "severity", "status", "startsAt", "endsAt",
            "labels", "annotations");
    private static final List<String> ANALYSIS_FIELDS = List.of("targets", "rootCauses", "blastRadius", "diagnosis",
            "proposedAction", "narrative", "hypotheses", "narrator", "topologyStale", "analyzedAt");

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
    @SuppressWarnings("unchecked")
    public Map<String, Object> incidents(int limit, Optional<String> nextToken, IncidentFilter filter) {
        Map<String, Object> page = reader.newest(limit, nextToken, filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object o : (List<Object>) page.getOrDefault("incidents", List.of())) {
            Map<String, Object> doc = (Map<String, Object>) o;
            Map<String, Object> item = pick(doc, INCIDENT_FIELDS);
            copy(doc, item, "diagnosis", "rootCause", "proposedAction");
            if (doc.get("approval") instanceof Map<?, ?> a) {
                item.put("approval", pick((Map<String, Object>) a, List.of("status", "risk", "baseRisk", "action")));
            }
            if (doc.get("execution") instanceof Map<?, ?> e) {
                item.put("execution", pick((Map<String, Object>) e, List.of("status", "outcome")));
            }
            item.put("alerts", alerts(doc.get("alerts"), List.of("alertname", "severity", "status")));
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incidents", items);
        if (page.get("nextToken") != null) {
            out.put("nextToken", page.get("nextToken"));
        }
        return out;
    }

    /**
     * One incident: {id, status, ..., alerts (pseudonymized labels and annotations), analysis
     * {targets, rootCauses, blastRadius, diagnosis, proposedAction, narrative, ...}, approval (the
     * incident's own request: {id, status, risk, riskStory, action, required, dryRun, signatures}),
     * agentProposals [{requestId, agent, status, risk, action}], execution {status, outcome},
     * timeline [{type, actor, at}]}.
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> incident(String id) {
        return reader.incident(id).map(doc -> {
            Map<String, Object> out = pick(doc, INCIDENT_FIELDS);
            out.put("alerts", alerts(doc.get("alerts"), ALERT_FIELDS));
            if (doc.get("analysis") instanceof Map<?, ?> a) {
                out.put("analysis", pick((Map<String, Object>) a, ANALYSIS_FIELDS));
            }
            if (doc.get("approval") instanceof Map<?, ?> a) {
                out.put("approval", pick((Map<String, Object>) a, List.of("id", "status", "risk", "baseRisk",
                        "riskStory", "action", "required", "dryRun", "signatures", "expiresAt")));
            }
            out.put("agentProposals", agentProposals(id));
            if (doc.get("execution") instanceof Map<?, ?> e) {
                out.put("execution", pick((Map<String, Object>) e, List.of("status", "outcome", "reason")));
            }
            List<Map<String, Object>> timeline = new ArrayList<>();
            for (Object o : (List<Object>) doc.getOrDefault("timeline", List.of())) {
                timeline.add(pick((Map<String, Object>) o, List.of("type", "actor", "at")));
            }
            out.put("timeline", timeline);
            return out;
        });
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
                    r.brief().proposalSource().isEmpty() ? "analysis" : "analysis (" + r.brief().proposalSource() + ")"));
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(Object alerts, List<String> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (alerts instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(pick((Map<String, Object>) m, fields));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> pick(Map<String, Object> doc, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : fields) {
            if (doc.get(f) != null) {
                out.put(f, doc.get(f));
            }
        }
        return out;
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... fields) {
        for (String f : fields) {
            if (from.get(f) != null) {
                to.put(f, from.get(f));
            }
        }
    }
}
