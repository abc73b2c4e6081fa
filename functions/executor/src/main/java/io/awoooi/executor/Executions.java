package io.awoooi.executor;

import io.awoooi.core.approval.ApprovalLedger;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.execution.ClusterActions;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.ExecutionStore;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerificationQueue;
import io.awoooi.core.execution.VerifyExecution;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.narrative.AiOutcomes;
import io.awoooi.core.shield.Rehydrator;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The executor's two use cases over one wiring. Of the approval side it holds the ledger and the
 * notices only (fresh per message: the approvers are re-read through their cache): no link key, no
 * executions queue; the component that acts can neither forge nor dispatch an approval.
 */
public final class Executions {
    private final ApprovalLedger ledger;
    private final Supplier<ApproverNotices> notices;
    private final ExecutionStore executions;
    private final DryRunner dryRunner;
    private final ClusterActions cluster;
    private final Rehydrator rehydrator;
    private final VerificationQueue verifications;
    private final Duration verificationDelay;
    private final IncidentStore incidents;
    private final AiOutcomes aiOutcomes;

    public Executions(ApprovalLedger ledger, Supplier<ApproverNotices> notices, ExecutionStore executions,
            DryRunner dryRunner,
            ClusterActions cluster, Rehydrator rehydrator, VerificationQueue verifications, Duration verificationDelay,
            IncidentStore incidents, AiOutcomes aiOutcomes) {
        this.ledger = ledger;
        this.notices = notices;
        this.executions = executions;
        this.dryRunner = dryRunner;
        this.cluster = cluster;
        this.rehydrator = rehydrator;
        this.verifications = verifications;
        this.verificationDelay = verificationDelay;
        this.incidents = incidents;
        this.aiOutcomes = aiOutcomes;
    }

    public ExecuteApproved.Result execute(ExecutionOrder order) {
        return new ExecuteApproved(ledger, notices.get(), executions, dryRunner, cluster, rehydrator::rehydrate,
                verifications,
                verificationDelay, ExecuteApproved.DEFAULT_LEASE).withHeldNames(rehydrator::maskHeld)
                .withAiOutcomes(aiOutcomes).execute(order);
    }

    public VerifyExecution.Result verify(VerificationOrder order) {
        return new VerifyExecution(ledger, notices.get(), executions, incidents, cluster, rehydrator::rehydrate,
                aiOutcomes)
                .withHeldNames(rehydrator::maskHeld).verify(order);
    }
}
