package io.awoooi.analysis;

import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.approval.AlertFacts;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.CancelApproval;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.approval.LabelledDryRunner;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.IncidentNames;
import io.awoooi.core.shield.NameLabels;
import java.util.Map;
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
    private IncidentNames names = IncidentNames.PLAIN;
    private Supplier<Map<String, PiiType>> knownNames = Map::of;

    public Approvals(Supplier<ApprovalDesk> desks, DryRunner dryRunner, RiskPolicy riskPolicy, Duration ttl) {
        this.desks = desks;
        this.dryRunner = dryRunner;
        this.riskPolicy = riskPolicy;
        this.ttl = ttl;
    }

    /**
     * With Kubernetes names labelled: the proposal names labels, the dry-run asks the cluster about the
     * real names they stand for (known from the topology) and reports with labels.
     */
    public Approvals withNames(IncidentNames incidentNames, Supplier<Map<String, PiiType>> known) {
        this.names = incidentNames;
        this.knownNames = known;
        return this;
    }

    /**
     * The analysis's proposal becomes a request; a diagnosis without a fix goes to the on-call
     * operators. The event's alerts give the card its headline, severity, since and links.
     */
    public RequestApproval.Outcome request(Analysis analysis, IncidentEvent event) {
        if (names == IncidentNames.PLAIN) {
            return new RequestApproval(desks.get(), dryRunner, riskPolicy, ttl).request(analysis,
                    AlertFacts.of(event.alerts(), event.commonAnnotations()));
        }
        NameLabels labelled = names.open(analysis.incidentId(), knownNames.get());
        return new RequestApproval(desks.get(), new LabelledDryRunner(dryRunner, names, labelled), riskPolicy, ttl)
                .withNames(labelled).request(analysis,
                        AlertFacts.of(event.alerts(), event.commonAnnotations()));
    }

    public boolean cancel(String incidentId) {
        return new CancelApproval(desks.get()).onResolved(incidentId).isPresent();
    }
}
