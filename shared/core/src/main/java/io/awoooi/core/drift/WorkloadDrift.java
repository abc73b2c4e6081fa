package io.awoooi.core.drift;

import java.util.List;
import java.util.Objects;

/**
 * The drift of one workload.
 *
 * @param ref the workload
 * @param uid its uid
 * @param resourceVersion its resourceVersion when scanned (a restore's TOCTOU fingerprint)
 * @param source where its desired state came from
 * @param items the drifted fields, most severe first
 */
public record WorkloadDrift(WorkloadRef ref, String uid, String resourceVersion, DesiredSource source,
        List<DriftItem> items) {
    public WorkloadDrift {
        Objects.requireNonNull(ref, "ref");
        uid = uid == null ? "" : uid;
        resourceVersion = resourceVersion == null ? "" : resourceVersion;
        Objects.requireNonNull(source, "source");
        items = List.copyOf(items);
    }

    public Severity highest() {
        return items.stream().map(DriftItem::severity).max(Enum::compareTo).orElse(Severity.LOW);
    }
}
