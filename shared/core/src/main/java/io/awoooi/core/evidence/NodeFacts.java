package io.awoooi.core.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster node that runs (or should run) a workload's pods.
 *
 * @param ready the Ready condition is True (Unknown counts as not ready: the kubelet stopped reporting)
 * @param readySince when the Ready condition last changed
 * @param pressures the pressure conditions that are True: MemoryPressure, DiskPressure, PIDPressure
 * @param unschedulable {@code spec.unschedulable} (cordoned)
 * @param events the node's own events (NodeNotReady, ...)
 */
public record NodeFacts(String name, boolean ready, Optional<Instant> readySince, Set<String> pressures,
        boolean unschedulable, List<EventFacts> events) {
    public NodeFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readySince, "readySince");
        pressures = Set.copyOf(pressures);
        events = List.copyOf(events);
    }

    /** Not ready, or under a pressure: pods there may fail for the node's sake. */
    public boolean impaired() {
        return !ready || !pressures.isEmpty();
    }
}
