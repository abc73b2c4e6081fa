package io.awoooi.core.shield;

import io.awoooi.core.alert.AlertStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Privacy Shield hands the analysis: one notification of an incident, pseudonymized.
 * Nothing in it may be a personal value; the leak guard checks that before it is sent.
 */
public record IncidentEvent(
        String incidentId,
        String notificationKey,
        String groupKeyHash,
        AlertStatus status,
        Instant receivedAt,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        List<RedactedAlert> alerts) {

    public IncidentEvent {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationKey, "notificationKey");
        Objects.requireNonNull(groupKeyHash, "groupKeyHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        groupLabels = io.awoooi.core.OrderedMaps.copyOf(groupLabels);
        commonLabels = io.awoooi.core.OrderedMaps.copyOf(commonLabels);
        commonAnnotations = io.awoooi.core.OrderedMaps.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }
}
