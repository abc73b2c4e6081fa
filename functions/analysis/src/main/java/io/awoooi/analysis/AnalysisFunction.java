package io.awoooi.analysis;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.approval.RequestApproval;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentEventCodec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Consumes the incidents FIFO queue (pseudonymized events from the Privacy Shield) in order: each
 * becomes an analysis on its incident. An event that can never be analyzed (undecodable, refused for
 * good by a store or queue) is parked on its incident as a failure and acknowledged; any other
 * failure comes back as a batch item failure with the later events of its group, while other groups
 * go on. Logs ids, counts, who narrated and value-free reasons, never alert content.
 */
public class AnalysisFunction {
    private static final Logger LOG = Logger.getLogger(AnalysisFunction.class);

    @Inject
    AnalyzeIncident analysis;

    @Inject
    Approvals approvals;

    @Inject
    ParkFailedMessage parking;

    static final String STAGE = "analysis";

    @Funq
    public SqsBatch.Response analyze(SqsBatch batch) {
        return batch.process(record -> {
            IncidentEvent event = decode(record.body());
            LogContext.incident(event.incidentId());
            Analysis a = analysis.analyze(event);
            LOG.infof("analyzed message=%s incident=%s targets=%d rootCauses=%d blastRadius=%d narrator=%s proposal=%s",
                    record.messageId(), a.incidentId(), a.findings().targets().size(), a.findings().rootCauses().size(),
                    a.findings().blastRadius().size(), a.narrator(),
                    a.proposedAction().map(p -> p.type().id()).orElse("none"));
            if (event.status() == AlertStatus.RESOLVED) {
                if (approvals.cancel(a.incidentId())) {
                    LOG.infof("incident=%s resolved: its pending approval request is cancelled", a.incidentId());
                }
            } else {
                logOutcome(a.incidentId(), approvals.request(a, event));
            }
            if (!a.firingElsewhereComplete()) {
                // the analysis stands, but root causes may lack the other incidents' evidence
                LOG.warnf("other firing incidents could not be read for incident=%s; analyzed without them",
                        a.incidentId());
            }
        }, (record, failure) -> {
            Optional<IncidentEvent> event = decodable(record.body());
            return parking.park(record.messageId(),
                    event.map(IncidentEvent::incidentId).or(() -> record.messageAttribute("incidentId")),
                    event.map(IncidentEvent::notificationKey), failure);
        }, result -> SqsBatch.describe(STAGE, result).forEach(LOG::warn));
    }

    /** The event; a body that is none can never become one. */
    static IncidentEvent decode(String body) {
        try {
            return IncidentEventCodec.decode(body);
        } catch (RuntimeException e) {
            throw new PermanentFailureException("the message body is not an incident event", e);
        }
    }

    private static Optional<IncidentEvent> decodable(String body) {
        try {
            return Optional.of(IncidentEventCodec.decode(body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void logOutcome(String incidentId, RequestApproval.Outcome outcome) {
        switch (outcome) {
            case RequestApproval.Outcome.NoProposal n -> LOG.infof(
                    "incident=%s: no action proposed; the on-call operators hear the diagnosis (once)", incidentId);
            case RequestApproval.Outcome.Blocked b -> LOG.infof(
                    "incident=%s: proposal blocked by the dry-run (%s); the on-call operators hear it (once)",
                    incidentId,
                    b.dryRun().failures().stream().filter(c -> !c.overridable()).map(c -> c.name()).toList());
            case RequestApproval.Outcome.Requested r -> {
                Metrics.count(STAGE, "ApprovalsByStatus", "Status", r.request().status().name(), 1);
                LOG.infof(
                        "incident=%s: approval request=%s risk=%s signatures=%d status=%s notified=%d", incidentId,
                        r.request().id(), r.request().risk().level(), r.request().quorum().count(),
                        r.request().status(),
                        r.request().notified().size());
            }
            case RequestApproval.Outcome.Existing e -> LOG.infof("incident=%s: approval request=%s already %s",
                    incidentId, e.request().id(), e.request().status());
        }
    }
}
