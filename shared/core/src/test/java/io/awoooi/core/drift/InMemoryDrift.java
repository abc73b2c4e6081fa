package io.awoooi.core.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fakes of the drift ports for use-case tests: reports, notification claims, baselines and decisions.
 * Thread-safe. It passes {@link DriftStoreContract}, as the DynamoDB adapter does.
 */
public final class InMemoryDrift implements DriftReports, Baselines, DriftDecisions {
    final Map<String, DriftReport> reports = new LinkedHashMap<>();
    final Map<String, Instant> notified = new HashMap<>();
    final Map<WorkloadRef, Baseline> baselines = new HashMap<>();
    final Map<String, DriftDecision> decisions = new HashMap<>();
    private String latestId;

    @Override
    public synchronized void save(DriftReport report) {
        reports.put(report.id(), report);
        // the adapter's LATEST pointer: moved only forward, to the later saved of two scans of the same millisecond
        DriftReport current = latestId == null ? null : reports.get(latestId);
        if (current == null || current.scannedAt().toEpochMilli() <= report.scannedAt().toEpochMilli()) {
            latestId = report.id();
        }
    }

    @Override
    public synchronized Optional<DriftReport> find(String id) {
        return Optional.ofNullable(reports.get(id));
    }

    @Override
    public synchronized Optional<DriftReport> latest() {
        return latestId == null ? Optional.empty() : Optional.ofNullable(reports.get(latestId));
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

    @Override
    public synchronized Optional<DriftDecision> findDecision(String id) {
        return Optional.ofNullable(decisions.get(id));
    }

    @Override
    public synchronized boolean claimDecision(DriftDecision decision) {
        return decisions.putIfAbsent(decision.id(), decision) == null;
    }

    @Override
    public synchronized void finishDecision(DriftDecision decision) {
        decisions.put(decision.id(), decision);
    }
}
