package io.awoooi.core.drift;

import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.LinkClaims;
import io.awoooi.core.approval.LinkVerdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case behind a drift notification's Accept and Rollback links. {@link #view} checks the link
 * and shows what it would do, changing nothing (mail scanners and chat unfurlers open links).
 * {@link #decide} takes the decision once per report and workload: the first click, by anyone the
 * links went to, claims it with a conditional write, then its effect is made ({@link AcceptDrift}:
 * the baseline; {@link RollbackDrift}: the approval request). The same approver clicking the same
 * link again gets the decision as it stands (and a claim a crash left unfinished is finished); any
 * other click on this workload's decision is a conflict. Only on-call operators (admin, devops,
 * sre: whom the drift message goes to) may decide.
 */
public final class DecideDrift {
    private final ApprovalDesk desk;
    private final DriftReports reports;
    private final DriftDecisions decisions;
    private final AcceptDrift accept;
    private final RollbackDrift rollback;

    public DecideDrift(ApprovalDesk desk, DriftReports reports, DriftDecisions decisions, AcceptDrift accept,
            RollbackDrift rollback) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.accept = Objects.requireNonNull(accept, "accept");
        this.rollback = Objects.requireNonNull(rollback, "rollback");
    }

    /** What a drift link led to. */
    public sealed interface Result {
        /**
         * The link is good. {@code decision} is the decision taken on this workload, if any
         * (after a successful POST: the one this click took or found).
         */
        record Shown(DriftReport report, WorkloadDrift drift, DriftChoice choice, Approver approver,
                Optional<DriftDecision> decision, boolean repeated, Instant now) implements Result {
        }

        /** 404 */
        record NotFound(String what) implements Result {
        }

        /** Tampered, not ours, for someone who may not decide: 403 */
        record Forbidden(String reason) implements Result {
        }

        /** Expired: 410 */
        record Gone(String reason) implements Result {
        }

        /** Decided already by another click, or refused because the workload changed: 409 */
        record Conflict(String reason, Optional<DriftDecision> decision) implements Result {
        }
    }

    public Result view(String decisionId, String token) {
        Checked c = check(decisionId, token);
        if (c.failure != null) {
            return c.failure;
        }
        Optional<DriftDecision> d = decisions.findDecision(decisionId);
        return new Result.Shown(c.report, c.drift, c.choice, c.approver, d,
                d.map(x -> x.approverId().equals(c.approver.id()) && x.choice() == c.choice).orElse(false),
                desk.clock().instant());
    }

    /** @param linkBase the base URL of the approval links a Rollback sends (the host this link came to) */
    public Result decide(String decisionId, String token, String linkBase) {
        Checked c = check(decisionId, token);
        if (c.failure != null) {
            return c.failure;
        }
        Instant now = desk.clock().instant();
        DriftDecision mine = new DriftDecision(decisionId, c.report.id(), c.drift.ref().key(), c.choice,
                c.approver.id(),
                now, DriftDecision.State.CLAIMED, "");
        boolean won = decisions.claimDecision(mine);
        DriftDecision taken = won ? mine : decisions.findDecision(decisionId).orElse(null);
        if (taken == null) {
            return new Result.Conflict("the decision could not be read back: try again", Optional.empty());
        }
        boolean same = taken.approverId().equals(c.approver.id()) && taken.choice() == c.choice;
        if (!same) {
            return new Result.Conflict("already decided: " + taken.approverId() + " chose " + taken.choice().wire()
                    + " for this workload", Optional.of(taken));
        }
        if (taken.state() == DriftDecision.State.CLAIMED) {
            taken = effect(taken, linkBase);
        }
        if (taken.state() == DriftDecision.State.REFUSED) {
            return new Result.Conflict(taken.detail(), Optional.of(taken));
        }
        return new Result.Shown(c.report, c.drift, c.choice, c.approver, Optional.of(taken), !won,
                desk.clock().instant());
    }

    /** The decision's effect; a transient failure throws with the claim left CLAIMED (the same click finishes it). */
    private DriftDecision effect(DriftDecision d, String linkBase) {
        DriftDecision ended = switch (d.choice()) {
            case ACCEPT -> switch (accept.accept(d.reportId(), d.workloadKey(), d.approverId())) {
                case AcceptDrift.Result.Accepted a -> d.with(DriftDecision.State.DONE,
                        "accepted: the workload's state as it is now is its baseline");
                case AcceptDrift.Result.NotFound n -> d.with(DriftDecision.State.REFUSED, n.what());
                case AcceptDrift.Result.Changed ch -> d.with(DriftDecision.State.REFUSED, ch.why());
            };
            case ROLLBACK -> switch (rollback.rollback(d.reportId(), d.workloadKey(), d.approverId(), linkBase)) {
                case RollbackDrift.Result.Requested r -> d.with(DriftDecision.State.DONE,
                        "approval request " + r.request().id() + " sent to "
                                + String.join(", ", r.request().notified()));
                case RollbackDrift.Result.Existing e -> d.with(DriftDecision.State.DONE,
                        "approval request " + e.request().id() + " (" + e.request().status() + ")");
                case RollbackDrift.Result.Blocked b ->
                    d.with(DriftDecision.State.REFUSED, "the dry-run blocked the rollback: "
                            + b.reason());
                case RollbackDrift.Result.NotFound n -> d.with(DriftDecision.State.REFUSED, n.what());
                case RollbackDrift.Result.Changed ch -> d.with(DriftDecision.State.REFUSED, ch.why());
            };
        };
        decisions.finishDecision(ended);
        return ended;
    }

    private record Checked(DriftReport report, WorkloadDrift drift, DriftChoice choice, Approver approver,
            Result failure) {
        static Checked failed(Result r) {
            return new Checked(null, null, null, null, r);
        }
    }

    /** Token first (nothing is revealed to a bad link), then the report, the workload and the person. */
    private Checked check(String decisionId, String token) {
        LinkClaims claims;
        switch (desk.signer().verify(token)) {
            case LinkVerdict.Tampered t -> {
                return Checked.failed(new Result.Forbidden("this link is not valid (" + t.reason() + ")"));
            }
            case LinkVerdict.Expired e -> {
                return Checked.failed(e.claims().requestId().equals(decisionId)
                        ? new Result.Gone("this link expired at " + e.claims().expiresAt())
                        : new Result.Forbidden("this link is not valid for this decision"));
            }
            case LinkVerdict.Valid v -> claims = v.claims();
        }
        if (!claims.requestId().equals(decisionId) || DriftLinks.reportOf(decisionId).isEmpty()) {
            return Checked.failed(new Result.Forbidden("this link is not valid for this decision"));
        }
        Optional<DriftReport> found = DriftLinks.reportOf(decisionId).flatMap(reports::find);
        if (found.isEmpty() || !owns(found.get(), decisionId)) {
            return Checked.failed(new Result.NotFound("no drift report holds this decision"));
        }
        WorkloadDrift drift = found.get().workloads().stream()
                .filter(w -> DriftLinks.decisionId(found.get().id(), w.ref().key()).equals(decisionId)).findFirst()
                .orElseThrow();
        Optional<DriftChoice> choice = DriftLinks.choiceOf(claims.actionHash(), found.get().id(), drift);
        if (choice.isEmpty()) {
            return Checked.failed(new Result.Forbidden("this link was signed for another choice or state"));
        }
        Optional<Approver> approver = desk.directory().find(claims.approverId());
        if (approver.isEmpty()) {
            return Checked.failed(new Result.Forbidden("the approver of this link is no longer in the directory"));
        }
        if (approver.get().roles().stream().noneMatch(ApproverNotices.OPERATORS::contains)) {
            return Checked.failed(new Result.Forbidden("your roles cannot decide on drift (admin, devops or sre)"));
        }
        return new Checked(found.get(), drift, choice.get(), approver.get(), null);
    }

    private static boolean owns(DriftReport r, String decisionId) {
        return r.workloads().stream().anyMatch(w -> DriftLinks.decisionId(r.id(), w.ref().key()).equals(decisionId));
    }

}
