package io.awoooi.core.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fakes of the drift ports for use-case tests: reports, notification claims and baselines. Thread-safe. */
final class InMemoryDrift implements DriftReports, Baselines {
    final Map<String, DriftReport> reports = new LinkedHashMap<>();
    final Map<String, Instant> notified = new HashMap<>();
    final Map<WorkloadRef, Baseline> baselines = new HashMap<>();

    @Override
    public synchronized void save(DriftReport report) {
        reports.put(report.id(), report);
    }

    @Override
    public synchronized Optional<DriftReport> find(String id) {
        return Optional.ofNullable(reports.get(id));
    }

    @Override
    public synchronized Optional<DriftReport> latest() {
        return reports.values().stream().max((a, b) -> a.scannedAt().compareTo(b.scannedAt()));
    }

    @Override
    public synchronized boolean claimNotification(String fingerprint, Instant now, Duration reminder) {
        Instant last = notified.get(fingerprint);
        if (last != null && last.plus(reminder).isAfter(now)) {
            return false;
        }
        notified.put(fingerprint, now);
        return true;
    }

    @Override
    public synchronized Optional<Baseline> find(WorkloadRef ref) {
        return Optional.ofNullable(baselines.get(ref));
    }

    @Override
    public synchronized List<Baseline> inNamespace(String namespace) {
        return new ArrayList<>(baselines.values().stream().filter(b -> b.ref().namespace().equals(namespace)).toList());
    }

    @Override
    public synchronized void save(Baseline baseline) {
        baselines.put(baseline.ref(), baseline);
    }
}
