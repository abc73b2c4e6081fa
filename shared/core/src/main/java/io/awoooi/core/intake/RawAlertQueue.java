package io.awoooi.core.intake;

/**
 * Port: the encrypted queue that carries raw notifications (with their personal data) to the
 * Privacy Shield. Publishing the same notification key twice must not create a second message
 * (the adapter uses it as the deduplication id). Transient failures throw
 * {@link QueueUnavailableException}.
 */
public interface RawAlertQueue {
    void publish(RawAlertMessage message);
}
