package io.awoooi.core.incident;

import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.incident.view.AlertView;
import io.awoooi.core.incident.view.AnalysisView;
import io.awoooi.core.incident.view.ApprovalView;
import io.awoooi.core.incident.view.ExecutionView;
import io.awoooi.core.incident.view.FailureView;
import io.awoooi.core.incident.view.IncidentFacts;
import io.awoooi.core.incident.view.IncidentPage;
import io.awoooi.core.incident.view.IncidentSummary;
import io.awoooi.core.incident.view.IncidentView;
import io.awoooi.core.incident.view.TimelineEntry;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the operators' read view of incidents, typed ({@link IncidentView}, {@link IncidentPage};
 * their {@code document()} is what the incident API answers): the incident with its redacted alerts,
 * analysis, approval, execution and audit trail, and the list of them.
 *
 * <p>Both the incident and each item of the list say, beside the incident's own fields, its severity
 * (the worst of its alerts), its age, and an {@code updatedAt} that is the latest change of any part
 * (the alerts, the analysis, the approval, the execution and, for the incident, the timeline). A list
 * item carries the analysis (shown as its short forms) and each section's summary, read in batches.
 */
public final class IncidentReader {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final IncidentStore store;
    private final RedactedAlertStore redactedAlerts;
    private final AnalysisStore analyses;
    private final OperationLog operations;
    private final IncidentSection<ApprovalView, ApprovalView.Summary> approvals;
    private final IncidentSection<ExecutionView, ExecutionView.Summary> executions;
    private final IncidentFailureStore failures;
    private final Clock clock;

    /** A reader without the later stages' parts (approval, execution, failure). */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations) {
        this(store, redactedAlerts, analyses, operations, IncidentSection.none(), IncidentSection.none(), null);
    }

    /**
     * @param approvals  the incident's approval request ({@code IncidentSection.none()}: not shown)
     * @param executions its execution ({@code IncidentSection.none()}: not shown)
     * @param failures   the incidents' permanent processing failures, shown as {@code failure} (null: none shown)
     */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations, IncidentSection<ApprovalView, ApprovalView.Summary> approvals,
            IncidentSection<ExecutionView, ExecutionView.Summary> executions, IncidentFailureStore failures) {
        this(store, redactedAlerts, analyses, operations, approvals, executions, failures, Clock.systemUTC());
    }

    /** @param clock what {@code age} is measured against */
    public IncidentReader(IncidentStore store, RedactedAlertStore redactedAlerts, AnalysisStore analyses,
            OperationLog operations, IncidentSection<ApprovalView, ApprovalView.Summary> approvals,
            IncidentSection<ExecutionView, ExecutionView.Summary> executions, IncidentFailureStore failures,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.redactedAlerts = Objects.requireNonNull(redactedAlerts, "redactedAlerts");
        this.analyses = Objects.requireNonNull(analyses, "analyses");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.failures = failures;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<IncidentView> incident(String id) {
        if (!IncidentIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return store.find(id).map(incident -> {
            Optional<AnalysisView> analysis = analyses.latest(id);
            Optional<ApprovalView> approval = approvals.of(id);
            Optional<ExecutionView> execution = executions.of(id);
            List<TimelineEntry> trail = operations.trail(id).stream().map(TimelineEntry::of).toList();
            List<Instant> changes = new ArrayList<>();
            analysis.ifPresent(a -> changes.add(a.analyzedAt()));
            approval.ifPresent(a -> changes.add(a.updatedAt()));
            execution.ifPresent(e -> {
                changes.add(e.at());
                e.verifiedAt().ifPresent(changes::add);
            });
            trail.forEach(op -> changes.add(op.at()));
            return new IncidentView(facts(incident, changes, failures == null ? Optional.empty() : failures.find(id)),
                    alerts(incident, redactedAlerts.alerts(id)), analysis, approval, execution, trail);
        });
    }

    /** @throws IllegalArgumentException when limit is outside 1..{@value #MAX_LIMIT} */
    public IncidentPage newest(int limit, Optional<String> pageToken) {
        return newest(limit, pageToken, IncidentFilter.none());
    }

    /**
     * A page of the list, newest first, with what an operator scans for in each item (see the class
     * comment); the parts come from a few batch reads, not one read per incident.
     *
     * @throws IllegalArgumentException when limit is outside 1..{@value #MAX_LIMIT}
     */
    public IncidentPage newest(int limit, Optional<String> pageToken, IncidentFilter filter) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        IncidentStore.IncidentPage page = store.listNewest(limit, pageToken, filter);
        List<String> ids = page.incidents().stream().map(Incident::id).toList();
        boolean none = ids.isEmpty();
        Map<String, IncidentFailure> failed = failures == null || none ? Map.of() : failures.findAll(ids);
        Map<String, AnalysisView> analysed = none ? Map.of() : analyses.latestOf(ids);
        Map<String, ApprovalView.Summary> approved = none ? Map.of() : approvals.listed(ids);
        Map<String, ExecutionView.Summary> executed = none ? Map.of() : executions.listed(ids);
        List<IncidentSummary> items = page.incidents().stream().map(i -> {
            Optional<AnalysisView> analysis = Optional.ofNullable(analysed.get(i.id()));
            Optional<ApprovalView.Summary> approval = Optional.ofNullable(approved.get(i.id()));
            Optional<ExecutionView.Summary> execution = Optional.ofNullable(executed.get(i.id()));
            List<Instant> changes = new ArrayList<>();
            analysis.ifPresent(a -> changes.add(a.analyzedAt()));
            approval.ifPresent(a -> changes.add(a.updatedAt()));
            execution.ifPresent(e -> changes.add(e.updatedAt()));
            return new IncidentSummary(facts(i, changes, Optional.ofNullable(failed.get(i.id()))), analysis, approval,
                    execution, alerts(i, List.of()));
        }).toList();
        return new IncidentPage(items, page.nextPageToken());
    }

    /** The incident's own facts, its {@code updatedAt} the latest of its own and its parts' {@code changes}. */
    private IncidentFacts facts(Incident incident, List<Instant> changes, Optional<IncidentFailure> failure) {
        Duration age = Duration.between(incident.createdAt(), clock.instant());
        return new IncidentFacts(incident.id(), incident.status().name(), incident.createdAt(),
                latest(incident.updatedAt(), changes), incident.resolvedAt(), incident.groupKeyHash(),
                failure.map(FailureView::of), worstSeverity(incident), io.awoooi.core.HumanTime.duration(age),
                Math.max(0, age.toSeconds()));
    }

    /** The worst severity among the incident's alerts (firing ones first), as written. */
    static Optional<String> worstSeverity(Incident incident) {
        List<IncidentAlert> firing = incident.alerts().stream().filter(IncidentAlert::firing).toList();
        return (firing.isEmpty() ? incident.alerts() : firing).stream().map(IncidentAlert::severity)
                .filter(s -> !s.isBlank())
                .min(java.util.Comparator.comparingInt(io.awoooi.core.approval.AlertFacts::rank));
    }

    /** The latest of the incident's own time and its parts'. */
    private static Instant latest(Instant own, List<Instant> times) {
        return times.stream().filter(at -> at.isAfter(own)).max(Instant::compareTo).orElse(own);
    }

    /**
     * The incident's alerts with, per alert, its pseudonymized labels and annotations once the
     * Privacy Shield has run (the list passes none, to stay one query).
     */
    static List<AlertView> alerts(Incident incident, List<RedactedAlert> redacted) {
        Map<AlertKey, RedactedAlert> byKey = new HashMap<>();
        redacted.forEach(r -> byKey.put(r.key(), r));
        return incident.alerts().stream().map(a -> new AlertView(a.alertname(), a.severity(), a.fingerprint(),
                a.startsAt(), a.status().name(), a.endsAt(), Optional.ofNullable(byKey.get(a.key()))
                        .map(r -> new AlertView.Redacted(r.labels(), r.annotations(), r.generatorURL()))))
                .toList();
    }
}
