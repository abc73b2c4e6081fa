package io.awoooi.core.shield;

/**
 * Port: the incidents queue to the analysis. Publishing the same notification key twice must not
 * make a second message. Transient failures throw {@link io.awoooi.core.failure.QueueUnavailableException}; a
 * body larger than the queue carries throws {@link io.awoooi.core.intake.MessageTooLargeException} (permanent).
 * The conditions are in the test-jar's {@code IncidentEventQueueContract}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.QueueUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface IncidentEventQueue {
    void publish(IncidentEvent event, String serializedEvent);
}
