package io.awoooi.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case behind an approval link. {@link #view} checks the link and shows the request, changing
 * nothing (mail scanners and chat unfurlers open links). {@link #decide} records the approver's
 * decision once and, for an approval, evaluates the quorum: signatures are separate conditional
 * writes, each decider reads them all back strongly consistent, and the move PENDING -> APPROVED is
 * one conditional write only one decider can win. So two approvers deciding at the same moment are
 * both recorded, and exactly one of them dispatches the request. Any rejection ends the request.
 *
 * <p>A decision is recorded once per approver: posting again (a second click, a reload, a retry
 * after a failure) answers the decision already recorded and finishes what the first post may have
 * left undone (the approval, the dispatch); it never conflicts with itself. Each signature is told
 * to the co-signers and the operators with what is still needed; the quorum met or a rejection is
 * told instead of the signature that caused it.
 */
public final class DecideApproval {
    private final ApprovalDesk desk;

    public DecideApproval(ApprovalDesk desk) {
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** What a link led to. */
    public sealed interface Result {
        /**
         * The link is good: the request (status as of now), its signatures and who is looking.
         *
         * @param recorded this approver's decision, when they have made one (after a POST: always)
         * @param repeated the decision was recorded by an earlier post, not by this one
         */
        record Shown(ApprovalRequest request, List<Signature> signatures, Approver approver, Instant now,
                Optional<Signature> recorded, boolean repeated) implements Result {
        }

        /** No such request: 404. */
        record NotFound() implements Result {
        }

        /** Tampered, not ours, or for someone who may not sign: 403. */
        record Forbidden(String reason) implements Result {
        }

        /** The link or the request expired: 410. */
        record Gone(String reason) implements Result {
        }

        /** Decided already, or the request is closed: 409. */
        record Conflict(String reason, ApprovalRequest request) implements Result {
        }
    }

    /** Checks the link and shows the request. Never writes. */
    public Result view(String requestId, String token) {
        Checked checked = check(requestId, token);
        if (checked.failure != null) {
            return checked.failure;
        }
        return shown(checked.request, checked.approver);
    }

    /** Records a decision; {@link Result.Shown} with {@code recorded} present on success. */
    public Result decide(String requestId, String token, Decision decision) {
        return decide(requestId, token, decision, Optional.empty());
    }

    /**
     * Records a decision; {@link Result.Shown} with {@code recorded} present on success.
     *
     * @param reason why, for a rejection (optional; cleaned by {@link RejectReason#clean} before use)
     */
    public Result decide(String requestId, String token, Decision decision, Optional<String> reason) {
        Objects.requireNonNull(decision, "decision");
        Instant started = desk.clock().instant();
        return decide(check(requestId, token), decision, reason, started);
    }

    /**
     * What an approver who is signed in as themselves (the web console, with their own console token)
     * sees of a request: the same checks a link gets, without a link. Never writes.
     */
    public Result viewAs(String requestId, String approverId) {
        Checked checked = checkSigner(requestId, approverId, Optional.empty(), "console");
        if (checked.failure != null) {
            return checked.failure;
        }
        return shown(checked.request, checked.approver);
    }

    /**
     * Records the decision of an approver who is signed in as themselves rather than holding a link
     * (the web console): the checks a link's claims get (the request exists, {@code actionHash} is the
     * action they were shown, they are in the directory and the quorum can count them), then exactly
     * the path of {@link #decide(String, String, Decision, Optional)}: one signature per approver
     * (a conditional put), the quorum from consistent reads, one conditional status move, the
     * dispatch, the news to the others and the audit under their id.
     *
     * @param nonce unique to this decision, recorded with the signature as a link's nonce is
     */
    public Result decideAs(String requestId, String approverId, String actionHash, Decision decision,
            Optional<String> reason, String nonce) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(actionHash, "actionHash");
        Instant started = desk.clock().instant();
        return decide(checkSigner(requestId, approverId, Optional.of(actionHash), nonce), decision, reason, started);
    }

    private Result decide(Checked checked, Decision decision, Optional<String> reason, Instant started) {
        Optional<String> why = reason.flatMap(RejectReason::clean);
        if (checked.failure != null) {
            return checked.failure;
        }
        ApprovalRequest request = checked.request;
        Approver approver = checked.approver;
        Optional<Signature> earlier = signatureOf(request, approver);
        if (earlier.isPresent()) {
            return repeated(request, approver, earlier.get(), started);
        }
        ApprovalStatus now = request.statusAt(started);
        if (now == ApprovalStatus.EXPIRED && request.status() == ApprovalStatus.PENDING) {
            expire(desk.ledger(), desk.notices(), request, started);
            return new Result.Gone("the request expired at " + io.awoooi.core.HumanTime.at(request.expiresAt()));
        }
        if (now != ApprovalStatus.PENDING) {
            if (request.status() == ApprovalStatus.APPROVED && !request.dispatched()) {
                desk.dispatch(request); // an earlier dispatch failed: this retry is safe (deduplicated)
            }
            return new Result.Conflict("the request is already " + now.name().toLowerCase(java.util.Locale.ROOT),
                    request);
        }
        Signature signature = new Signature(approver.id(), request.quorum().roleFor(approver), decision,
                checked.nonce, started);
        if (!desk.store().addSignature(request.id(), signature)) {
            // the same approver's other post won the race: answer what it recorded
            return signatureOf(request, approver).map(s -> repeated(request, approver, s, started))
                    .orElseGet(() -> new Result.Conflict("you already decided on this request", request));
        }
        desk.log(request, "signed/" + approver.id(), "signed", approver.id(),
                Map.of("request", request.id(), "decision", decision.wireName()),
                checked.via.equals("link") ? Map.of("role", signature.role().wireName())
                        : Map.of("role", signature.role().wireName(), "via", checked.via),
                Optional.of(ApprovalDesk.opIdFor(request, "requested")), started);
        if (decision == Decision.REJECT) {
            reject(request, approver, why, started);
        } else if (!approveIfQuorumMet(request, approver, started)) {
            ApprovalRequest after = desk.store().find(request.id()).orElse(request);
            if (after.status() == ApprovalStatus.PENDING) {
                desk.tell(after, desk.audience(after, Optional.of(approver.id())),
                        ApprovalMessages.signed(desk.cardOf(after), signature, started));
            }
        }
        ApprovalRequest after = desk.store().find(request.id()).orElse(request);
        return new Result.Shown(after, desk.store().signatures(request.id()), approver, desk.clock().instant(),
                Optional.of(signature), false);
    }

    /**
     * PENDING -> EXPIRED once (conditional), then the news edits everyone's messages about it. Whoever
     * sees the expiry first (a late click, the sweep, another sweep) wins the move; only the winner
     * logs and tells, so the approvers and the operators hear it once.
     *
     * @return whether this call moved it
     */
    static boolean expire(ApprovalLedger ledger, ApproverNotices notices, ApprovalRequest request, Instant at) {
        String why = "nobody decided before " + io.awoooi.core.HumanTime.at(request.expiresAt());
        if (ledger.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED, Optional.of(why),
                at)) {
            ledger.log(request, "expired", "expired", "approval", Map.of("request", request.id()), Map.of(),
                    Optional.of(ApprovalLedger.opIdFor(request, "requested")), at);
            ApprovalRequest expired = request.withStatus(ApprovalStatus.EXPIRED, Optional.of(why), at);
            notices.tell(expired, notices.audience(expired, Optional.empty()),
                    ApprovalMessages.expired(notices.cardOf(expired), at));
            return true;
        }
        return false;
    }

    /**
     * The approver posts again: their first decision stands. Whatever it should have caused and may
     * not have (a crash, a queue that was down) is done now, each step conditional and safe to repeat.
     */
    private Result repeated(ApprovalRequest request, Approver approver, Signature earlier, Instant started) {
        if (request.status() == ApprovalStatus.PENDING && !request.statusAt(started).equals(ApprovalStatus.EXPIRED)) {
            if (earlier.decision() == Decision.REJECT) {
                reject(request, approver, Optional.empty(), started);
            } else {
                approveIfQuorumMet(request, approver, started);
            }
        } else if (request.status() == ApprovalStatus.APPROVED && !request.dispatched()) {
            desk.dispatch(request); // an earlier dispatch failed: this retry is safe (deduplicated)
        }
        ApprovalRequest after = desk.store().find(request.id()).orElse(request);
        return new Result.Shown(after, desk.store().signatures(request.id()), approver, desk.clock().instant(),
                Optional.of(earlier), true);
    }

    private Optional<Signature> signatureOf(ApprovalRequest request, Approver approver) {
        return desk.store().signatures(request.id()).stream().filter(s -> s.approverId().equals(approver.id()))
                .findFirst();
    }

    private void reject(ApprovalRequest request, Approver approver, Optional<String> reason, Instant started) {
        String why = "rejected by " + approver.id() + reason.map(r -> ": " + r).orElse("");
        if (desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.REJECTED, Optional.of(why),
                started)) {
            ApprovalRequest rejected = request.withStatus(ApprovalStatus.REJECTED, Optional.of(why), started);
            desk.log(rejected, "rejected", "rejected", approver.id(), Map.of("request", request.id()),
                    reason.map(r -> Map.of("reason", r)).orElse(Map.of()),
                    Optional.of(ApprovalDesk.opIdFor(request, "signed/" + approver.id())), started);
            desk.changeTrust(rejected, false, approver.id());
            desk.tell(rejected, desk.audience(rejected, Optional.of(approver.id())), ApprovalMessages.decided(
                    desk.cardOf(rejected), approver.id(), ApprovalStatus.REJECTED, started));
        }
    }

    /** @return whether the quorum is met (and this or another decider approved the request) */
    private boolean approveIfQuorumMet(ApprovalRequest request, Approver approver, Instant started) {
        List<Signature> signatures = desk.store().signatures(request.id());
        boolean vetoed = signatures.stream().anyMatch(s -> s.decision() == Decision.REJECT);
        if (vetoed || !request.quorum().metBy(signatures)) {
            return false;
        }
        String why = "quorum met: " + signatures.stream().filter(s -> s.decision() == Decision.APPROVE)
                .map(s -> s.approverId() + " (" + s.role().wireName() + ")").toList();
        if (!desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.of(why),
                started)) {
            return true; // another decider saw the quorum first and dispatches
        }
        ApprovalRequest approved = request.withStatus(ApprovalStatus.APPROVED, Optional.of(why), started);
        desk.log(approved, "approved", "approved", approver.id(), Map.of("request", request.id()),
                Map.of("signatures", String.valueOf(signatures.size())),
                Optional.of(ApprovalDesk.opIdFor(request, "signed/" + approver.id())), started);
        // trust grows when the effectiveness check finds the action EFFECTIVE (VerifyExecution), so
        // approvals of actions that turned out INEFFECTIVE never count
        desk.dispatch(approved);
        desk.tell(approved, desk.audience(approved, Optional.of(approver.id())), ApprovalMessages.decided(
                desk.cardOf(approved), approver.id(), ApprovalStatus.APPROVED, started));
        return true;
    }

    private Result.Shown shown(ApprovalRequest request, Approver approver) {
        List<Signature> signatures = desk.store().signatures(request.id());
        Optional<Signature> mine = signatures.stream().filter(s -> s.approverId().equals(approver.id())).findFirst();
        return new Result.Shown(request, signatures, approver, desk.clock().instant(), mine, mine.isPresent());
    }

    /** @param via how the approver came: {@code link}, or {@code console} when signed in as themselves */
    private record Checked(ApprovalRequest request, Approver approver, String nonce, String via, Result failure) {
        static Checked failed(Result failure) {
            return new Checked(null, null, null, null, failure);
        }
    }

    /** Token first (nothing about the request is revealed to a bad link), then the request. */
    private Checked check(String requestId, String token) {
        LinkClaims claims;
        switch (desk.signer().verify(token)) {
            case LinkVerdict.Tampered t -> {
                return Checked.failed(new Result.Forbidden("this link is not valid (" + t.reason() + ")"));
            }
            case LinkVerdict.Expired e -> {
                if (!e.claims().requestId().equals(requestId)) {
                    return Checked.failed(new Result.Forbidden("this link is not valid for this request"));
                }
                return Checked.failed(new Result.Gone("this link expired at " + e.claims().expiresAt()));
            }
            case LinkVerdict.Valid v -> claims = v.claims();
        }
        if (!claims.requestId().equals(requestId)) {
            return Checked.failed(new Result.Forbidden("this link is not valid for this request"));
        }
        Optional<ApprovalRequest> request = desk.store().find(requestId);
        if (request.isEmpty()) {
            return Checked.failed(new Result.NotFound());
        }
        if (!request.get().actionHash().equals(claims.actionHash())) {
            return Checked.failed(new Result.Forbidden("this link was signed for a different action"));
        }
        Optional<Approver> approver = desk.directory().find(claims.approverId());
        if (approver.isEmpty()) {
            return Checked.failed(new Result.Forbidden("the approver of this link is no longer in the directory"));
        }
        if (!request.get().quorum().canSign(approver.get())) {
            return Checked.failed(new Result.Forbidden("your roles cannot sign this request"));
        }
        return new Checked(request.get(), approver.get(), claims.nonce(), "link", null);
    }

    /**
     * An approver known by their sign-in, not by a link: the request, the action they were shown
     * (when deciding), their place in the directory and in the quorum.
     */
    private Checked checkSigner(String requestId, String approverId, Optional<String> actionHash, String nonce) {
        Optional<ApprovalRequest> request = desk.store().find(requestId);
        if (request.isEmpty()) {
            return Checked.failed(new Result.NotFound());
        }
        if (actionHash.isPresent() && !request.get().actionHash().equals(actionHash.get())) {
            return Checked.failed(new Result.Forbidden("the form was for a different action"));
        }
        Optional<Approver> approver = desk.directory().find(approverId);
        if (approver.isEmpty()) {
            return Checked.failed(new Result.Forbidden("you are not in the approvers directory"));
        }
        if (!request.get().quorum().canSign(approver.get())) {
            return Checked.failed(new Result.Forbidden("your roles cannot sign this request"));
        }
        return new Checked(request.get(), approver.get(), nonce, "console", null);
    }
}
