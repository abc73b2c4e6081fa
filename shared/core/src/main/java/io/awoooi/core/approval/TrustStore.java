package io.awoooi.core.approval;

/**
 * Port: trust earned per {@link ActionPattern}. Transient failures throw
 * {@link io.awoooi.core.incident.StoreUnavailableException}.
 */
public interface TrustStore {
    /** The current score, 0 for a pattern never seen. */
    int score(ActionPattern pattern);

    /** Adds one (an approved request whose action did not turn out ineffective); returns the new score. */
    int increment(ActionPattern pattern);

    /** Back to zero (a rejection, or an ineffective outcome); returns the score it had. */
    int reset(ActionPattern pattern);
}
