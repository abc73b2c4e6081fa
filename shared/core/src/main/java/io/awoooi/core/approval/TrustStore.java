package io.awoooi.core.approval;

/**
 * Port: trust earned per {@link ActionPattern}. Transient failures throw
 * {@link io.awoooi.core.failure.StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface TrustStore {
    /** The current score, 0 for a pattern never seen. */
    int score(ActionPattern pattern);

    /** Adds one (an approved request whose action did not turn out ineffective); returns the new score. */
    int increment(ActionPattern pattern);

    /** Back to zero (a rejection, or an ineffective outcome); returns the score it had. */
    int reset(ActionPattern pattern);
}
