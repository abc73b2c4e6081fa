package io.awoooi.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.WebhookLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An incident row stays bounded however long its group flaps (issue #10, 4). */
class IncidentCapacityTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    private static Alert alert(int i, AlertStatus status) {
        Instant startsAt = T0.plusSeconds(i);
        return new Alert(status, Map.of("alertname", "Flap", "i", String.valueOf(i)), Map.of(), startsAt,
                status == AlertStatus.RESOLVED ? Optional.of(startsAt.plusSeconds(30)) : Optional.empty(), "",
                String.format("%016x", i));
    }

    @Test
    void apply_moreInstancesThanTheLimit_keepsTheNotificationsThenFiringThenNewest() {
        // GIVEN a firing incident full of instances: the first half resolved, the second half firing
        List<Alert> earlier = new ArrayList<>();
        for (int i = 0; i < Incident.MAX_ALERTS; i++) {
            earlier.add(alert(i, i < Incident.MAX_ALERTS / 2 ? AlertStatus.RESOLVED : AlertStatus.FIRING));
        }
        Incident full = Incident.open("inc_x", "g", earlier, T0);
        assertThat(full.alerts()).hasSize(Incident.MAX_ALERTS);
        // WHEN a notification brings ten new instances (one of them resolved) and restates an old resolved one
        List<Alert> notification = new ArrayList<>();
        for (int i = Incident.MAX_ALERTS; i < Incident.MAX_ALERTS + 10; i++) {
            notification.add(alert(i, i == Incident.MAX_ALERTS ? AlertStatus.RESOLVED : AlertStatus.FIRING));
        }
        notification.add(alert(0, AlertStatus.RESOLVED));
        Incident next = full.apply(notification, T0.plusSeconds(3600));
        // THEN it keeps the limit: everything the notification names, every firing instance, and
        // drops the oldest resolved instances it no longer hears about
        assertThat(next.alerts()).hasSize(Incident.MAX_ALERTS);
        notification.forEach(a -> assertThat(next.contains(a.key())).as(a.key().toString()).isTrue());
        earlier.stream().filter(a -> a.status() == AlertStatus.FIRING)
                .forEach(a -> assertThat(next.contains(a.key())).isTrue());
        for (int i = 1; i <= 10; i++) {
            assertThat(next.contains(alert(i, AlertStatus.RESOLVED).key())).as("oldest resolved, forgotten").isFalse();
        }
        assertThat(next.contains(alert(11, AlertStatus.RESOLVED).key())).isTrue();
        assertThat(next.firing()).isTrue();
        assertThat(next.alerts()).isSortedAccordingTo(java.util.Comparator.comparing(IncidentAlert::key));
    }

    @Test
    void apply_allFiringOverTheLimit_dropsTheOldestFiringNotInTheNotification() {
        List<Alert> firing = new ArrayList<>();
        for (int i = 0; i < Incident.MAX_ALERTS; i++) {
            firing.add(alert(i, AlertStatus.FIRING));
        }
        Incident full = Incident.open("inc_y", "g", firing, T0);
        Incident next = full.apply(List.of(alert(Incident.MAX_ALERTS, AlertStatus.FIRING)), T0.plusSeconds(60));
        assertThat(next.alerts()).hasSize(Incident.MAX_ALERTS);
        assertThat(next.contains(alert(0, AlertStatus.FIRING).key())).isFalse();
        assertThat(next.contains(alert(Incident.MAX_ALERTS, AlertStatus.FIRING).key())).isTrue();
    }

    @Test
    void incidentAlertOf_longNameAndSeverity_areCutForTheRow() {
        Alert a = new Alert(AlertStatus.FIRING, Map.of("alertname", "é".repeat(1000), "severity", "s".repeat(100)),
                Map.of(), T0, Optional.empty(), "", "fp");
        IncidentAlert row = IncidentAlert.of(a);
        assertThat(AlertText.utf8Length(row.alertname())).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_ALERTNAME_BYTES);
        assertThat(AlertText.utf8Length(row.severity())).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_SEVERITY_BYTES);
        assertThat(row.alertname()).startsWith("éé").contains("…[truncated ");
        assertThat(IncidentAlert
                .of(new Alert(AlertStatus.FIRING, Map.of("alertname", "PostgresDown", "severity", "critical"),
                        Map.of(), T0, Optional.empty(), "", "fp"))
                .alertname()).isEqualTo("PostgresDown");
    }
}
