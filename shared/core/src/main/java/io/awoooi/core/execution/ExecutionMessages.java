package io.awoooi.core.execution;

import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.ApprovalMessages;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of execution notifications: the request's card (pseudonymized action, headline,
 * checklist), the outcome and its reasons, never a real value.
 */
public final class ExecutionMessages {
    private ExecutionMessages() {
    }

    /**
     * Who hears how a request's execution went: the approvers its links went to and the on-call
     * operators (who also got the FYI of a request approved by policy).
     */
    static List<Approver> recipients(ApproverNotices notices, ApprovalRequest request) {
        return notices.audience(request, Optional.empty());
    }

    public static Notification executed(ApprovalCard card, Instant now) {
        return ApprovalMessages.followUp("executed", card, Card.Tone.GOOD,
                "[AWOOOI] Executed: " + card.actionBrief() + " — " + card.headline(),
                List.of(card.action() + ": done. Whether it helped is checked in a few minutes."), now);
    }

    public static Notification voided(ApprovalCard card, String reason, Instant now) {
        return ApprovalMessages.followUp("voided", card, Card.Tone.DANGER,
                "[AWOOOI] Voided: " + card.actionBrief() + " was not executed — " + card.headline(),
                List.of(card.action() + " was approved, but " + reason + ".",
                        "Nothing was done; the approval no longer holds. A new alert brings a new request."),
                now);
    }

    public static Notification failed(ApprovalCard card, String reason, Instant now) {
        return ApprovalMessages.followUp("failed", card, Card.Tone.DANGER,
                "[AWOOOI] Failed: " + card.actionBrief() + " — " + card.headline(),
                List.of(card.action() + " could not be carried out: " + reason + "."), now);
    }

    public static Notification effective(ApprovalCard card, List<String> evidence, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(card.action() + " helped.");
        evidence.forEach(e -> lines.add("evidence: " + e));
        return ApprovalMessages.followUp("effective", card, Card.Tone.GOOD,
                "[AWOOOI] Effective: " + card.actionBrief() + " helped — " + card.headline(), lines, now);
    }

    public static Notification ineffective(ApprovalCard card, String pattern, List<String> evidence, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(card.action() + " ran, but the target is still unhealthy and the alerts still fire.");
        evidence.forEach(e -> lines.add("evidence: " + e));
        lines.add("Trust in " + pattern + " is reset: the next such action needs its full quorum.");
        return ApprovalMessages.followUp("ineffective", card, Card.Tone.DANGER,
                "[AWOOOI] Ineffective: " + card.actionBrief() + " did not help — " + card.headline(), lines, now);
    }
}
