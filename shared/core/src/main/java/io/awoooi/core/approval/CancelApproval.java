package io.awoooi.core.approval;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the incident's alerts resolved, so its pending request is cancelled and the approvers
 * who got links and the operators are told no decision is needed. Nothing happens to a request that is not pending
 * (an approved one is the executor's to finish; its re-check sees the new state). Outside agents'
 * pending requests on the incident (the operation log names them) are cancelled the same way.
 */
public final class CancelApproval {
    private final ApprovalDesk desk;

    public CancelApproval(ApprovalDesk desk) {
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /**
     * @return the incident's own cancelled request, empty when it had nothing pending to cancel (agents'
     *     requests are cancelled either way)
     */
    public Optional<ApprovalRequest> onResolved(String incidentId) {
        Optional<ApprovalRequest> own = cancel(desk.store().find(ApprovalRequest.idFor(incidentId)));
        for (String agentRequest : agentRequests(incidentId)) {
            cancel(desk.store().find(agentRequest));
        }
        return own;
    }

    /** The requests outside agents made on the incident; none when the log cannot be read. */
    private java.util.List<String> agentRequests(String incidentId) {
        try {
            return desk.operations().trail(incidentId).stream()
                    .filter(op -> op.type().equals("approval_requested") && op.actor().startsWith("agent:"))
                    .map(op -> op.output().get("request")).filter(Objects::nonNull).distinct().toList();
        } catch (RuntimeException e) {
            return java.util.List.of(); // they expire on their own, and the executor's re-check guards them
        }
    }

    private Optional<ApprovalRequest> cancel(Optional<ApprovalRequest> found) {
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
