package io.awoooi.core.incident;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertKey;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.alert.WebhookLimits;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One Alertmanager group while it has firing alerts. Alerts are kept per instance (fingerprint +
 * startsAt). An instance that resolved stays resolved: Alertmanager gives a re-firing alert a new
 * startsAt, so a "firing" for a resolved instance can only be a late retry of an older notification.
 *
 * <p>An incident keeps at most {@link #MAX_ALERTS} instances, which keeps its row inside DynamoDB's
 * item size however long the group flaps. Over that, it forgets first the instances the latest
 * notification does not mention, resolved before firing, oldest first. A forgotten instance that is
 * reported again is simply new to the incident (a firing one after the incident resolved opens a
 * successor, as any new alert does).
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

    /** Alert instances one incident keeps: at least one whole notification. */
    public static final int MAX_ALERTS = WebhookLimits.MAX_INCIDENT_ALERTS;

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
        List<IncidentAlert> next = merged.size() <= MAX_ALERTS ? List.copyOf(merged.values())
                : forgetOldest(merged.values(), notificationAlerts);
        boolean anyFiring = next.stream().anyMatch(IncidentAlert::firing);
        IncidentStatus nextStatus = anyFiring ? IncidentStatus.FIRING : IncidentStatus.RESOLVED;
        Optional<Instant> nextResolvedAt = anyFiring ? Optional.empty()
                : resolvedAt.isPresent() ? resolvedAt : Optional.of(now);
        return new Incident(id, groupKeyHash, nextStatus, createdAt, now, nextResolvedAt, next, version);
    }

    /** The {@link #MAX_ALERTS} instances worth keeping, in key order. */
    private static List<IncidentAlert> forgetOldest(Collection<IncidentAlert> alerts,
            Collection<Alert> notificationAlerts) {
        Set<AlertKey> mentioned = notificationAlerts.stream().map(Alert::key).collect(Collectors.toSet());
        Comparator<IncidentAlert> worthKeeping = Comparator
                .comparing((IncidentAlert a) -> !mentioned.contains(a.key()))
                .thenComparing(a -> !a.firing())
                .thenComparing(IncidentAlert::startsAt, Comparator.reverseOrder())
                .thenComparing(IncidentAlert::key);
        return alerts.stream().sorted(worthKeeping).limit(MAX_ALERTS)
                .sorted(Comparator.comparing(IncidentAlert::key)).toList();
    }

    /** The alerts of a notification that a successor incident takes over from this resolved one. */
    public List<Alert> unseen(Collection<Alert> notificationAlerts) {
        return notificationAlerts.stream().filter(a -> !contains(a.key())).toList();
    }
}
