package io.awoooi.redaction;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.core.batch.OrderedBatch;
import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.shield.RedactNotification;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Consumes the raw-alerts FIFO queue. Each message is redacted in order; the first failure and
 * everything after it come back as batch item failures (retried, then dead-lettered after 5
 * receives). Logs carry message and incident ids and counts, never alert content.
 */
public class RedactionFunction {
    private static final Logger LOG = Logger.getLogger(RedactionFunction.class);

    @Inject
    RedactNotification redaction;

    @Funq
    public SqsBatch.Response redact(SqsBatch batch) {
        return batch.process(record -> {
            RawAlertMessage raw = RawAlertEnvelope.decode(record.body());
            RedactNotification.Outcome outcome = redaction.redact(raw);
            LOG.infof("redacted message=%s incident=%s alerts=%d labelsAdded=%d", record.messageId(),
                    outcome.incidentId(), outcome.alerts(), outcome.labelsAdded());
        }, OrderedBatch.Parking.none(), result -> SqsBatch.describe("redaction", result).forEach(LOG::warn));
    }
}
