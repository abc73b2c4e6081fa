package io.awoooi.core.approval;

import io.awoooi.core.notify.Card;
import io.awoooi.core.notify.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of approval notifications, all from the {@link ApprovalCard} (the request, its brief,
 * its signatures), which is built from pseudonymized input only: labels such as {@code [IP_1]},
 * Kubernetes names, ids.
 */
public final class ApprovalMessages {
    private ApprovalMessages() {
    }

    /** The request to one approver, with their signed link behind the buttons. */
    public static Notification requested(ApprovalRequest r, ApprovalCard card, String link, Instant now) {
        return Notification.of("approval_requested", r.incidentId(), card.subject(r.quorum()),
                card.toCard(Optional.of(link), now));
    }

    /** To the operators: the action runs without signatures (LOW risk, or earned trust). */
    public static Notification autoApproved(ApprovalRequest r, ApprovalCard card, String why, Instant now) {
        return followUp("auto_execution", card, Card.Tone.INFO,
                "[AWOOOI] FYI: " + card.headline() + " — " + card.actionBrief() + " runs without approval",
                List.of(card.action() + " goes to the executor without signatures: " + why + "."), now);
    }

    /** To the co-signers and the operators: one more signature, and what is still needed. */
    public static Notification signed(ApprovalCard card, Signature signature, Instant now) {
        String who = signature.approverId() + " (" + signature.role().wireName() + ")";
        return followUp("signed", card, Card.Tone.INFO,
                "[AWOOOI] " + who + " approved: " + card.actionBrief() + " — still needs "
                        + (card.stillNeeded().isEmpty() ? "nothing" : card.stillNeeded()),
                List.of(who + " approved " + card.action() + ".",
                        card.stillNeeded().isEmpty() ? "Nothing more is needed."
                                : "Still needed: " + card.stillNeeded() + " (until " + card.expiry() + ")."),
                now);
    }

    /** The quorum is met (the action goes to the executor) or someone rejected it (nothing runs). */
    public static Notification decided(ApprovalCard card, String approverId, ApprovalStatus status, Instant now) {
        boolean approved = status == ApprovalStatus.APPROVED;
        return followUp(approved ? "approved" : "rejected", card, approved ? Card.Tone.GOOD : Card.Tone.DANGER,
                "[AWOOOI] " + (approved ? "Approved: " : "Rejected: ") + card.actionBrief() + " — " + card.headline(),
                List.of(approved ? "The last signature came from " + approverId + ": " + card.action()
                        + " goes to the executor now."
                        : approverId + " rejected " + card.action() + ". Nothing will be done; links sent for it no"
                                + " longer work."),
                now);
    }

    /** Nobody completed the quorum in time: nothing runs, the links no longer work. */
    public static Notification expired(ApprovalCard card, Instant now) {
        return followUp("expired", card, Card.Tone.INFO,
                "[AWOOOI] Expired: " + card.actionBrief() + " — " + card.headline(),
                List.of("The request for " + card.action() + " expired before its quorum was met. Nothing was done;"
                        + " links sent for it no longer work. A new alert brings a new request."),
                now);
    }

    public static Notification cancelled(ApprovalCard card, String why, Instant now) {
        return followUp("cancelled", card, Card.Tone.INFO,
                "[AWOOOI] No decision needed any more: " + card.actionBrief() + " — " + card.headline(),
                List.of("The request for " + card.action() + " was cancelled: " + why
                        + ". Links sent for it no longer work."),
                now);
    }

    /**
     * A message that follows a request: the headline, what happened, the action and the checklist.
     * Executions use it too ({@code io.awoooi.core.execution.ExecutionMessages}).
     */
    public static Notification followUp(String kind, ApprovalCard card, Card.Tone tone, String subject,
            List<String> happened, Instant now) {
        List<Card.Fact> facts = new ArrayList<>();
        facts.add(new Card.Fact("Action", card.action()));
        facts.add(new Card.Fact("Risk", card.risk().name()));
        facts.add(new Card.Fact("Status", card.status().name()));
        if (!card.severity().isEmpty()) {
            facts.add(new Card.Fact("Severity", card.severity()));
        }
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.of("What happened", happened));
        List<String> approvals = new ArrayList<>(card.checklistLines());
        if (!card.stillNeeded().isEmpty()) {
            approvals.add("still needed: " + card.stillNeeded());
        }
        sections.add(Card.Section.of("Approvals", approvals));
        Card c = new Card(tone, card.headline(), facts, sections, List.of(), card.references(),
                "incident " + card.incidentId(), now);
        return Notification.of(kind, card.incidentId(), subject, c);
    }

    /**
     * To the on-call operators: the diagnosis found no fix AWOOOI may run (or its fix was blocked by
     * the dry-run), so a person has to act. Nobody is asked to approve anything.
     *
     * @param blocked why the fix was not offered, when the dry-run blocked it
     */
    public static Notification needsAPerson(String incidentId, IncidentBrief brief, Optional<String> blocked,
            Instant now) {
        AlertFacts alert = brief.alert();
        String headline = alert.known() ? alert.headline() : "Incident " + incidentId;
        Optional<IncidentBrief.DiagnosisBrief> d = brief.diagnosis();
        String kind = d.map(IncidentBrief.DiagnosisBrief::inWords).orElse("no diagnosis");
        List<Card.Fact> facts = new ArrayList<>();
        if (!alert.severity().isEmpty()) {
            facts.add(new Card.Fact("Severity", alert.severity()));
        }
        alert.since().ifPresent(t -> facts.add(new Card.Fact("Since", io.awoooi.core.HumanTime.atAgo(t, now))));
        facts.add(new Card.Fact("Diagnosis", kind));
        List<Card.Section> sections = new ArrayList<>();
        sections.add(Card.Section.warning("No fix will run", List.of(blocked
                .map(why -> "the fix the evidence supports was blocked by its dry-run: " + why)
                .orElse("AWOOOI has no safe fix for " + kind + ": a person has to act"))));
        d.flatMap(IncidentBrief.DiagnosisBrief::humanStep)
                .ifPresent(h -> sections.add(Card.Section.of("What a person should do", List.of(h))));
        List<String> diagnosis = new ArrayList<>();
        d.ifPresent(x -> {
            diagnosis.add(x.summary());
            x.evidence().forEach(e -> diagnosis.add("evidence: " + e));
        });
        sections.add(Card.Section.of("Diagnosis", diagnosis));
        sections.add(Card.Section.of(brief.rootCauses().size() == 1 ? "Root cause" : "Root causes",
                brief.rootCauses()));
        if (brief.blastRadiusTotal() > 0) {
            sections.add(Card.Section.of("Blast radius", List.of(brief.blastRadiusTotal()
                    + (brief.blastRadiusTotal() == 1 ? " service depends on it: " : " services depend on it: ")
                    + brief.blastRadiusInWords())));
        }
        List<io.awoooi.core.notify.Link> references = new ArrayList<>();
        alert.runbookUrl().ifPresent(u -> references.add(new io.awoooi.core.notify.Link("Runbook", u)));
        alert.generatorUrl().ifPresent(u -> references.add(new io.awoooi.core.notify.Link("Alert source", u)));
        Card card = new Card(Card.Tone.DANGER, headline, facts, sections, List.of(), references,
                "incident " + incidentId + " · nobody is asked to approve anything", now);
        return Notification.of("diagnosis", incidentId, "[AWOOOI] Needs a person: " + headline + " — " + kind, card);
    }

    /** {@code 2 approvals from admin, devops or sre} ({@link ApprovalCard#needs}). */
    public static String needs(Quorum q) {
        return ApprovalCard.needs(q);
    }
}
