package io.awoooi.core.execution;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.incident.IncidentSection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The incident document's {@code execution}: {status (EXECUTED | VOIDED | FAILED, or IN_PROGRESS
 * while running), reason, outcome (EFFECTIVE | INEFFECTIVE once verified), at, attempt}; in the
 * incident list {status, outcome, updatedAt}.
 */
public final class ExecutionSection implements IncidentSection {
    private final ExecutionStore executions;

    public ExecutionSection(ExecutionStore executions) {
        this.executions = executions;
    }

    @Override
    public String field() {
        return "execution";
    }

    @Override
    public Map<String, Object> listed(java.util.List<String> incidentIds) {
        Map<String, String> byRequest = new LinkedHashMap<>();
        incidentIds.forEach(id -> byRequest.put(ApprovalRequest.idFor(id), id));
        Map<String, Object> out = new LinkedHashMap<>();
        executions.findAll(byRequest.keySet()).forEach((requestId, r) -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", r.status().name());
            r.outcome().ifPresent(o -> doc.put("outcome", o.name()));
            doc.put("updatedAt", r.verifiedAt().or(r::finishedAt).orElse(r.startedAt()).toString());
            out.put(byRequest.get(requestId), doc);
        });
        return out;
    }

    @Override
    public Optional<Object> of(String incidentId) {
        return executions.find(ApprovalRequest.idFor(incidentId)).map(r -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", r.status().name());
            r.reason().ifPresent(reason -> doc.put("reason", reason));
            r.outcome().ifPresent(o -> doc.put("outcome", o.name()));
            doc.put("at", r.finishedAt().orElse(r.startedAt()).toString());
            r.verifiedAt().ifPresent(t -> doc.put("verifiedAt", t.toString()));
            doc.put("attempt", r.attempt());
            return doc;
        });
    }
}
