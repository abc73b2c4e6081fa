package io.awoooi.core.incident.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the incident list ({@code GET /v1/incidents}, the console's list): what an operator
 * scans for. {id, status, createdAt, updatedAt, resolvedAt?, groupKeyHash, failure?, severity?, age,
 * ageSeconds, diagnosis? {kind, inWords}, rootCause?, proposedAction? {id, inWords?, baseRisk},
 * approval? {status, risk, baseRisk, action {id, inWords}, updatedAt}, execution? {status, outcome?,
 * updatedAt}, alerts (without labels or annotations)}. The analysis's parts are its short forms.
 */
public record IncidentSummary(IncidentFacts facts, Optional<AnalysisView> analysis,
        Optional<ApprovalView.Summary> approval, Optional<ExecutionView.Summary> execution, List<AlertView> alerts) {
    public IncidentSummary {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(execution, "execution");
        alerts = alerts.stream().map(AlertView::withoutDetails).toList();
    }

    public Optional<AnalysisView.Diagnosis> diagnosis() {
        return analysis.flatMap(AnalysisView::diagnosis);
    }

    /** The best root cause's service. */
    public Optional<String> rootCause() {
        return analysis.flatMap(AnalysisView::bestRootCause);
    }

    public Optional<AnalysisView.ProposedAction> proposedAction() {
        return analysis.flatMap(AnalysisView::proposedAction);
    }

    /** Its alerts' names, each once, in order; empty without alerts. */
    public String alertNames() {
        return names(alerts);
    }

    static String names(List<AlertView> alerts) {
        return String.join(", ", alerts.stream().map(AlertView::alertname).distinct().toList());
    }

    public Map<String, Object> document() {
        return facts.tail(facts.head())
                .put("diagnosis", diagnosis().map(AnalysisView.Diagnosis::summaryDocument))
                .put("rootCause", rootCause())
                .put("proposedAction", proposedAction().map(AnalysisView.ProposedAction::summaryDocument))
                .put("approval", approval.map(ApprovalView.Summary::document))
                .put("execution", execution.map(ExecutionView.Summary::document))
                .put("alerts", alerts.stream().map(AlertView::document).toList()).build();
    }
}
