package io.awoooi.core.failure;

/** The queue could not take the message for now; a retry may succeed. */
public non-sealed class QueueUnavailableException extends DependencyUnavailableException {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "a queue";
    }
}
