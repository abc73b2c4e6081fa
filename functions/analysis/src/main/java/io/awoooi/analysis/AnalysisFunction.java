package io.awoooi.analysis;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalyzeIncident;
import io.awoooi.core.batch.OrderedBatch;
import io.awoooi.core.shield.IncidentEventCodec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
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
        List<SqsBatch.SqsRecord> records = batch.records() == null ? List.of() : batch.records();
        OrderedBatch.Result result = OrderedBatch.process(records, SqsBatch.SqsRecord::messageId, record -> {
            Analysis a = analysis.analyze(IncidentEventCodec.decode(record.body()));
            LOG.infof("analyzed message=%s incident=%s targets=%d rootCauses=%d blastRadius=%d narrator=%s proposal=%s",
                    record.messageId(), a.incidentId(), a.findings().targets().size(), a.findings().rootCauses().size(),
                    a.findings().blastRadius().size(), a.narrator(),
                    a.proposedAction().map(p -> p.type().id()).orElse("none"));
        });
        if (!result.allSucceeded()) {
            LOG.warnf("analysis failed for message=%s (%s: %s); returning %d message(s) to the queue",
                    result.failedIds().get(0), result.firstError().getClass().getSimpleName(),
                    result.firstError().getMessage(), result.failedIds().size());
        }
        return new SqsBatch.Response(result.failedIds().stream().map(SqsBatch.Failure::new).toList());
    }
}
