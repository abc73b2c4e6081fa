package io.awoooi.analysis;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.shield.IncidentEventCodec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Consumes the incidents FIFO queue (pseudonymized events from the Privacy Shield) in order: each
 * becomes an analysis on its incident; the first failure and everything after it come back as
 * batch item failures. Logs ids, counts and who narrated, never alert content.
 */
public class AnalysisFunction {
    private static final Logger LOG = Logger.getLogger(AnalysisFunction.class);

    @Inject
    AnalyzeIncident analysis;

    @Funq
    public SqsBatch.Response analyze(SqsBatch batch) {
        return batch.processInOrder(record -> {
            Analysis a = analysis.analyze(IncidentEventCodec.decode(record.body()));
            LOG.infof("analyzed message=%s incident=%s targets=%d rootCauses=%d blastRadius=%d narrator=%s proposal=%s",
                    record.messageId(), a.incidentId(), a.findings().targets().size(), a.findings().rootCauses().size(),
                    a.findings().blastRadius().size(), a.narrator(),
                    a.proposedAction().map(p -> p.type().id()).orElse("none"));
            if (!a.firingElsewhereComplete()) {
                // the analysis stands, but root causes may lack the other incidents' evidence
                LOG.warnf("other firing incidents could not be read for incident=%s; analyzed without them",
                        a.incidentId());
            }
        }, failed -> LOG.warnf("%s failed for message=%s (%s: %s); returning %d message(s) to the queue",
                "analysis", failed.failedIds().get(0), failed.firstError().getClass().getSimpleName(),
                failed.firstError().getMessage(), failed.failedIds().size()));
    }
}
