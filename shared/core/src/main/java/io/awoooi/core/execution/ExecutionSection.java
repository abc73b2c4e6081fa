package io.awoooi.core.execution;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.incident.IncidentSection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The incident document's {@code execution}: {status (EXECUTED | VOIDED | FAILED, or IN_PROGRESS
 * while running), reason, outcome (EFFECTIVE | INEFFECTIVE once verified), at, attempt}.
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
