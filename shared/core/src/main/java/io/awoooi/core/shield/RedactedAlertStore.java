package io.awoooi.core.shield;

import java.util.List;

/** Port: the redacted alerts kept on an incident (what the incident API shows of its alerts). */
public interface RedactedAlertStore {
    /** Writes or overwrites the redacted form of each alert (keyed by fingerprint + startsAt). */
    void save(String incidentId, List<RedactedAlert> alerts);

    List<RedactedAlert> alerts(String incidentId);
}
