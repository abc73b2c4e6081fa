package io.awoooi.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification that was applied to an incident.
 *
 * @param queued whether its raw payload is known to be on the raw-alerts queue
 */
public record AcceptedNotification(String key, String incidentId, Instant receivedAt, boolean queued) {
    public AcceptedNotification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
