package io.awoooi.core.approval;

import io.awoooi.core.incident.IncidentSection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident document's {@code approval}: {id, status, risk (assessed: what the quorum follows),
 * baseRisk (the catalog's), riskStory, riskReasons, action {id, params, inWords}, required {count,
 * roles, mustInclude, inWords}, trust, dryRun {passed, checks[]}, signatures[] ({approver, role,
 * decision, at}), notified, dispatched, createdAt, updatedAt, expiresAt, reason}. A pending request
 * past its expiry shows EXPIRED. In the incident list: {status, risk, baseRisk, action {id, inWords},
 * updatedAt}.
 */
public final class ApprovalSection implements IncidentSection {
    private final ApprovalStore store;
    private final Clock clock;

    public ApprovalSection(ApprovalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String field() {
        return "approval";
    }

    @Override
    public Optional<Object> of(String incidentId) {
        return store.find(ApprovalRequest.idFor(incidentId))
                .map(r -> document(r, store.signatures(r.id()), clock));
    }

    @Override
    public Map<String, Object> listed(List<String> incidentIds) {
        Map<String, String> byRequest = new LinkedHashMap<>();
        incidentIds.forEach(id -> byRequest.put(ApprovalRequest.idFor(id), id));
        Map<String, Object> out = new LinkedHashMap<>();
        store.findAll(byRequest.keySet()).forEach((requestId, r) -> out.put(byRequest.get(requestId), listed(r, clock)));
        return out;
    }

    /** {status, risk, baseRisk, action {id, inWords}, updatedAt}. */
    static Map<String, Object> listed(ApprovalRequest r, Clock clock) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", r.statusAt(clock.instant()).name());
        doc.put("risk", r.risk().level().name());
        doc.put("baseRisk", r.risk().base().name());
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("id", r.action().type().id());
        action.put("inWords", io.awoooi.core.action.ActionWords.sentence(r.action()));
        doc.put("action", action);
        doc.put("updatedAt", r.updatedAt().toString());
        return doc;
    }

    public static Map<String, Object> document(ApprovalRequest r, List<Signature> signatures, Clock clock) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.id());
        doc.put("status", r.statusAt(clock.instant()).name());
        doc.put("risk", r.risk().level().name());
        doc.put("baseRisk", r.risk().base().name());
        doc.put("riskStory", ApprovalCard.riskStory(r));
        doc.put("riskReasons", r.risk().reasons());
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("id", r.action().type().id());
        action.put("params", r.action().params());
        action.put("inWords", io.awoooi.core.action.ActionWords.sentence(r.action()));
        doc.put("action", action);
        r.proposingAgent().ifPresent(agent -> doc.put("proposedBy", "agent:" + agent));
        Map<String, Object> required = new LinkedHashMap<>();
        required.put("count", r.quorum().count());
        required.put("roles", r.quorum().eligible().stream().map(Role::wireName).toList());
        required.put("mustInclude", r.quorum().mustInclude().stream().map(Role::wireName).toList());
        required.put("inWords", ApprovalCard.needs(r.quorum()));
        doc.put("required", required);
        doc.put("trust", r.trust());
        Map<String, Object> dryRun = new LinkedHashMap<>();
        dryRun.put("passed", r.dryRun().passed());
        dryRun.put("checks", r.dryRun().checks().stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("passed", c.passed());
            check.put("reason", c.reason());
            check.put("overridable", c.overridable());
            return check;
        }).toList());
        doc.put("dryRun", dryRun);
        doc.put("signatures", signatures.stream().map(s -> {
            Map<String, Object> sig = new LinkedHashMap<>();
            sig.put("approver", s.approverId());
            sig.put("role", s.role().wireName());
            sig.put("decision", s.decision().wireName());
            sig.put("at", s.at().toString());
            return sig;
        }).toList());
        doc.put("notified", r.notified());
        doc.put("dispatched", r.dispatched());
        doc.put("createdAt", r.createdAt().toString());
        doc.put("updatedAt", r.updatedAt().toString());
        doc.put("expiresAt", r.expiresAt().toString());
        r.reason().ifPresent(reason -> doc.put("reason", reason));
        return doc;
    }
}
