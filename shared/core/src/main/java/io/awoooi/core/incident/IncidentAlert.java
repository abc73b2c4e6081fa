package io.awoooi.core.incident;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.WebhookLimits;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an incident keeps of one alert instance until the Privacy Shield has run: identifiers and
 * the alert's name and severity, no other label values. Name and severity are kept short
 * ({@link WebhookLimits#MAX_STORED_ALERTNAME_BYTES}, {@link WebhookLimits#MAX_STORED_SEVERITY_BYTES})
 * so that an incident row holding {@link WebhookLimits#MAX_INCIDENT_ALERTS} of them fits one
 * DynamoDB item; the redacted alert keeps them whole.
 */
public record IncidentAlert(
        String fingerprint,
        Instant startsAt,
        String alertname,
        String severity,
        AlertStatus status,
        Optional<Instant> endsAt) {

    public IncidentAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(alertname, "alertname");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    public static IncidentAlert of(Alert alert) {
        return new IncidentAlert(alert.fingerprint(), alert.startsAt(),
                AlertText.truncate(alert.alertname(), WebhookLimits.MAX_STORED_ALERTNAME_BYTES),
                AlertText.truncate(alert.severity(), WebhookLimits.MAX_STORED_SEVERITY_BYTES),
                alert.status(), alert.status() == AlertStatus.RESOLVED ? alert.endsAt() : Optional.empty());
    }

    public AlertKey key() {
        return new AlertKey(fingerprint, startsAt);
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }
}
