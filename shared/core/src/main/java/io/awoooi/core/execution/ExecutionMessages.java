package io.awoooi.core.execution;

import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import io.awoooi.core.notify.Notification;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The words of execution notifications: the pseudonymized action, ids and reasons, never a real value. */
public final class ExecutionMessages {
    private static final Set<Role> OPERATORS = EnumSet.of(Role.ADMIN, Role.DEVOPS, Role.SRE);

    private ExecutionMessages() {
    }

    /**
     * Who hears how a request's execution went: the approvers its links went to; for a request
     * approved by policy (no links), the operators, who got its FYI when it went to the executor.
     */
    static List<Approver> recipients(ApprovalDesk desk, ApprovalRequest request) {
        List<Approver> approvers = desk.notifiedOf(request);
        return approvers.isEmpty() && request.quorum().automatic() ? desk.directory().withAnyRole(OPERATORS)
                : approvers;
    }

    public static Notification executed(ApprovalRequest r) {
        return new Notification("executed", r.incidentId(),
                "[AWOOOI] Executed: " + r.action().type().id() + " (incident " + r.incidentId() + ")",
                r.action() + " was carried out. Its effect is checked in a few minutes.", List.of());
    }

    public static Notification voided(ApprovalRequest r, String reason) {
        return new Notification("voided", r.incidentId(),
                "[AWOOOI] Voided: " + r.action().type().id() + " was not executed (incident " + r.incidentId() + ")",
                r.action() + " was approved, but " + reason + ". Nothing was done; the approval no longer holds.",
                List.of());
    }

    public static Notification failed(ApprovalRequest r, String reason) {
        return new Notification("failed", r.incidentId(),
                "[AWOOOI] Failed: " + r.action().type().id() + " (incident " + r.incidentId() + ")",
                r.action() + " could not be carried out: " + reason + ".", List.of());
    }

    public static Notification ineffective(ApprovalRequest r, List<String> evidence) {
        return new Notification("ineffective", r.incidentId(),
                "[AWOOOI] Ineffective: " + r.action().type().id() + " did not help (incident " + r.incidentId() + ")",
                r.action() + " ran, but the target is still unhealthy and the alerts still fire: "
                        + String.join("; ", evidence) + ". Trust in " + r.pattern() + " is reset.", List.of());
    }
}
