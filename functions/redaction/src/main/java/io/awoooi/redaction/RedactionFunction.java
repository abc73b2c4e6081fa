package io.awoooi.redaction;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.alert.InvalidWebhookException;
import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.intake.MessageTooLargeException;
import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.RedactNotification;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Consumes the raw-alerts FIFO queue. Each message is redacted in order. A message that can never
 * be redacted (undecodable, refused for good by DynamoDB or SQS, blocked by the leak guard) is
 * parked on its incident as a failure and acknowledged; any other failure comes back as a batch
 * item failure with the later messages of its group (retried, then dead-lettered after 5 receives),
 * while other groups go on. Logs carry message and incident ids, counts and value-free reasons,
 * never alert content.
 */
public class RedactionFunction {
    private static final Logger LOG = Logger.getLogger(RedactionFunction.class);
    static final String STAGE = "redaction";

    @Inject
    RedactNotification redaction;

    @Inject
    ParkFailedMessage parking;

    @Funq
    public SqsBatch.Response redact(SqsBatch batch) {
        return batch.process(record -> {
            RawAlertMessage raw = decode(record.body());
            LogContext.incident(raw.incidentId());
            RedactNotification.Outcome outcome;
            try {
                outcome = redaction.redact(raw);
            } catch (InvalidWebhookException e) {
                throw new PermanentFailureException("the raw payload is not a valid Alertmanager webhook", e);
            } catch (LeakGuard.LeakBlockedException e) {
                throw new PermanentFailureException("the leak guard blocked the pseudonymized event: "
                        + "it still carries personal data", e);
            } catch (MessageTooLargeException e) {
                throw new PermanentFailureException("the pseudonymized event does not fit the incidents queue", e);
            }
            LOG.infof("redacted message=%s incident=%s alerts=%d labelsAdded=%d", record.messageId(),
                    outcome.incidentId(), outcome.alerts(), outcome.labelsAdded());
            outcome.labelsByType().forEach((type, n) -> Metrics.count(STAGE, "LabelsCreated", "Type", type, n));
        }, (record, failure) -> {
            Optional<RawAlertMessage> raw = decodable(record.body());
            return parking.park(record.messageId(),
                    raw.map(RawAlertMessage::incidentId).or(() -> record.messageAttribute("incidentId")),
                    raw.map(RawAlertMessage::notificationKey), failure);
        }, result -> SqsBatch.describe(STAGE, result).forEach(LOG::warn));
    }

    /** The envelope; a body that is none can never become one. */
    static RawAlertMessage decode(String body) {
        try {
            return RawAlertEnvelope.decode(body);
        } catch (RuntimeException e) {
            throw new PermanentFailureException("the message body is not a raw-alert envelope", e);
        }
    }

    private static Optional<RawAlertMessage> decodable(String body) {
        try {
            return Optional.of(RawAlertEnvelope.decode(body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
