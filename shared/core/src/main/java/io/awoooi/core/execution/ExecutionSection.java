package io.awoooi.core.execution;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.incident.IncidentSection;
import io.awoooi.core.incident.view.ExecutionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident's {@code execution} ({@link ExecutionView}): how the approved action's execution
 * ended (or that it runs), its outcome once verified; in the incident list its
 * {@link ExecutionView.Summary}.
 */
public final class ExecutionSection implements IncidentSection<ExecutionView, ExecutionView.Summary> {
    private final ExecutionStore executions;

    public ExecutionSection(ExecutionStore executions) {
        this.executions = executions;
    }

    @Override
    public Map<String, ExecutionView.Summary> listed(List<String> incidentIds) {
        Map<String, String> byRequest = new LinkedHashMap<>();
        incidentIds.forEach(id -> byRequest.put(ApprovalRequest.idFor(id), id));
        Map<String, ExecutionView.Summary> out = new LinkedHashMap<>();
        executions.findAll(byRequest.keySet()).forEach((requestId, r) -> out.put(byRequest.get(requestId),
                new ExecutionView.Summary(r.status().name(), r.outcome().map(Enum::name),
                        r.verifiedAt().or(r::finishedAt).orElse(r.startedAt()))));
        return out;
    }

    @Override
    public Optional<ExecutionView> of(String incidentId) {
        return executions.find(ApprovalRequest.idFor(incidentId)).map(r -> new ExecutionView(r.status().name(),
                r.reason(), r.outcome().map(Enum::name), r.finishedAt().orElse(r.startedAt()), r.verifiedAt(),
                r.attempt()));
    }
}
