package io.awoooi.core.drift;

import io.awoooi.core.Hashing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The use case: reads every namespace, detects each workload's drift, reports baselines that no
 * longer apply, claims the notification of each drift (so overlapping scans and unchanged drift are
 * not notified again before the reminder interval), and stores the report.
 */
public final class DriftScan {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);

    private final DriftSource source;
    private final Baselines baselines;
    private final DriftReports reports;
    private final DriftDetector detector;
    private final DriftPolicy policy;
    private final Clock clock;

    public DriftScan(DriftSource source, Baselines baselines, DriftReports reports, DriftPolicy policy, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.detector = new DriftDetector(policy);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws DriftSource.DriftSourceException when not even the namespaces can be listed (transient: retried) */
    public DriftReport run() {
        Instant now = clock.instant();
        List<String> namespaces = source.namespaces();
        List<String> scanned = new ArrayList<>();
        Map<String, String> notScanned = new LinkedHashMap<>();
        List<WorkloadDrift> drifted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int items = 0;
        for (String ns : namespaces.stream().sorted().toList()) {
            List<LiveWorkload> workloads;
            try {
                workloads = source.workloads(ns);
            } catch (DriftSource.DriftSourceException e) {
                notScanned.put(ns, e.getMessage() == null ? "the Kubernetes API failed" : e.getMessage());
                continue;
            }
            scanned.add(ns);
            Set<WorkloadRef> seen = new HashSet<>();
            for (LiveWorkload w : workloads) {
                items++;
                seen.add(w.ref());
                DriftDetector.Detection d = detector.detect(w, baselines.find(w.ref()));
                problems.addAll(d.problems());
                if (!d.drift().items().isEmpty()) {
                    drifted.add(d.drift());
                }
            }
            for (Baseline b : baselines.inNamespace(ns)) {
                if (!seen.contains(b.ref()) && seen.stream().noneMatch(r -> r.namespace().equals(b.ref().namespace())
                        && r.name().equals(b.ref().name()))) {
                    problems.add("baseline of " + b.ref().key() + " has no workload any more: not applied");
                }
            }
        }
        drifted.sort((a, b) -> a.ref().compareTo(b.ref()));
        String id = idFor(now, drifted, notScanned);
        List<String> fresh = new ArrayList<>();
        for (WorkloadDrift w : drifted) {
            for (DriftItem i : w.items()) {
                String fp = i.fingerprint(w.ref());
                if (reports.claimNotification(fp, now, policy.reminderInterval())) {
                    fresh.add(fp);
                }
            }
        }
        DriftReport report = new DriftReport(id, now, scanned, notScanned, drifted, items, problems, fresh);
        reports.save(report);
        return report;
    }

    static String idFor(Instant now, List<WorkloadDrift> drifted, Map<String, String> notScanned) {
        StringBuilder sb = new StringBuilder(now.toString());
        drifted.forEach(w -> w.items().forEach(i -> sb.append('\n').append(i.fingerprint(w.ref()))));
        notScanned.keySet().forEach(ns -> sb.append("\n!").append(ns));
        return "drf_" + MINUTE.format(now) + "_" + Hashing.sha256Hex(sb.toString()).substring(0, 10);
    }
}
