package io.awoooi.core.execution;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ApprovalLedger;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.narrative.AiOutcomes;
import io.awoooi.core.shield.UnknownLabelException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Use case: the effectiveness check, some minutes after an action was EXECUTED. The action was
 * EFFECTIVE when its target is healthy again or the incident's alerts resolved; else INEFFECTIVE.
 * The outcome is written once to the execution, to the operation log ("verified", chained to
 * "executed") and to the incident's AI traces. Trust follows it: an EFFECTIVE action that people
 * approved adds one to its pattern; an INEFFECTIVE one resets it. The approvers and the operators
 * are told either way. The health's evidence names the real target: its
 * labels are put back before it is written anywhere.
 */
public final class VerifyExecution {
    private final ApprovalLedger ledger;
    private final ApproverNotices notices;
    private final ExecutionStore executions;
    private final IncidentStore incidents;
    private final ClusterActions cluster;
    private final BiFunction<String, String, String> rehydrate;
    private final AiOutcomes aiOutcomes;

    public VerifyExecution(ApprovalLedger ledger, ApproverNotices notices, ExecutionStore executions,
            IncidentStore incidents,
            ClusterActions cluster, BiFunction<String, String, String> rehydrate, AiOutcomes aiOutcomes) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.rehydrate = Objects.requireNonNull(rehydrate, "rehydrate");
        this.aiOutcomes = Objects.requireNonNull(aiOutcomes, "aiOutcomes");
    }

    /** What the check concluded, or why it did not run. */
    public sealed interface Result {
        record Verified(String requestId, Outcome outcome, List<String> evidence) implements Result {
        }

        record Skipped(String requestId, String why) implements Result {
        }
    }

    /** The execution is still running: the check must come back later. */
    public static final class NotYetExecutedException extends RuntimeException {
        public NotYetExecutedException(String requestId) {
            super("execution of " + requestId + " is still in progress");
        }
    }

    private BiFunction<String, String, String> heldNames = (incidentId, text) -> text;

    /** With Kubernetes names labelled: the names the vault holds labels for, masked in the health's evidence. */
    public VerifyExecution withHeldNames(BiFunction<String, String, String> mask) {
        this.heldNames = Objects.requireNonNull(mask, "mask");
        return this;
    }

    public Result verify(VerificationOrder order) {
        Instant started = ledger.clock().instant();
        Optional<ExecutionRecord> found = executions.find(order.requestId());
        if (found.isEmpty()) {
            return new Result.Skipped(order.requestId(), "no execution record");
        }
        ExecutionRecord record = found.get();
        if (record.status() == ExecutionStatus.IN_PROGRESS) {
            throw new NotYetExecutedException(order.requestId());
        }
        if (record.status() != ExecutionStatus.EXECUTED) {
            return new Result.Skipped(order.requestId(), "the execution ended " + record.status());
        }
        if (record.outcome().isPresent()) {
            return new Result.Skipped(order.requestId(), "already verified " + record.outcome().get());
        }
        ApprovalRequest request = ledger.store().find(order.requestId())
                .orElseThrow(() -> new IllegalStateException("no approval request " + order.requestId()));
        List<String> evidence = new ArrayList<>();
        var incident = incidents.find(request.incidentId());
        boolean resolved = incident.map(i -> i.status() == IncidentStatus.RESOLVED).orElse(false);
        // a request without an incident (a FinOps recommendation, issue #14) is judged by its target alone
        incident.ifPresent(
                i -> evidence.add(resolved ? "the incident's alerts resolved" : "the incident's alerts still fire"));
        ProposedAction real = real(request);
        // a FinOps saving (ADR 0017) worked when the waste is gone, an incident fix when the target is healthy
        TargetHealth health = "finops".equals(request.brief().proposalSource()) ? cluster.savingRealized(real)
                : cluster.health(real);
        // the health's evidence names the real objects: labels go back in before it is written anywhere
        health.evidence().forEach(e -> evidence.add(RealNames.shown(e, request, real, heldNames)));
        Outcome outcome = resolved || health.healthy() ? Outcome.EFFECTIVE : Outcome.INEFFECTIVE;
        if (!executions.recordOutcome(request.id(), outcome, ledger.clock().instant())) {
            return new Result.Skipped(request.id(), "verified by another attempt");
        }
        ledger.log(request, "verified", "verified", "executor", Map.of("request", request.id()),
                Map.of("outcome", outcome.name(), "evidence", String.join("; ", evidence)),
                Optional.of(ApprovalLedger.opIdFor(request, "executed")), started);
        try {
            aiOutcomes.recordOutcome(request.incidentId(), outcome.name(), ledger.clock().instant());
        } catch (RuntimeException e) {
            // the trace's outcome is a courtesy to whoever reviews the AI's work; the check stands
        }
        boolean approvedByPeople = request.quorum().count() > 0;
        if (outcome == Outcome.INEFFECTIVE) {
            ledger.changeTrust(request, false, "executor", "verified");
        } else if (approvedByPeople) {
            ledger.changeTrust(request, true, "executor", "verified");
        }
        Instant now = ledger.clock().instant();
        var card = notices.cardOf(request);
        notices.tell(request, ExecutionMessages.recipients(notices, request), outcome == Outcome.INEFFECTIVE
                ? ExecutionMessages.ineffective(card, request.pattern().value(), evidence, now)
                : ExecutionMessages.effective(card, evidence, now));
        return new Result.Verified(request.id(), outcome, evidence);
    }

    /** The action with real names (health is read on the real target); labels the vault lost stay. */
    private ProposedAction real(ApprovalRequest request) {
        try {
            return RealNames.rehydrated(request.action(), request.incidentId(), rehydrate);
        } catch (UnknownLabelException | IllegalArgumentException e) {
            return request.action();
        }
    }
}
