package io.awoooi.core.evidence;

import io.awoooi.core.topology.WorkloadKind;
import java.util.Objects;

/**
 * The controller behind a topology node, as the cluster says (never guessed from names).
 *
 * @param desired {@code spec.replicas} (a DaemonSet: desiredNumberScheduled)
 * @param available available (or ready) replicas
 */
public record WorkloadRef(WorkloadKind kind, String name, int desired, int available) {
    public WorkloadRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
