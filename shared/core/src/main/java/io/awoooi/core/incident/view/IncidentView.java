package io.awoooi.core.incident.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident as operators read it ({@code GET /v1/incidents/{id}}, the console's incident page):
 * {id, status, createdAt, updatedAt, resolvedAt?, groupKeyHash, failure?, alerts (with their
 * pseudonymized labels and annotations), severity?, age, ageSeconds, analysis?, approval?, execution?,
 * timeline, operations}.
 *
 * @param timeline the audit trail, oldest first: alert_received, redacted, analyzed, approval_requested,
 *                 signed, approved, executed | voided | failed, verified; processing_failed where a stage
 *                 parked a message for good
 */
public record IncidentView(IncidentFacts facts, List<AlertView> alerts, Optional<AnalysisView> analysis,
        Optional<ApprovalView> approval, Optional<ExecutionView> execution, List<TimelineEntry> timeline) {
    public IncidentView {
        Objects.requireNonNull(facts, "facts");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(execution, "execution");
        timeline = List.copyOf(timeline);
    }

    /** Its alerts' names, each once, in order ({@code PodCrashLooping, HighLatency}); empty without alerts. */
    public String alertNames() {
        return IncidentSummary.names(alerts);
    }

    public Map<String, Object> document() {
        return facts.tail(facts.head().put("alerts", alerts.stream().map(AlertView::document).toList()))
                .put("analysis", analysis.map(AnalysisView::document))
                .put("approval", approval.map(ApprovalView::document))
                .put("execution", execution.map(ExecutionView::document))
                .put("timeline", timeline.stream().map(TimelineEntry::document).toList())
                .put("operations", timeline.stream().map(TimelineEntry::operationDocument).toList()).build();
    }
}
