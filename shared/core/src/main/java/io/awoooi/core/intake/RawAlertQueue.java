package io.awoooi.core.intake;

/**
 * Port: the encrypted queue that carries raw notifications (with their personal data) to the
 * Privacy Shield. Publishing the same notification key twice must not create a second message
 * (the adapter uses it as the deduplication id). Transient failures throw
 * {@link QueueUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.QueueUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface RawAlertQueue {
    void publish(RawAlertMessage message);
}
