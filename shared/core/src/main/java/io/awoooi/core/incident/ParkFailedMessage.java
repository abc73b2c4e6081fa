package io.awoooi.core.incident;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.batch.PermanentFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: park a queue message that failed for good on its incident, so it is not retried (ADR
 * 0010). The failure goes on the incident's failure summary (shown by the read API under
 * {@code failure}) and on its operation log ({@code processing_failed}, chained to the stage's
 * parent entry); both writes are idempotent. Nothing of the message's content is stored: the
 * stage, a value-free reason and the message id.
 *
 * <p>A message whose incident cannot be told, or whose incident does not exist, is not parked (the
 * failure would be invisible): it goes back to the queue, whose redrive policy dead-letters it.
 */
public final class ParkFailedMessage {
    /** The operation-log type of a parked message. */
    public static final String OPERATION = "processing_failed";
    /** Longer reasons are cut: they are meant to be a few words. */
    static final int MAX_REASON = 200;

    private final String stage;
    private final Optional<String> parentOperation;
    private final IncidentStore incidents;
    private final IncidentFailureStore failures;
    private final OperationLog operations;
    private final Clock clock;

    /**
     * @param stage           the consumer: redaction, analysis, executor
     * @param parentOperation the operation-log type of the previous step of a notification (the
     *                        timeline entry is chained to it), empty for none
     */
    public ParkFailedMessage(String stage, Optional<String> parentOperation, IncidentStore incidents,
            IncidentFailureStore failures, OperationLog operations, Clock clock) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.parentOperation = Objects.requireNonNull(parentOperation, "parentOperation");
        this.incidents = incidents;
        this.failures = failures;
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * @param incidentId      the message's incident, when it could be told
     * @param notificationKey the notification the message carries, when it could be read
     * @return whether the failure is durably on the incident (the message may be acknowledged)
     * @throws StoreUnavailableException when a write fails (the message goes back and is retried)
     */
    public boolean park(String messageId, Optional<String> incidentId, Optional<String> notificationKey,
            PermanentFailure failure) {
        Optional<String> incident = incidentId.filter(IncidentIds::isWellFormed);
        if (incident.isEmpty() || incidents.find(incident.get()).isEmpty()) {
            return false;
        }
        String reason = reason(failure);
        Instant at = clock.instant();
        failures.record(incident.get(), stage, reason, messageId, at);
        String subject = notificationKey.orElse("sqs-message:" + messageId);
        operations.append(new Operation(Operation.idFor(subject, OPERATION + "/" + stage), incident.get(), OPERATION,
                stage, Map.of("messageId", messageId), Map.of("stage", stage, "reason", reason), 0,
                notificationKey.flatMap(key -> parentOperation.map(parent -> Operation.idFor(key, parent))), at));
        return true;
    }

    static String reason(PermanentFailure failure) {
        String reason = failure.reason() == null || failure.reason().isBlank() ? "failed for good"
                : failure.reason().strip();
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
