package io.awoooi.core.alert;

import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook notification, payload version 4. groupKey, label and annotation values
 * may carry personal data.
 */
public record AlertmanagerWebhook(
        String version,
        String groupKey,
        int truncatedAlerts,
        AlertStatus status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts) {

    public AlertmanagerWebhook {
        groupLabels = io.awoooi.core.OrderedMaps.copyOf(groupLabels);
        commonLabels = io.awoooi.core.OrderedMaps.copyOf(commonLabels);
        commonAnnotations = io.awoooi.core.OrderedMaps.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    public long firingCount() {
        return alerts.stream().filter(a -> a.status() == AlertStatus.FIRING).count();
    }
}
