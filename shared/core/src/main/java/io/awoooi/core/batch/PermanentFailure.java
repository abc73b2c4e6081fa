package io.awoooi.core.batch;

/**
 * A failure that no retry can cure: the same message fails the same way every time (it cannot be
 * decoded, a store or queue refuses its content for good, the leak guard blocks it). Queue consumers
 * park such a message at once instead of returning it for the queue's retries (ADR 0010).
 *
 * <p>Transient failures ({@code StoreUnavailableException}, {@code QueueUnavailableException}) do
 * not carry this marker; neither does anything unexpected, which is retried (and dead-lettered by
 * the queue's redrive policy) rather than guessed at.
 */
public interface PermanentFailure {
    /**
     * Why, in a few words an operator can act on. Never a value from the message: it is stored on the
     * incident, shown by the API and logged.
     */
    String reason();

    /** The permanent failure behind {@code error}: itself or a cause, nearest first. */
    static java.util.Optional<PermanentFailure> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure permanent) {
                return java.util.Optional.of(permanent);
            }
        }
        return java.util.Optional.empty();
    }
}
