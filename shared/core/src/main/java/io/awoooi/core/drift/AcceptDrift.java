package io.awoooi.core.drift;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.narrative.AiOutcomes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An approver's Accept of one drifted workload (the caller verified the signed, single-use link):
 * the workload's state as it is now becomes its baseline, with who accepted it; the report's AI
 * traces get the outcome {@value #OUTCOME} (the human feedback loop), and the operation log a
 * {@code drift_accepted} row. Only the state the approver saw is accepted: a workload changed since
 * the report (another resourceVersion), recreated (another uid) or deleted is refused, never stored.
 * The audit writes never fail the accept; the baseline write does (it is the effect).
 */
public final class AcceptDrift {
    public static final String OUTCOME = "accepted_change";

    private final DriftReports reports;
    private final Baselines baselines;
    private final DriftSource source;
    private final AiOutcomes outcomes;
    private final OperationLog operations;
    private final Clock clock;

    public AcceptDrift(DriftReports reports, Baselines baselines, DriftSource source, AiOutcomes outcomes,
            OperationLog operations, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.source = Objects.requireNonNull(source, "source");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What came of an Accept. */
    public sealed interface Result {
        record Accepted(Baseline baseline) implements Result {
        }

        /** No such report or no such workload in it (a 404). */
        record NotFound(String what) implements Result {
        }

        /** The workload is not what the approver saw any more (a 409: scan again). */
        record Changed(String why) implements Result {
        }
    }

    public Result accept(String reportId, String workloadKey, String approverId) {
        Objects.requireNonNull(approverId, "approverId");
        Optional<DriftReport> report = reports.find(reportId);
        if (report.isEmpty()) {
            return new Result.NotFound("no drift report " + reportId);
        }
        Optional<WorkloadDrift> drift = report.get().workload(workloadKey);
        if (drift.isEmpty()) {
            return new Result.NotFound("no drifted workload " + workloadKey + " in " + reportId);
        }
        WorkloadDrift w = drift.get();
        Optional<LiveWorkload> live = source.workload(w.ref());
        if (live.isEmpty()) {
            return new Result.Changed(w.ref().key() + " no longer exists: nothing accepted");
        }
        if (!live.get().uid().equals(w.uid())) {
            return new Result.Changed(w.ref().key() + " was deleted and recreated since the report: nothing accepted");
        }
        if (!live.get().resourceVersion().equals(w.resourceVersion())) {
            return new Result.Changed(w.ref().key() + " changed since the report (resourceVersion "
                    + w.resourceVersion() + " -> " + live.get().resourceVersion() + "): scan again, nothing accepted");
        }
        Instant now = clock.instant();
        Baseline baseline = new Baseline(w.ref(), live.get().uid(), DriftDetector.snapshot(live.get()), approverId, now,
                reportId);
        baselines.save(baseline);
        try {
            outcomes.recordOutcome(reportId, OUTCOME, now);
        } catch (RuntimeException e) {
            // the feedback loop is audit: it never fails the accept
        }
        OperationLog.appendQuietly(operations,
                new Operation(Operation.idFor(reportId + "/" + w.ref().key(), "drift_accepted"),
                        reportId, "drift_accepted", approverId,
                        Map.of("report_id", reportId, "workload", w.ref().key()),
                        Map.of("baseline_fields", Integer.toString(baseline.fields().size())), 0,
                        Optional.of(Operation.idFor(reportId, DriftNarration.OPERATION)), now, List.of("drift")));
        return new Result.Accepted(baseline);
    }
}
