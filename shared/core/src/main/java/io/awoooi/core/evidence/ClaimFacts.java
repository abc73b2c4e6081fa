package io.awoooi.core.evidence;

import java.util.Objects;
import java.util.Optional;

/**
 * A PersistentVolumeClaim a workload's pods mount (or its StatefulSet's volume claim templates name).
 *
 * @param phase Pending, Bound, Lost
 * @param capacity {@code status.capacity.storage}, e.g. {@code 10Gi}
 */
public record ClaimFacts(String name, String phase, Optional<String> capacity, Optional<String> storageClass) {
    public ClaimFacts {
        Objects.requireNonNull(name, "name");
        phase = phase == null ? "Unknown" : phase;
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(storageClass, "storageClass");
    }
}
