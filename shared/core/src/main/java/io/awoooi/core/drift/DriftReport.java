package io.awoooi.core.drift;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One drift scan's result.
 *
 * @param id {@code drf_<yyyyMMddHHmm>_<hash>}
 * @param scannedAt when the scan started
 * @param namespacesScanned the namespaces read completely
 * @param namespacesNotScanned namespace to why it was not (the Kubernetes API failed mid-scan)
 * @param workloads the drifted workloads (none when the cluster matches its desired state)
 * @param itemsScanned how many workloads were compared
 * @param problems baselines that were not applied (wrong kind, recreated or deleted workload)
 * @param newFingerprints the fingerprints of the items this scan notifies (new, or due a reminder)
 */
public record DriftReport(String id, Instant scannedAt, List<String> namespacesScanned,
        Map<String, String> namespacesNotScanned, List<WorkloadDrift> workloads, int itemsScanned,
        List<String> problems, List<String> newFingerprints) {
    public DriftReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scannedAt, "scannedAt");
        namespacesScanned = List.copyOf(namespacesScanned);
        namespacesNotScanned = Map.copyOf(namespacesNotScanned);
        workloads = List.copyOf(workloads);
        problems = List.copyOf(problems);
        newFingerprints = List.copyOf(newFingerprints);
    }

    public int itemCount() {
        return workloads.stream().mapToInt(w -> w.items().size()).sum();
    }

    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0);
        }
        workloads.forEach(w -> w.items().forEach(i -> out.merge(i.severity(), 1, Integer::sum)));
        return out;
    }

    /** Whether anyone is told: some drift is new or due a reminder, or a namespace was not scanned. */
    public boolean notifies() {
        return !newFingerprints.isEmpty();
    }

    public java.util.Optional<WorkloadDrift> workload(String key) {
        return workloads.stream().filter(w -> w.ref().key().equals(key)).findFirst();
    }
}
