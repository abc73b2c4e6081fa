package io.awoooi.core.approval;

import io.awoooi.core.Hashing;
import io.awoooi.core.action.ProposedAction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proposed action waiting for (or past) its quorum. One per incident: its id is derived from the
 * incident's, so a redelivered or repeated analysis finds the request instead of opening a second
 * one and paging the approvers again. Signatures are kept beside it, one per approver.
 *
 * @param actionHash {@link #hashOf(ProposedAction)}: what the links sign, so a link cannot approve
 *     anything but this exact action and these parameters
 * @param trust the pattern's trust when the request was made
 * @param quorum what the request needs, after trust
 * @param notified the approver ids links were sent to
 * @param dispatched whether the approved request reached the executions queue
 * @param reason why it reached its status (a rejection, a cancellation), empty while pending
 * @param brief what the approvers are told about the incident (its card), as it stood at the request
 */
public record ApprovalRequest(
        String id,
        String incidentId,
        String notificationKey,
        ProposedAction action,
        String actionHash,
        ActionPattern pattern,
        RiskAssessment risk,
        int trust,
        Quorum quorum,
        DryRunReport dryRun,
        ApprovalStatus status,
        List<String> notified,
        boolean dispatched,
        Optional<String> reason,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        IncidentBrief brief) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actionHash, "actionHash");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(dryRun, "dryRun");
        Objects.requireNonNull(status, "status");
        notified = List.copyOf(notified);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(brief, "brief");
    }

    /** A request without a brief (stored before briefs existed, or made in a test). */
    public ApprovalRequest(String id, String incidentId, String notificationKey, ProposedAction action,
            String actionHash, ActionPattern pattern, RiskAssessment risk, int trust, Quorum quorum,
            DryRunReport dryRun, ApprovalStatus status, List<String> notified, boolean dispatched,
            Optional<String> reason, Instant createdAt, Instant expiresAt, Instant updatedAt) {
        this(id, incidentId, notificationKey, action, actionHash, pattern, risk, trust, quorum, dryRun, status,
                notified, dispatched, reason, createdAt, expiresAt, updatedAt, IncidentBrief.none());
    }

    /** The request id of an incident: {@code apr_} and 26 hex digits. */
    public static String idFor(String incidentId) {
        return "apr_" + Hashing.sha256Hex("approval/" + incidentId).substring(0, 26);
    }

    /**
     * The request id of an outside agent's proposal: one per incident, agent and exact action, so the
     * same proposal sent again finds its request instead of paging the approvers again.
     */
    public static String idForAgent(String incidentId, io.awoooi.core.agent.AgentId agent, String actionHash) {
        return "apr_" + Hashing.sha256Hex("approval/" + incidentId + "/agent/" + agent.value() + "/" + actionHash)
                .substring(0, 26);
    }

    /** The outside agent that proposed the action, when one did ({@link IncidentBrief#proposingAgent}). */
    public java.util.Optional<String> proposingAgent() {
        return brief.proposingAgent();
    }

    /** SHA-256 over the action id and its parameters in name order: what an approver approves. */
    public static String hashOf(ProposedAction action) {
        return Hashing.sha256Hex(action.toString());
    }

    /** The status as an observer should see it now: a pending request past its expiry is EXPIRED. */
    public ApprovalStatus statusAt(Instant now) {
        return status == ApprovalStatus.PENDING && !now.isBefore(expiresAt) ? ApprovalStatus.EXPIRED : status;
    }

    public ApprovalRequest withStatus(ApprovalStatus next, Optional<String> why, Instant at) {
        return new ApprovalRequest(id, incidentId, notificationKey, action, actionHash, pattern, risk, trust, quorum,
                dryRun, next, notified, dispatched, why, createdAt, expiresAt, at, brief);
    }

    public ApprovalRequest withNotified(List<String> approverIds) {
        return new ApprovalRequest(id, incidentId, notificationKey, action, actionHash, pattern, risk, trust, quorum,
                dryRun, status, approverIds, dispatched, reason, createdAt, expiresAt, updatedAt, brief);
    }

    public ApprovalRequest withBrief(IncidentBrief next) {
        return new ApprovalRequest(id, incidentId, notificationKey, action, actionHash, pattern, risk, trust, quorum,
                dryRun, status, notified, dispatched, reason, createdAt, expiresAt, updatedAt, next);
    }

    public ApprovalRequest withDispatched() {
        return new ApprovalRequest(id, incidentId, notificationKey, action, actionHash, pattern, risk, trust, quorum,
                dryRun, status, notified, true, reason, createdAt, expiresAt, updatedAt, brief);
    }
}
