package io.awoooi.core.shield;

import java.util.List;

/**
 * Port: the redacted alerts kept on an incident (what the incident API shows of its alerts).
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface RedactedAlertStore {
    /** Writes or overwrites the redacted form of each alert (keyed by fingerprint + startsAt). */
    void save(String incidentId, List<RedactedAlert> alerts);

    List<RedactedAlert> alerts(String incidentId);
}
