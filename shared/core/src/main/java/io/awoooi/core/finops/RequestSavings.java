package io.awoooi.core.finops;

import io.awoooi.core.Hashing;
import io.awoooi.core.HumanTime;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApproverNotices;
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
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.topology.ComponentKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a report's savings into approval requests through the incidents' pipeline: the catalog
 * action of each priced finding with a saving is dry-run, given its risk and its quorum after trust
 * (per action pattern, as for incidents), stored PENDING and sent as one signed link per approver;
 * then the operators get the report's summary. A FinOps saving is never urgent, so it never runs
 * without a signature: a quorum of none (LOW risk, or earned trust) becomes one operator.
 *
 * <p><b>Identity.</b> A request's subject (the incident id slot of {@link ApprovalRequest}) is
 * {@code fin_<yyyyMMdd>_<16 hex of SHA-256 of the action>}: derived from the resource and the action
 * and the scan's UTC day, never from the report. Two overlapping scans of one day (a schedule and an
 * on-demand run, or a retry) compute the same subject, hence the same request id, and the store's
 * conditional create lets one of them win: no resource is asked about twice a day, and a saving
 * people rejected or let expire is asked about again the next day at the earliest.
 */
public final class RequestSavings implements Consumer<FinOpsReport> {
    private static final Logger LOG = Logger.getLogger(RequestSavings.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    /** At most this many requests per scan (best savings first): a first scan of a wasteful cluster must not page 500 times. */
    public static final int MAX_REQUESTS = 10;

    private final Supplier<ApprovalDesk> desks;
    private final DryRunner dryRunner;
    private final RiskPolicy riskPolicy;
    private final Duration ttl;
    private final int top;

    public RequestSavings(Supplier<ApprovalDesk> desks, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl,
            int top) {
        this.desks = Objects.requireNonNull(desks, "desks");
        this.dryRunner = Objects.requireNonNull(dryRunner, "dryRunner");
        this.riskPolicy = Objects.requireNonNull(riskPolicy, "riskPolicy");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.top = top;
    }

    /** What came of one finding. */
    public sealed interface Outcome {
        String subject();

        record Requested(String subject, ApprovalRequest request) implements Outcome {
        }

        /** Another scan (or an earlier run of this one) already asked today. */
        record Existing(String subject, ApprovalRequest request) implements Outcome {
        }

        /** A dry-run check nobody may override failed (the claim is in use now, the node is gone ...). */
        record Blocked(String subject, DryRunReport dryRun) implements Outcome {
        }
    }

    @Override
    public void accept(FinOpsReport report) {
        requestAll(report);
    }

    /** Requests for the report's actionable savings, then the summary to the operators. */
    public List<Outcome> requestAll(FinOpsReport report) {
        ApprovalDesk desk = desks.get();
        List<Outcome> outcomes = new ArrayList<>();
        for (Finding f : actionable(report)) {
            try {
                outcomes.add(request(desk, report, f));
            } catch (RuntimeException e) {
                // one resource's trouble (its dry-run, a store hiccup) never holds back the others;
                // the next scan asks again
                LOG.log(Level.WARNING, "finops {0}: no request for a {1}: {2}",
                        new Object[] {report.id(), f.category().words(), e.getClass().getSimpleName()});
            }
        }
        notifySummary(desk, report, outcomes);
        return outcomes;
    }

    static List<Finding> actionable(FinOpsReport report) {
        return report.findings().stream()
                .filter(f -> f.action().isPresent() && f.monthly().signum() > 0)
                .limit(MAX_REQUESTS).toList();
    }

    /** How the subject (the request's incident id) of every FinOps saving begins. */
    public static final String SUBJECT_PREFIX = "fin_";

    /** {@code fin_20261207_<16 hex>}: the resource and action, on the scan's UTC day. */
    public static String subjectFor(Instant scannedAt, ProposedAction action) {
        return SUBJECT_PREFIX + DAY.format(scannedAt) + "_" + Hashing.sha256Hex("finops/" + action).substring(0, 16);
    }

    private Outcome request(ApprovalDesk desk, FinOpsReport report, Finding finding) {
        ProposedAction action = finding.action().orElseThrow();
        String subject = subjectFor(report.scannedAt(), action);
        String id = ApprovalRequest.idFor(subject);
        Optional<ApprovalRequest> existing = desk.store().find(id);
        if (existing.isPresent()) {
            return new Outcome.Existing(subject, existing.get());
        }
        Instant started = desk.clock().instant();
        DryRunReport dryRun = dryRunner.dryRun(action);
        if (dryRun.blocked()) {
            return new Outcome.Blocked(subject, dryRun);
        }
        RiskAssessment risk = riskPolicy.assess(action, ComponentKind.OTHER, dryRun);
        ActionPattern pattern = ActionPattern.of(action);
        int trust = desk.ledger().trustOf(pattern);
        Quorum quorum = TrustPolicy.quorumFor(risk.level(), trust);
        if (quorum.automatic()) {
            quorum = Quorum.forLevel(RiskLevel.MEDIUM);
            List<String> reasons = new ArrayList<>(risk.reasons());
            reasons.add("a FinOps saving is never automatic: one operator signs");
            risk = new RiskAssessment(risk.base(), risk.level(), reasons);
        }
        Instant now = desk.clock().instant();
        ApprovalRequest request = new ApprovalRequest(id, subject, "finops/" + report.id(), action,
                ApprovalRequest.hashOf(action), pattern, risk, trust, quorum, dryRun, ApprovalStatus.PENDING,
                List.of(), false, Optional.empty(), now, now.plus(ttl), now, brief(report, finding));
        if (!desk.store().create(request)) {
            return new Outcome.Existing(subject, desk.store().find(id).orElse(request));
        }
        desk.log(request, "requested", "approval_requested", "finops-scan",
                Map.of("action", action.type().id(), "pattern", pattern.value(), "report", report.id()),
                Map.of("request", id, "risk", risk.level().name(), "quorum", quorum.level().name(),
                        "monthly", finding.monthly().toPlainString(),
                        "dryRun", dryRun.passed() ? "passed" : dryRun.failures().size() + " failed"),
                Optional.empty(), started);
        List<Approver> asked = desk.directory().withAnyRole(quorum.eligible());
        List<String> ids = asked.stream().map(Approver::id).toList();
        ApprovalRequest notified = request.withNotified(ids);
        ApprovalCard card = ApprovalCard.of(notified, List.of(), desk.directory(), desk.clock().instant());
        for (Approver approver : asked) {
            desk.notifyAll(List.of(approver), ApprovalMessages.requested(request, card,
                    desk.linkFor(request, approver.id()), desk.clock().instant()));
        }
        desk.store().markNotified(id, ids);
        return new Outcome.Requested(subject, notified);
    }

    /**
     * The card's facts for a saving: the headline names it and its monthly figure, the "diagnosis"
     * is the finding with its evidence and the prices it used, the source is the scan.
     */
    static IncidentBrief brief(FinOpsReport report, Finding f) {
        Finding.Saving s = f.saving().orElseThrow();
        String kind = s.kind() == Finding.Kind.REALIZABLE ? "realizable" : "freed";
        String headline = AlertFacts.cut(f.category().words().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + f.category().words().substring(1) + " " + f.resource().substring(f.resource().indexOf(' ') + 1)
                + ": saves " + Money.format(s.monthly()) + "/month (" + kind + ")", AlertFacts.MAX_HEADLINE);
        AlertFacts alert = new AlertFacts(headline, "finops", Optional.of(report.scannedAt()), 1, Optional.empty(),
                Optional.empty());
        List<String> evidence = new ArrayList<>(f.evidence());
        evidence.add(
                "saves " + Money.format(s.monthly()) + " a month, "
                        + Money.format(s.monthly().multiply(Money.MONTHS_PER_YEAR))
                        + " a year (" + kind
                        + (s.kind() == Finding.Kind.FREED ? ": requests released, money saved when the"
                                + " cluster scales down" : ": saved as soon as it is done")
                        + "); priced as " + s.basis());
        evidence.add("prices: " + report.prices());
        IncidentBrief.DiagnosisBrief d = new IncidentBrief.DiagnosisBrief("FINOPS_" + f.category().name(),
                "wasted spend: " + f.category().words(), AlertFacts.cut(f.recommendation(), IncidentBrief.MAX_LINE),
                evidence.stream().limit(IncidentBrief.MAX_EVIDENCE).map(e -> AlertFacts.cut(e, IncidentBrief.MAX_LINE))
                        .toList(),
                Optional.of("FinOps scan " + report.id() + " (" + HumanTime.at(report.scannedAt()) + ")"),
                Optional.empty(), true);
        return new IncidentBrief(alert, Optional.of(d), List.of(), List.of(), 0, "finops", "", "");
    }

    /** The report's summary to the on-call operators, with what was asked of whom. */
    private static void notifySummary(ApprovalDesk desk, FinOpsReport report, List<Outcome> outcomes) {
        FinOpsReport.Totals t = report.totals();
        List<Card.Fact> facts = List.of(new Card.Fact("Monthly", Money.format(t.monthly())),
                new Card.Fact("Realizable", Money.format(t.realizable())),
                new Card.Fact("Freed", Money.format(t.freed())),
                new Card.Fact("Annual", Money.format(t.annual())));
        List<String> top = new ArrayList<>();
        int i = 1;
        for (Finding f : report.top(5)) {
            top.add(i++ + ". " + Money.format(f.monthly()) + "/month, risk " + f.risk() + ": " + f.recommendation());
        }
        List<String> asked = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o) {
                case Outcome.Requested r -> asked.add("approval requested: " + r.request().action()
                        + " (the signed links went to " + String.join(", ", r.request().notified()) + ")");
                case Outcome.Existing e -> asked.add("already asked today: " + e.request().action());
                case Outcome.Blocked b -> asked.add("not asked, its dry-run blocked it: " + b.subject());
            }
        }
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.of("Top recommendations", top.isEmpty() ? List.of("no waste found") : top));
        if (!asked.isEmpty()) {
            sections.add(Card.Section.of("Approval requests", asked));
        }
        if (!report.gaps().isEmpty()) {
            sections.add(Card.Section.warning("Not measured or priced (no figure invented)",
                    report.gaps().stream().limit(5).map(Gap::toString).toList()));
        }
        Card card = new Card(Card.Tone.INFO, "FinOps cost analysis " + report.id(), facts, sections, List.of(),
                List.of(), "prices: " + report.prices(), report.scannedAt());
        desk.notifyAll(desk.directory().withAnyRole(ApproverNotices.OPERATORS), Notification.of("finops_report",
                report.id(), "[AWOOOI] FinOps: " + Money.format(t.monthly()) + "/month of waste detected ("
                        + Money.format(t.realizable()) + " realizable)",
                card));
    }

}
