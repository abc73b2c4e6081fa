package io.awoooi.core.drift;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload as the API server returned it.
 *
 * @param ref kind, namespace and name
 * @param uid the object's uid (a baseline of a deleted and recreated workload no longer applies)
 * @param resourceVersion the TOCTOU fingerprint of a restore
 * @param object the whole object as JSON-like maps and lists ({@code metadata}, {@code spec})
 * @param managedFields the object's field ownership
 * @param hpaTargeted a HorizontalPodAutoscaler scales it: its replicas are not drift
 */
public record LiveWorkload(WorkloadRef ref, String uid, String resourceVersion, Map<String, Object> object,
        List<ManagedFieldsEntry> managedFields, boolean hpaTargeted) {
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    public LiveWorkload {
        Objects.requireNonNull(ref, "ref");
        uid = uid == null ? "" : uid;
        resourceVersion = resourceVersion == null ? "" : resourceVersion;
        object = object == null ? Map.of() : object;
        managedFields = managedFields == null ? List.of() : List.copyOf(managedFields);
    }

    /** The last-applied-configuration annotation, if any. */
    public java.util.Optional<String> lastApplied() {
        Object md = object.get("metadata");
        if (md instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
                && a.get(LAST_APPLIED) instanceof String s && !s.isBlank()) {
            return java.util.Optional.of(s);
        }
        return java.util.Optional.empty();
    }
}
