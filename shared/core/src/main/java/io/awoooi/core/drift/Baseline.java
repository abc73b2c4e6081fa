package io.awoooi.core.drift;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The state a human accepted: the workload's tracked fields ({@link TrackedFields}) at that moment.
 *
 * @param ref the workload
 * @param uid the uid of the workload accepted; a recreated workload (another uid) does not inherit it
 * @param fields tracked path to canonical value
 * @param acceptedBy who clicked Accept (an approver id, never a personal value)
 * @param acceptedAt when
 * @param reportId the drift report the Accept link came from
 */
public record Baseline(WorkloadRef ref, String uid, Map<String, String> fields, String acceptedBy,
        Instant acceptedAt, String reportId) {
    public Baseline {
        Objects.requireNonNull(ref, "ref");
        uid = uid == null ? "" : uid;
        fields = Map.copyOf(fields);
        Objects.requireNonNull(acceptedBy, "acceptedBy");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        reportId = reportId == null ? "" : reportId;
    }
}
