package io.awoooi.core.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * What intake hands the Privacy Shield: the notification as intake accepted it, with the incident it
 * was applied to. {@code rawPayload} is the normalised webhook v4 JSON
 * ({@link io.awoooi.core.alert.WebhookNormaliser}): the fields AWOOOI reads, with the fingerprints
 * intake used, and nothing SQS or DynamoDB cannot carry. It holds personal data: it goes to the
 * encrypted queue and nowhere else.
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
