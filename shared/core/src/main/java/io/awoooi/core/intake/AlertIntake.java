package io.awoooi.core.intake;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.InvalidWebhookException;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookNormaliser;
import io.awoooi.core.incident.AcceptedNotification;
import io.awoooi.core.incident.GroupKeyHash;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentIds;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.incident.IncidentStore.GroupPointer;
import io.awoooi.core.incident.NotificationKey;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import java.time.Clock;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: accept one Alertmanager notification. It is applied to its group's incident (opening one
 * when the group has none firing), recorded under its notification key, and put on the raw-alerts
 * queue; only then is it accepted. Every step is idempotent, so an Alertmanager retry after any
 * failure finishes the job, and a duplicate (retry, repeat, HA peer) changes nothing and gets the
 * same incident id.
 *
 * <p>Limits first: the notification is normalised and checked against every limit of
 * {@link WebhookLimits}, including the exact size of the queue message it will become, before
 * anything is read or written. A notification that can never be accepted throws
 * {@link InvalidWebhookException} and leaves no trace; one that is accepted fits every row and
 * message it causes. What goes on the queue is the normalised notification.
 *
 * <p>No transactions (ADR 0004): the group pointer and the incident rows are separate conditional
 * writes, ordered so that a crash between them is repaired by the next notification.
 */
public final class AlertIntake {
    /** Concurrent writers to one group retry this often before the caller gets a 503. */
    static final int MAX_ATTEMPTS = 16;

    private final IncidentStore store;
    private final RawAlertQueue queue;
    private final IncidentIds ids;
    private final Clock clock;
    private final OperationLog operations;

    public AlertIntake(IncidentStore store, RawAlertQueue queue, Clock clock) {
        this(store, queue, clock, null);
    }

    /** @param operations where alert_received is logged (null: not logged) */
    public AlertIntake(IncidentStore store, RawAlertQueue queue, Clock clock, OperationLog operations) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = new IncidentIds(clock);
        this.operations = operations;
    }

    /**
     * @param received the notification as parsed; its identity (groupKey, fingerprints) is hashed as
     *                 received, its content is normalised
     * @throws InvalidWebhookException when it breaks a limit; nothing was read or written then
     */
    public Receipt accept(AlertmanagerWebhook received) {
        WebhookNormaliser.Normalised normalised = WebhookNormaliser.normalise(received);
        String groupKeyHash = GroupKeyHash.of(received.groupKey());
        String notificationKey = NotificationKey.of(received);
        Instant now = clock.instant();
        String rawPayload = normalised.json();
        checkQueueMessage(new RawAlertMessage(UNKNOWN_INCIDENT_ID, notificationKey, groupKeyHash, now, rawPayload));
        AlertmanagerWebhook webhook = normalised.webhook();

        Optional<AcceptedNotification> seen = store.findNotification(notificationKey);
        if (seen.isPresent()) {
            ensureQueued(seen.get(), groupKeyHash, rawPayload);
            return new Receipt(seen.get().incidentId(), true);
        }

        String incidentId = applyToIncident(groupKeyHash, webhook.alerts(), now);
        AcceptedNotification accepted = new AcceptedNotification(notificationKey, incidentId, now, false);
        if (!store.recordNotification(accepted)) {
            // The same notification (the HA peer's copy) was recorded meanwhile; both applied the
            // same alerts to the same incident, so answer with the recorded one.
            accepted = store.findNotification(notificationKey).orElse(accepted);
        }
        ensureQueued(accepted, groupKeyHash, rawPayload);
        if (operations != null) {
            OperationLog.appendQuietly(operations, new Operation(Operation.idFor(notificationKey, "alert_received"),
                    accepted.incidentId(), "alert_received", "intake",
                    Map.of("alerts", String.valueOf(webhook.alerts().size()), "firing",
                            String.valueOf(webhook.firingCount())),
                    Map.of("incidentId", accepted.incidentId()),
                    java.time.Duration.between(now, clock.instant()).toMillis(), Optional.empty(), now));
        }
        return new Receipt(accepted.incidentId(), false);
    }

    /** Incident ids have a fixed length, so any id measures the message exactly. */
    private static final String UNKNOWN_INCIDENT_ID = "inc_" + "0".repeat(IncidentIds.LENGTH - 4);

    private static void checkQueueMessage(RawAlertMessage message) {
        int bytes = RawAlertEnvelope.sqsBytes(message);
        if (bytes > WebhookLimits.MAX_QUEUE_MESSAGE_BYTES) {
            throw new InvalidWebhookException.TooLarge("the notification would be a raw-alerts queue message of "
                    + bytes
                    + " bytes compressed, over the limit of " + WebhookLimits.MAX_QUEUE_MESSAGE_BYTES
                    + " (limit: queue message size); set max_alerts in the webhook_config or shorten annotations");
        }
    }

    private void ensureQueued(AcceptedNotification notification, String groupKeyHash, String rawPayload) {
        if (notification.queued()) {
            return;
        }
        queue.publish(new RawAlertMessage(notification.incidentId(), notification.key(), groupKeyHash,
                notification.receivedAt(), rawPayload));
        store.markQueued(notification.key());
    }

    private String applyToIncident(String groupKeyHash, List<Alert> alerts, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Alert> opening = alerts;
            Optional<GroupPointer> pointer = store.currentIncident(groupKeyHash);
            if (pointer.isPresent()) {
                Optional<Incident> current = store.find(pointer.get().incidentId());
                if (current.isEmpty()) {
                    // The pointer moved but its incident row was never written (a crash in between).
                    Incident repaired = Incident.open(pointer.get().incidentId(), groupKeyHash, alerts, now);
                    if (store.create(repaired)) {
                        return repaired.id();
                    }
                    continue;
                }
                Incident incident = current.get();
                if (!incident.isSucceededBy(alerts)) {
                    Incident updated = incident.apply(alerts, now);
                    if (updated == incident || store.update(updated)) {
                        return incident.id();
                    }
                    continue;
                }
                opening = incident.unseen(alerts);
            }
            String newId = ids.next();
            if (store.moveCurrentIncident(groupKeyHash, pointer, newId)
                    && store.create(Incident.open(newId, groupKeyHash, opening, now))) {
                return newId;
            }
            // Lost the pointer race, or a concurrent writer saw the pointer before our row existed
            // and wrote the incident itself (the repair above): apply our alerts on the next pass.
        }
        throw new IncidentContentionException(
                "too many concurrent notifications for one group; Alertmanager will retry");
    }

    /** The outcome of accepting a notification. */
    public record Receipt(String incidentId, boolean duplicate) {
    }

    /** Writers kept colliding on one group's incident; transient. */
    public static final class IncidentContentionException extends StoreUnavailableException {
        IncidentContentionException(String message) {
            super(message, null);
        }
    }
}
