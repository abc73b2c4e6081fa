package io.awoooi.core.approval;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the incident's alerts resolved, so its pending request is cancelled and the approvers
 * who got links and the operators are told no decision is needed. Nothing happens to a request that is not pending
 * (an approved one is the executor's to finish; its re-check sees the new state).
 */
public final class CancelApproval {
    private final ApprovalDesk desk;

    public CancelApproval(ApprovalDesk desk) {
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** @return the cancelled request, empty when there was nothing pending to cancel */
    public Optional<ApprovalRequest> onResolved(String incidentId) {
        Optional<ApprovalRequest> found = desk.store().find(ApprovalRequest.idFor(incidentId));
        if (found.isEmpty() || found.get().status() != ApprovalStatus.PENDING) {
            return Optional.empty();
        }
        ApprovalRequest request = found.get();
        Instant now = desk.clock().instant();
        String why = "the incident's alerts resolved";
        if (!desk.store().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.CANCELLED,
                Optional.of(why), now)) {
            return Optional.empty();
        }
        ApprovalRequest cancelled = request.withStatus(ApprovalStatus.CANCELLED, Optional.of(why), now);
        desk.log(cancelled, "cancelled", "cancelled", "analysis", Map.of("request", request.id()),
                Map.of("reason", why), Optional.of(ApprovalDesk.opIdFor(request, "requested")), now);
        desk.tell(cancelled, desk.audience(cancelled, Optional.empty()),
                ApprovalMessages.cancelled(desk.cardOf(cancelled), why, now));
        return Optional.of(cancelled);
    }
}
