package io.awoooi.core.intake;

import static io.awoooi.core.Webhooks.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.InMemoryVaultStore;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.core.shield.RedactNotification;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.shield.Vault;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What intake queues is what the Privacy Shield can finish (issue #10, 1): a notification with
 * characters SQS refuses, once normalised by intake, becomes an incident event SQS accepts. The
 * control shows the same notification passed on as received does not.
 */
class NormalisedNotificationThroughTheShieldTest {
    private static final String HOSTILE_ALERT = """
            {"status":"firing","labels":{"alertname":"%s","severity":"critical","instance":"10.1.2.3:5432","k\\uffff":"v\\u0000\\uffff\\ud800"},
             "annotations":{"description":"down\\u0000 at 10.1.2.3 \\ufffe"},
             "startsAt":"2026-11-25T03:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":""}""";

    private final List<String> events = new ArrayList<>();
    private final List<RedactedAlert> rows = new ArrayList<>();
    private final PiiScanner scanner = new PiiScanner();
    private final RedactNotification shield = new RedactNotification(
            new Vault(new InMemoryVaultStore(), new LocalKeyRing(), Clock.systemUTC()),
            new Pseudonymizer(scanner, false),
            new RedactedAlertStore() {
                @Override
                public void save(String incidentId, List<RedactedAlert> alerts) {
                    rows.addAll(alerts);
                }

                @Override
                public List<RedactedAlert> alerts(String incidentId) {
                    return rows;
                }
            },
            (event, body) -> events.add(body),
            new LeakGuard(scanner, report -> {
            }, Clock.systemUTC()));

    @Test
    void redact_whatIntakeQueued_givesAnSqsLegalEventAndBoundedRows() {
        // GIVEN a notification with a NUL, U+FFFE/U+FFFF, a lone surrogate and a 450,000-character alertname
        String body = notification("g", "firing", HOSTILE_ALERT.formatted("N".repeat(450_000)));
        RecordingRawAlertQueue queue = new RecordingRawAlertQueue();
        new AlertIntake(new InMemoryIncidentStore(), queue, Clock.systemUTC())
                .accept(new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8)));
        // WHEN the Privacy Shield takes the queued message
        shield.redact(queue.messages().get(0));
        // THEN its incident event is a body SQS accepts, and the redacted row is small
        String event = events.get(0);
        assertThat(AlertText.isSqsLegal(event)).isTrue();
        assertThat(event).contains("[IP_1]").doesNotContain("10.1.2.3").contains("\\\\u0000", "\\\\uFFFF", "\\\\uD800");
        assertThat(event.getBytes(StandardCharsets.UTF_8).length).isLessThan(WebhookLimits.MAX_NOTIFICATION_JSON_BYTES);
        RedactedAlert row = rows.get(0);
        assertThat(AlertText.utf8Length(row.labels().get("alertname")))
                .isLessThanOrEqualTo(WebhookLimits.MAX_LABEL_VALUE_BYTES);
    }

    @Test
    void redact_notificationAsReceived_givesAnEventSqsRefuses() {
        // the control: without intake's normalisation the same notification cannot be sent on
        String body = notification("g", "firing", HOSTILE_ALERT.formatted("PostgresDown"));
        shield.redact(new RawAlertMessage("inc_" + "0".repeat(26), "nk", "gkh", java.time.Instant.now(), body));
        assertThat(AlertText.isSqsLegal(events.get(0))).isFalse();
    }
}
