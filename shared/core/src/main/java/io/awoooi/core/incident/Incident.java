package io.awoooi.core.incident;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.alert.AlertStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One Alertmanager group while it has firing alerts. Alerts are kept per instance (fingerprint +
 * startsAt). An instance that resolved stays resolved: Alertmanager gives a re-firing alert a new
 * startsAt, so a "firing" for a resolved instance can only be a late retry of an older notification.
 *
 * @param version optimistic-locking counter of the stored row
 */
public record Incident(
        String id,
        String groupKeyHash,
        IncidentStatus status,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> resolvedAt,
        List<IncidentAlert> alerts,
        long version) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(groupKeyHash, "groupKeyHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        alerts = List.copyOf(alerts);
    }

    /** A new incident holding the given alerts of a notification. */
    public static Incident open(String id, String groupKeyHash, Collection<Alert> alerts, Instant now) {
        Incident empty = new Incident(id, groupKeyHash, IncidentStatus.FIRING, now, now, Optional.empty(),
                List.of(), 0);
        return empty.apply(alerts, now);
    }

    public boolean firing() {
        return status == IncidentStatus.FIRING;
    }

    public boolean contains(AlertKey key) {
        return alerts.stream().anyMatch(a -> a.key().equals(key));
    }

    /**
     * Whether these alerts belong to a new incident rather than to this one: this incident has
     * resolved and the notification fires an alert instance it has never seen.
     */
    public boolean isSucceededBy(Collection<Alert> notificationAlerts) {
        return !firing() && notificationAlerts.stream()
                .anyMatch(a -> a.status() == AlertStatus.FIRING && !contains(a.key()));
    }

    /**
     * This incident with the notification's alerts merged in; the same instance when nothing
     * changes (a repeat or a duplicate notification).
     */
    public Incident apply(Collection<Alert> notificationAlerts, Instant now) {
        Map<AlertKey, IncidentAlert> merged = alerts.stream()
                .collect(Collectors.toMap(IncidentAlert::key, Function.identity(), (a, b) -> a, TreeMap::new));
        boolean changed = false;
        for (Alert alert : notificationAlerts) {
            IncidentAlert incoming = IncidentAlert.of(alert);
            IncidentAlert known = merged.get(incoming.key());
            if (known == null || (known.firing() && !incoming.equals(known))) {
                merged.put(incoming.key(), incoming);
                changed = true;
            }
        }
        if (!changed) {
            return this;
        }
        List<IncidentAlert> next = List.copyOf(merged.values());
        boolean anyFiring = next.stream().anyMatch(IncidentAlert::firing);
        IncidentStatus nextStatus = anyFiring ? IncidentStatus.FIRING : IncidentStatus.RESOLVED;
        Optional<Instant> nextResolvedAt = anyFiring ? Optional.empty()
                : resolvedAt.isPresent() ? resolvedAt : Optional.of(now);
        return new Incident(id, groupKeyHash, nextStatus, createdAt, now, nextResolvedAt, next, version);
    }

    /** The alerts of a notification that a successor incident takes over from this resolved one. */
    public List<Alert> unseen(Collection<Alert> notificationAlerts) {
        return notificationAlerts.stream().filter(a -> !contains(a.key())).toList();
    }
}
