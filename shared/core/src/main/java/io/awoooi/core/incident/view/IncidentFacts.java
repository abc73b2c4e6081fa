package io.awoooi.core.incident.view;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an incident says of itself, the same in its view and in its list item: {id, status,
 * createdAt, updatedAt, resolvedAt?, groupKeyHash, failure?} first, {severity?, age, ageSeconds}
 * later (the document puts its alerts between the two).
 *
 * @param status    FIRING | RESOLVED: what its alerts say
 * @param updatedAt the latest change of any part (the alerts, the analysis, the approval, the
 *                  execution and, in the view, the timeline)
 * @param severity  the worst of its alerts' (firing ones first), as written
 * @param age       since it was opened, in words ({@code 12 min})
 */
public record IncidentFacts(String id, String status, Instant createdAt, Instant updatedAt,
        Optional<Instant> resolvedAt, String groupKeyHash, Optional<FailureView> failure, Optional<String> severity,
        String age, long ageSeconds) {
    public IncidentFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(groupKeyHash, "groupKeyHash");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(age, "age");
    }

    /** {id, status, createdAt, updatedAt, resolvedAt?, groupKeyHash, failure?}. */
    Documents head() {
        return Documents.object().put("id", id).put("status", status).put("createdAt", createdAt)
                .put("updatedAt", updatedAt).put("resolvedAt", resolvedAt).put("groupKeyHash", groupKeyHash)
                .put("failure", failure.map(FailureView::document));
    }

    /** {severity?, age, ageSeconds} after what {@code doc} has. */
    Documents tail(Documents doc) {
        return doc.put("severity", severity).put("age", age).put("ageSeconds", ageSeconds);
    }
}
