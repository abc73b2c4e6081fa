package io.awoooi.core.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * What intake hands the Privacy Shield: the notification exactly as Alertmanager sent it, with the
 * incident it was applied to. {@code rawPayload} holds personal data: it goes to the encrypted
 * queue and nowhere else.
 */
public record RawAlertMessage(
        String incidentId,
        String notificationKey,
        String groupKeyHash,
        Instant receivedAt,
        String rawPayload) {

    public RawAlertMessage {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(groupKeyHash, "groupKeyHash");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(rawPayload, "rawPayload");
    }

    @Override
    public String toString() { // never print the payload
        return "RawAlertMessage[incidentId=" + incidentId + ", notificationKey=" + notificationKey
                + ", payloadBytes=" + rawPayload.length() + "]";
    }
}
