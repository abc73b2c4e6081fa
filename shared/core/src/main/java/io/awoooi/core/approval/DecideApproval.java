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
 */
public final class DecideApproval {
    private final ApprovalDesk desk;

    public DecideApproval(ApprovalDesk desk) {
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** What a link led to. */
    public sealed interface Result {
        /** The link is good: the request (status as of now), its signatures and who is looking. */
        record Shown(ApprovalRequest request, List<Signature> signatures, Approver approver, Instant now,
                Optional<Signature> recorded) implements Result {
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
        return shown(checked.request, checked.approver, Optional.empty());
    }

    /** Records a decision; {@link Result.Shown} with {@code recorded} present on success. */
    public Result decide(String requestId, String token, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        Instant started = desk.clock().instant();
        Checked checked = check(requestId, token);
        if (checked.failure != null) {
            return checked.failure;
        }
        ApprovalRequest request = checked.request;
        Approver approver = checked.approver;
        ApprovalStatus now = request.statusAt(started);
        if (now == ApprovalStatus.EXPIRED && request.status() == ApprovalStatus.PENDING) {
            if (desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED,
                    Optional.of("nobody decided before " + request.expiresAt()), started)) {
                desk.log(request, "expired", "expired", "approval", Map.of("request", request.id()), Map.of(),
                        Optional.of(ApprovalDesk.opIdFor(request, "requested")), started);
            }
            return new Result.Gone("the request expired at " + request.expiresAt());
        }
        if (now != ApprovalStatus.PENDING) {
            if (request.status() == ApprovalStatus.APPROVED && !request.dispatched()) {
                desk.dispatch(request); // an earlier dispatch failed: this retry is safe (deduplicated)
            }
            return new Result.Conflict("the request is already " + now.name().toLowerCase(java.util.Locale.ROOT),
                    request);
        }
        Signature signature = new Signature(approver.id(), request.quorum().roleFor(approver), decision,
                checked.claims.nonce(), started);
        if (!desk.store().addSignature(request.id(), signature)) {
            return new Result.Conflict("you already decided on this request", request);
        }
        desk.log(request, "signed/" + approver.id(), "signed", approver.id(),
                Map.of("request", request.id(), "decision", decision.wireName()),
                Map.of("role", signature.role().wireName()),
                Optional.of(ApprovalDesk.opIdFor(request, "requested")), started);
        if (decision == Decision.REJECT) {
            reject(request, approver, started);
        } else {
            approveIfQuorumMet(request, approver, started);
        }
        ApprovalRequest after = desk.store().find(request.id()).orElse(request);
        return shown(after, approver, Optional.of(signature));
    }

    private void reject(ApprovalRequest request, Approver approver, Instant started) {
        String why = "rejected by " + approver.id();
        if (desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.REJECTED, Optional.of(why),
                started)) {
            ApprovalRequest rejected = request.withStatus(ApprovalStatus.REJECTED, Optional.of(why), started);
            desk.log(rejected, "rejected", "rejected", approver.id(), Map.of("request", request.id()), Map.of(),
                    Optional.of(ApprovalDesk.opIdFor(request, "signed/" + approver.id())), started);
            desk.changeTrust(rejected, false, approver.id());
            desk.notifyAll(desk.notifiedOf(request), ApprovalMessages.decided(rejected, approver.id(),
                    ApprovalStatus.REJECTED));
        }
    }

    private void approveIfQuorumMet(ApprovalRequest request, Approver approver, Instant started) {
        List<Signature> signatures = desk.store().signatures(request.id());
        boolean vetoed = signatures.stream().anyMatch(s -> s.decision() == Decision.REJECT);
        if (vetoed || !request.quorum().metBy(signatures)) {
            return;
        }
        String why = "quorum met: " + signatures.stream().filter(s -> s.decision() == Decision.APPROVE)
                .map(s -> s.approverId() + " (" + s.role().wireName() + ")").toList();
        if (!desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.of(why),
                started)) {
            return; // another decider saw the quorum first and dispatches
        }
        ApprovalRequest approved = request.withStatus(ApprovalStatus.APPROVED, Optional.of(why), started);
        desk.log(approved, "approved", "approved", approver.id(), Map.of("request", request.id()),
                Map.of("signatures", String.valueOf(signatures.size())),
                Optional.of(ApprovalDesk.opIdFor(request, "signed/" + approver.id())), started);
        // trust grows when the effectiveness check finds the action EFFECTIVE (VerifyExecution), so
        // approvals of actions that turned out INEFFECTIVE never count
        desk.dispatch(approved);
        desk.notifyAll(desk.notifiedOf(request), ApprovalMessages.decided(approved, approver.id(),
                ApprovalStatus.APPROVED));
    }

    private Result.Shown shown(ApprovalRequest request, Approver approver, Optional<Signature> recorded) {
        return new Result.Shown(request, desk.store().signatures(request.id()), approver, desk.clock().instant(),
                recorded);
    }

    private record Checked(ApprovalRequest request, Approver approver, LinkClaims claims, Result failure) {
        static Checked failed(Result failure) {
            return new Checked(null, null, null, failure);
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
        return new Checked(request.get(), approver.get(), claims, null);
    }
}
