package io.awoooi.core.incident.view;

import java.time.Instant;
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
 * @param status     FIRING | RESOLVED: what its alerts say
 * @param updatedAt  the latest change of any part (the alerts, the analysis, the approval, the
 *                   execution, the timeline)
 * @param severity   the worst of its alerts' (firing ones first), as written
 * @param age        since it was opened, in words ({@code 12 min})
 * @param timeline   the audit trail, oldest first: alert_received, redacted, analyzed, approval_requested,
 *                   signed, approved, executed | voided | failed, verified; processing_failed where a
 *                   stage parked a message for good
 */
public record IncidentView(String id, String status, Instant createdAt, Instant updatedAt, Optional<Instant> resolvedAt,
        String groupKeyHash, Optional<FailureView> failure, List<AlertView> alerts, Optional<String> severity,
        String age, long ageSeconds, Optional<AnalysisView> analysis, Optional<ApprovalView> approval,
        Optional<ExecutionView> execution, List<TimelineEntry> timeline) {
    public IncidentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(groupKeyHash, "groupKeyHash");
        Objects.requireNonNull(failure, "failure");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(age, "age");
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
        return Documents.object().put("id", id).put("status", status).put("createdAt", createdAt)
                .put("updatedAt", updatedAt).put("resolvedAt", resolvedAt).put("groupKeyHash", groupKeyHash)
                .put("failure", failure.map(FailureView::document))
                .put("alerts", alerts.stream().map(AlertView::document).toList())
                .put("severity", severity).put("age", age).put("ageSeconds", ageSeconds)
                .put("analysis", analysis.map(AnalysisView::document))
                .put("approval", approval.map(ApprovalView::document))
                .put("execution", execution.map(ExecutionView::document))
                .put("timeline", timeline.stream().map(TimelineEntry::document).toList())
                .put("operations", timeline.stream().map(TimelineEntry::operationDocument).toList()).build();
    }
}
