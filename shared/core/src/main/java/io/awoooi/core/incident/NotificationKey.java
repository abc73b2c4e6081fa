package io.awoooi.core.incident;

import io.awoooi.core.Hashing;
import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.alert.AlertmanagerWebhook;
import java.util.Comparator;

/**
 * Identifies what a notification says, not how it was sent: an Alertmanager retry, a repeat and the
 * HA peer's copy of the same notification share it (externalURL, receiver and truncation differ
 * between peers and are left out). Built from the group and each alert instance's state; the
 * endsAt of a firing alert is left out because it moves with every evaluation.
 */
public final class NotificationKey {
    private NotificationKey() {
    }

    public static String of(AlertmanagerWebhook webhook) {
        StringBuilder canonical = new StringBuilder("awoooi/notification/v1\n").append(webhook.groupKey()).append('\n');
        webhook.alerts().stream()
                .sorted(Comparator.comparing(Alert::key))
                .forEach(a -> canonical.append(a.fingerprint()).append('|')
                        .append(a.startsAt()).append('|')
                        .append(a.status().wireName()).append('|')
                        .append(a.status() == AlertStatus.RESOLVED ? a.endsAt().map(Object::toString).orElse("") : "")
                        .append('\n'));
        return Hashing.sha256Hex(canonical.toString());
    }
}
