package io.awoooi.analysis;

import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.CancelApproval;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.approval.RequestApproval;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.shield.IncidentEvent;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the analysis does about approvals after each analysis: a firing incident's proposal becomes
 * a request (links or, for no quorum, straight to the executor), a diagnosis without a fix a message
 * to the on-call operators; a resolved incident cancels its pending request. A fresh desk per event (approvers and link keys are read through short caches).
 */
public final class Approvals {
    private final Supplier<ApprovalDesk> desks;
    private final DryRunner dryRunner;
    private final RiskPolicy riskPolicy;
    private final Duration ttl;

    public Approvals(Supplier<ApprovalDesk> desks, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl) {
        this.desks = desks;
        this.dryRunner = dryRunner;
        this.riskPolicy = riskPolicy;
        this.ttl = ttl;
    }

    /**
     * The analysis's proposal becomes a request; a diagnosis without a fix goes to the on-call
     * operators. The event's alerts give the card its headline, severity, since and links.
     */
    public RequestApproval.Outcome request(Analysis analysis, IncidentEvent event) {
        return new RequestApproval(desks.get(), dryRunner, riskPolicy, ttl).request(analysis,
                AlertFacts.of(event.alerts(), event.commonAnnotations()));
    }

    public boolean cancel(String incidentId) {
        return new CancelApproval(desks.get()).onResolved(incidentId).isPresent();
    }
}
