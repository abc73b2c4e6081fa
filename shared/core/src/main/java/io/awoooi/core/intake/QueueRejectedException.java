package io.awoooi.core.intake;

import io.awoooi.core.batch.PermanentFailureException;

/**
 * The queue refused a message for good (characters SQS does not allow, an invalid attribute): a
 * retry of the same message fails the same way, unlike {@link QueueUnavailableException}. The
 * reason is value-free.
 */
public class QueueRejectedException extends PermanentFailureException {
    public QueueRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
