package io.awoooi.core.shield;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.intake.RawAlertMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Use case: pseudonymize one raw notification. Order matters for durability: vault rows first (a
 * label is never shown before its value is sealed), then the redacted alerts on the incident, then
 * the event for the analysis; the raw message is acknowledged only after all three. Every step is
 * idempotent, so a redelivered message produces the same labels and the same event. The leak guard
 * checks the encoded event (alerts included) after the vault and before the alerts are stored: a
 * value the shield missed reaches neither the incident API nor the analysis.
 */
public final class RedactNotification {
    static final int MAX_ATTEMPTS = 3;
    public static final String CHANNEL = "incidents-queue";

    private final WebhookParser parser = new WebhookParser();
    private final Vault vault;
    private final Pseudonymizer pseudonymizer;
    private final RedactedAlertStore alerts;
    private final IncidentEventQueue queue;
    private final LeakGuard guard;
    private final OperationLog operations;

    public RedactNotification(Vault vault, Pseudonymizer pseudonymizer, RedactedAlertStore alerts,
            IncidentEventQueue queue, LeakGuard guard) {
        this(vault, pseudonymizer, alerts, queue, guard, null);
    }

    /** @param operations where "redacted" is logged, chained to intake's alert_received (null: not logged) */
    public RedactNotification(Vault vault, Pseudonymizer pseudonymizer, RedactedAlertStore alerts,
            IncidentEventQueue queue, LeakGuard guard, OperationLog operations) {
        this.vault = vault;
        this.pseudonymizer = pseudonymizer;
        this.alerts = alerts;
        this.queue = queue;
        this.guard = guard;
        this.operations = operations;
    }

    public Outcome redact(RawAlertMessage raw) {
        java.time.Instant started = java.time.Instant.now();
        AlertmanagerWebhook webhook = parser.parse(raw.rawPayload().getBytes(StandardCharsets.UTF_8));
        IncidentEvent event = null;
        int labelsAdded = 0;
        java.util.Map<String, Integer> labelsByType = java.util.Map.of();
        for (int attempt = 1; event == null; attempt++) {
            LabelBook book = vault.open(raw.incidentId());
            IncidentEvent candidate = pseudonymize(raw, webhook, book);
            try {
                vault.seal(book);
                event = candidate;
                labelsAdded = book.added().size();
                labelsByType = countByType(book.added());
            } catch (VaultConflictException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
        // the guard reads the whole event (every key and value of the alerts too) before anything of it
        // is stored: the redacted alerts are what the incident API serves
        String body = IncidentEventCodec.encode(event);
        // fingerprints are identifiers (hex hashes), not text: one can read as a card number by chance
        java.util.Set<String> fingerprints = new java.util.HashSet<>();
        event.alerts().forEach(a -> fingerprints.add(a.fingerprint()));
        guard.check(CHANNEL, raw.incidentId(), body, fingerprints);
        alerts.save(raw.incidentId(), event.alerts());
        queue.publish(event, body);
        if (operations != null) {
            java.time.Instant at = java.time.Instant.now();
            OperationLog.appendQuietly(operations, new Operation(Operation.idFor(raw.notificationKey(), "redacted"),
                    raw.incidentId(), "redacted", "redaction",
                    java.util.Map.of("alerts", String.valueOf(event.alerts().size())),
                    java.util.Map.of("labelsAdded", String.valueOf(labelsAdded)),
                    java.time.Duration.between(started, at).toMillis(),
                    java.util.Optional.of(Operation.idFor(raw.notificationKey(), "alert_received")), at));
        }
        return new Outcome(raw.incidentId(), event.alerts().size(), labelsAdded, labelsByType);
    }

    private static java.util.Map<String, Integer> countByType(List<LabelBook.NewEntry> added) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        added.forEach(e -> counts.merge(e.label().type().name(), 1, Integer::sum));
        return java.util.Map.copyOf(counts);
    }

    private IncidentEvent pseudonymize(RawAlertMessage raw, AlertmanagerWebhook webhook, LabelBook book) {
        pseudonymizer.learnNames(webhook.commonLabels(), book);
        webhook.alerts().forEach(a -> pseudonymizer.learnNames(a.labels(), book));
        List<RedactedAlert> redacted = new ArrayList<>();
        for (Alert a : webhook.alerts()) {
            redacted.add(new RedactedAlert(a.fingerprint(), a.startsAt(), a.status(), a.endsAt(),
                    pseudonymizer.redactLabels(a.labels(), book),
                    pseudonymizer.redactLabels(a.annotations(), book),
                    pseudonymizer.redact(a.generatorURL(), book)));
        }
        return new IncidentEvent(raw.incidentId(), raw.notificationKey(), raw.groupKeyHash(), webhook.status(),
                raw.receivedAt(), pseudonymizer.redactLabels(webhook.groupLabels(), book),
                pseudonymizer.redactLabels(webhook.commonLabels(), book),
                pseudonymizer.redactLabels(webhook.commonAnnotations(), book), redacted);
    }

    /** What one redaction did: counts only (labels by their PII type's name). */
    public record Outcome(String incidentId, int alerts, int labelsAdded, java.util.Map<String, Integer> labelsByType) {
        public Outcome(String incidentId, int alerts, int labelsAdded) {
            this(incidentId, alerts, labelsAdded, java.util.Map.of());
        }
    }
}
