package io.awoooi.core.analysis;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.shield.RedactedAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents with their redacted alerts in the two in-memory stores, for the firing-evidence tests. */
final class FiringIncidentFixtures {
    static final Instant T0 = Instant.parse("2026-11-25T02:00:00Z");

    final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    final InMemoryRedactedAlerts alerts = new InMemoryRedactedAlerts();
    private int created;

    /** An incident (created a minute after the previous one) with these alerts. */
    FiringIncidentFixtures incident(String id, IncidentStatus status, RedactedAlert... redacted) {
        Instant at = T0.plusSeconds(60L * created++);
        incidents.create(new Incident(id, "gkh-" + id, status, at, at,
                status == IncidentStatus.RESOLVED ? Optional.of(at) : Optional.empty(), List.of(), 0));
        alerts.save(id, List.of(redacted));
        return this;
    }

    /** A redacted alert about a service of namespace shop. */
    static RedactedAlert alert(String alertname, AlertStatus status, String service) {
        return alert(alertname, status, Map.of("namespace", "shop", "service", service));
    }

    static RedactedAlert alert(String alertname, AlertStatus status, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("alertname", alertname);
        all.putAll(labels);
        return new RedactedAlert("fp-" + alertname + "-" + labels.hashCode(), T0, status,
                status == AlertStatus.RESOLVED ? Optional.of(T0.plusSeconds(30)) : Optional.empty(),
                all, Map.of("description", "a value that must not travel: [IP_3]"), "");
    }
}
