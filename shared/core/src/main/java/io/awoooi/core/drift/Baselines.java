package io.awoooi.core.drift;

import java.util.List;
import java.util.Optional;

/** Port: the states humans accepted, one per workload. */
public interface Baselines {
    Optional<Baseline> find(WorkloadRef ref);

    List<Baseline> inNamespace(String namespace);

    /** Replaces the workload's baseline. */
    void save(Baseline baseline);
}
