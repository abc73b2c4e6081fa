package io.awoooi.core.intake;

/** The queue could not take the message for now; a retry may succeed. */
public class QueueUnavailableException extends RuntimeException {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
