package io.awoooi.core.drift;

import io.awoooi.core.Hashing;
import io.awoooi.core.HumanTime;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.FieldPaths;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalMessages;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.approval.IncidentBrief;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.approval.TrustPolicy;
import io.awoooi.core.topology.ComponentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An approver's Rollback of one drifted workload (the caller verified the signed, single-use link):
 * an approval request for {@code restore_fields} with exactly the workload's restorable drifted
 * fields (image, replicas, resources, env; names only, never values), which then goes the incidents'
 * way: dry-run, risk, a quorum that is never automatic (one operator at least, as a FinOps saving),
 * one signed approval link per approver, the executor with its TOCTOU check on the workload's
 * resourceVersion, once-only execution and the effectiveness check (no drift left on those fields).
 *
 * <p>The request's subject (the incident id slot, ADR 0017) is {@link #subjectFor}: {@code drf_rb_}
 * and a hash of the report and the workload, so a repeated click finds its request; its
 * notification key {@code drift/<report id>} tells the executor whose AI traces a rollback closes.
 */
public final class RollbackDrift {
    public static final String SOURCE = "drift";
    public static final String KEY_PREFIX = "drift/";

    private final ApprovalDesk desk;
    private final DryRunner dryRunner;
    private final RiskPolicy riskPolicy;
    private final Duration ttl;
    private final DriftReports reports;
    private final DriftSource source;
    private final DriftRedaction redaction;

    public RollbackDrift(ApprovalDesk desk, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl,
            DriftReports reports,
            DriftSource source, DriftRedaction redaction) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.dryRunner = Objects.requireNonNull(dryRunner, "dryRunner");
        this.riskPolicy = Objects.requireNonNull(riskPolicy, "riskPolicy");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.source = Objects.requireNonNull(source, "source");
        this.redaction = Objects.requireNonNull(redaction, "redaction");
    }

    /** What came of a Rollback. */
    public sealed interface Result {
        record Requested(ApprovalRequest request) implements Result {
        }

        /** A click before (this approver's retry) made it already. */
        record Existing(ApprovalRequest request) implements Result {
        }

        /** A dry-run check nobody may override failed (RBAC, the plan refused). */
        record Blocked(String reason) implements Result {
        }

        record NotFound(String what) implements Result {
        }

        /** The workload is not what the approver saw, or nothing of its drift can be put back. */
        record Changed(String why) implements Result {
        }
    }

    /** How the subject (the request's incident id) of every drift rollback begins. */
    public static final String SUBJECT_PREFIX = "drf_rb_";

    /** {@code drf_rb_} and 20 hex digits of the report and the workload. */
    public static String subjectFor(String reportId, String workloadKey) {
        return SUBJECT_PREFIX + Hashing.sha256Hex("drift-rollback/" + reportId + "/" + workloadKey).substring(0, 20);
    }

    /** The report a request of this kind rolls back, from its notification key. */
    public static Optional<String> reportOf(ApprovalRequest request) {
        return request.notificationKey().startsWith(KEY_PREFIX)
                ? Optional.of(request.notificationKey().substring(KEY_PREFIX.length())) : Optional.empty();
    }

    /** The restore_fields action of a drifted workload: its restorable fields (empty when none is). */
    public static Optional<ProposedAction> actionFor(WorkloadDrift w) {
        List<String> paths = w.items().stream().filter(DriftItem::restorable).map(DriftItem::path).distinct()
                .limit(FieldPaths.MAX_PATHS).toList();
        if (paths.isEmpty() || w.resourceVersion().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProposedAction(ActionType.RESTORE_FIELDS, Map.of("namespace", w.ref().namespace(),
                "workload", w.ref().name(), "kind", w.ref().kind().toLowerCase(Locale.ROOT),
                "fields", FieldPaths.join(paths), "resourceVersion", w.resourceVersion())));
    }

    /** @param linkBase where the approval links point (the host the Rollback link came to) */
    public Result rollback(String reportId, String workloadKey, String approverId, String linkBase) {
        Optional<DriftReport> report = reports.find(reportId);
        if (report.isEmpty()) {
            return new Result.NotFound("no drift report " + reportId);
        }
        Optional<WorkloadDrift> drift = report.get().workload(workloadKey);
        if (drift.isEmpty()) {
            return new Result.NotFound("no drifted workload in " + reportId);
        }
        WorkloadDrift w = drift.get();
        String subject = subjectFor(reportId, workloadKey);
        String id = ApprovalRequest.idFor(subject);
        Optional<ApprovalRequest> existing = desk.store().find(id);
        if (existing.isPresent()) {
            return new Result.Existing(finishInterrupted(existing.get(), linkBase));
        }
        Optional<LiveWorkload> live = source.workload(w.ref());
        if (live.isEmpty()) {
            return new Result.Changed("the workload no longer exists: nothing to roll back");
        }
        if (!live.get().uid().equals(w.uid())) {
            return new Result.Changed("the workload was deleted and recreated since the report: nothing asked");
        }
        if (!live.get().resourceVersion().equals(w.resourceVersion())) {
            return new Result.Changed("the workload changed since the report (resourceVersion " + w.resourceVersion()
                    + " -> " + live.get().resourceVersion() + "): scan again, nothing asked");
        }
        Optional<ProposedAction> action = actionFor(w);
        if (action.isEmpty()) {
            return new Result.Changed("none of the drifted fields can be put back (only image, replicas, resources"
                    + " and env vars with a known desired value): accept it or fix it by hand");
        }
        Instant started = desk.clock().instant();
        DryRunReport dryRun = dryRunner.dryRun(action.get());
        if (dryRun.blocked()) {
            return new Result.Blocked(dryRun.failures().stream().filter(c -> !c.overridable())
                    .map(c -> c.name() + ": " + c.reason()).findFirst().orElse("the dry-run blocked it"));
        }
        RiskAssessment risk = riskPolicy.assess(action.get(), ComponentKind.OTHER, dryRun);
        ActionPattern pattern = ActionPattern.of(action.get());
        int trust = desk.ledger().trustOf(pattern);
        Quorum quorum = TrustPolicy.quorumFor(risk.level(), trust);
        if (quorum.automatic()) {
            quorum = Quorum.forLevel(RiskLevel.MEDIUM);
            List<String> reasons = new ArrayList<>(risk.reasons());
            reasons.add("a drift rollback is never automatic: one operator signs");
            risk = new RiskAssessment(risk.base(), risk.level(), reasons);
        }
        Instant now = desk.clock().instant();
        ApprovalRequest request = new ApprovalRequest(id, subject, KEY_PREFIX + reportId, action.get(),
                ApprovalRequest.hashOf(action.get()), pattern, risk, trust, quorum, dryRun, ApprovalStatus.PENDING,
                List.of(), false, Optional.empty(), now, now.plus(ttl), now, brief(report.get(), w, approverId));
        if (!desk.store().create(request)) {
            return new Result.Existing(desk.store().find(id).orElse(request));
        }
        desk.log(request, "requested", "approval_requested", approverId,
                Map.of("action", action.get().type().id(), "pattern", pattern.value(), "report", reportId),
                Map.of("request", id, "risk", risk.level().name(), "quorum", quorum.level().name(),
                        "dryRun", dryRun.passed() ? "passed" : dryRun.failures().size() + " failed"),
                Optional.empty(), started);
        return new Result.Requested(sendLinks(request, linkBase));
    }

    /** A crash after the request was stored may have left its links unsent. */
    private ApprovalRequest finishInterrupted(ApprovalRequest request, String linkBase) {
        if (request.status() == ApprovalStatus.PENDING && request.notified().isEmpty()
                && desk.clock().instant().isBefore(request.expiresAt())) {
            return sendLinks(request, linkBase);
        }
        return request;
    }

    private ApprovalRequest sendLinks(ApprovalRequest request, String linkBase) {
        List<Approver> asked = desk.directory().withAnyRole(request.quorum().eligible());
        List<String> ids = asked.stream().map(Approver::id).toList();
        ApprovalRequest notified = request.withNotified(ids);
        ApprovalCard card = ApprovalCard.of(notified, List.of(), desk.directory(), desk.clock().instant());
        for (Approver approver : asked) {
            desk.notifyAll(List.of(approver), ApprovalMessages.requested(request, card,
                    desk.linkFor(request, approver.id(), linkBase), desk.clock().instant()));
        }
        desk.store().markNotified(request.id(), ids);
        return notified;
    }

    /** The card's facts: the drifted fields in redacted words (env values never), who asked, the report. */
    IncidentBrief brief(DriftReport report, WorkloadDrift w, String approverId) {
        List<DriftRedaction.Line> lines = redaction.lines(report).stream()
                .filter(l -> w.items().stream().anyMatch(i -> i.fingerprint(w.ref()).equals(l.fingerprint()))).toList();
        String workload = lines.isEmpty() ? w.ref().kind() : lines.get(0).workload();
        String headline = AlertFacts.cut(
                "Drift rollback of " + workload + ": " + w.items().stream().filter(DriftItem::restorable).count()
                        + " drifted fields back to the desired state (" + w.source().wire() + ")",
                AlertFacts.MAX_HEADLINE);
        AlertFacts alert = new AlertFacts(headline, w.highest().name().toLowerCase(Locale.ROOT),
                Optional.of(report.scannedAt()), 1, Optional.empty(), Optional.empty());
        List<String> evidence = new ArrayList<>();
        lines.stream().filter(DriftRedaction.Line::restorable).forEach(l -> evidence.add("put back: " + l.text()));
        lines.stream().filter(l -> !l.restorable()).forEach(l -> evidence.add("not put back (fix by hand or accept): "
                + l.text()));
        evidence.add("Rollback chosen by " + approverId);
        IncidentBrief.DiagnosisBrief d = new IncidentBrief.DiagnosisBrief("DRIFT_ROLLBACK",
                "configuration drift: " + w.items().size() + " fields differ from the desired state",
                "put the drifted fields back; the desired values are read when the action runs, never shown",
                evidence.stream().limit(IncidentBrief.MAX_EVIDENCE).map(e -> AlertFacts.cut(e, IncidentBrief.MAX_LINE))
                        .toList(),
                Optional.of("drift report " + report.id() + " (" + HumanTime.at(report.scannedAt()) + ")"),
                Optional.empty(), true);
        return new IncidentBrief(alert, Optional.of(d), List.of(), List.of(), 0, SOURCE, "", "");
    }

}
