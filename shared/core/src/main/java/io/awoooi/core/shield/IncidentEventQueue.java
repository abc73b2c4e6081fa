package io.awoooi.core.shield;

/**
 * Port: the incidents queue to the analysis. Publishing the same notification key twice must not
 * make a second message. Transient failures throw {@link io.awoooi.core.intake.QueueUnavailableException}.
 */
public interface IncidentEventQueue {
    void publish(IncidentEvent event, String serializedEvent);
}
