package io.awoooi.core.intake;

import static io.awoooi.core.Webhooks.firing;
import static io.awoooi.core.Webhooks.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.InvalidWebhookException;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every limit is checked before intake reads or writes anything (issue #10, 4): a refused
 * notification leaves no trace, an accepted one fits every message and row it causes.
 */
class AlertIntakeLimitsTest {
    private static final String T1 = "2026-11-25T03:00:00Z";
    private final InMemoryIncidentStore backing = new InMemoryIncidentStore();
    private final AtomicInteger storeCalls = new AtomicInteger();
    private final IncidentStore store = counting(backing, storeCalls);
    private final RecordingRawAlertQueue queue = new RecordingRawAlertQueue();
    private final AlertIntake intake = new AlertIntake(store, queue, Clock.systemUTC());

    private static AlertmanagerWebhook parse(String body) {
        return new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void accept_incompressibleMegabyteBody_isRefusedBeforeAnyStoreCall() {
        // GIVEN ~1,021,661 bytes of random text over many alerts (was: incident created, then 413)
        String body = randomAlerts(new Random(7), 158, 6300);
        assertThat(body.length()).isBetween(1_000_000, WebhookLimits.MAX_BODY_BYTES);
        // WHEN / THEN refused, and neither the store nor the queue was touched
        assertThatThrownBy(() -> intake.accept(parse(body))).isInstanceOf(InvalidWebhookException.TooLarge.class);
        assertNoTrace();
    }

    @Test
    void accept_fitsAsJsonButNotCompressedOnTheQueue_isRefusedBeforeAnyStoreCall() {
        // GIVEN 400 KB of random text: under the 512 KiB of normalised JSON, but base64 of its gzip is over 256 KiB
        String body = randomAlerts(new Random(11), 64, 6250);
        assertThat(body.length()).isBetween(400_000, WebhookLimits.MAX_NOTIFICATION_JSON_BYTES);
        assertThatThrownBy(() -> intake.accept(parse(body))).isInstanceOf(InvalidWebhookException.TooLarge.class)
                .hasMessageContaining("limit: queue message size");
        assertNoTrace();
    }

    @Test
    void accept_justUnderTheQueueLimit_isAcceptedAndTheMessageIsWithinIt() {
        // GIVEN random text sized so that the queue message is a little under 256 KiB
        String body = randomAlerts(new Random(13), 38, 6250);
        // WHEN
        intake.accept(parse(body));
        // THEN the message published has the size intake measured, within the limit
        RawAlertMessage sent = queue.messages().get(0);
        assertThat(RawAlertEnvelope.sqsBytes(sent)).isBetween(200_000, WebhookLimits.MAX_QUEUE_MESSAGE_BYTES);
        assertThat(RawAlertEnvelope.sqsBytes(sent)).as("measured with a stand-in id of the same length")
                .isEqualTo(
                        RawAlertEnvelope.sqsBytes(new RawAlertMessage("inc_" + "0".repeat(26), sent.notificationKey(),
                                sent.groupKeyHash(), sent.receivedAt(), sent.rawPayload())));
    }

    @Test
    void accept_fingerprintOf2KB_isRefusedBeforeAnyStoreCall() {
        String body = notification("g", "firing", firing("A", "h", T1).replace("\"fingerprint\":\"\"",
                "\"fingerprint\":\"" + "a".repeat(2048) + "\""));
        assertThatThrownBy(() -> intake.accept(parse(body))).isInstanceOf(InvalidWebhookException.InvalidShape.class);
        assertNoTrace();
    }

    @Test
    void accept_450000CharacterAlertname_isAcceptedWithRowAndMessageWithinLimits() {
        // GIVEN an alertname DynamoDB could not store (was: 500 after the group pointer moved)
        String body = notification("g-long", "firing", firing("N".repeat(450_000), "h", T1));
        // WHEN
        AlertIntake.Receipt receipt = intake.accept(parse(body));
        // THEN the incident row keeps a short name with the marker, the queue the normalised one
        Incident incident = backing.find(receipt.incidentId()).orElseThrow();
        String stored = incident.alerts().get(0).alertname();
        assertThat(AlertText.utf8Length(stored)).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_ALERTNAME_BYTES);
        assertThat(stored).startsWith("NNN").contains("…[truncated ");
        AlertmanagerWebhook queued = parse(queue.messages().get(0).rawPayload());
        assertThat(AlertText.utf8Length(queued.alerts().get(0).alertname()))
                .isLessThanOrEqualTo(WebhookLimits.MAX_LABEL_VALUE_BYTES);
        assertThat(queued.alerts().get(0).fingerprint()).isEqualTo(parse(body).alerts().get(0).fingerprint());
    }

    @Test
    void accept_hostileCharacters_queueCarriesTheEscapedNotificationWithTheReceivedIdentity() {
        String alert = firing("A", "h", T1).replace("\"severity\":\"critical\"",
                "\"severity\":\"crit\\u0000\",\"k\\uffff\":\"v\\ud800\"");
        String body = notification("g\\u0000", "firing", alert);
        AlertmanagerWebhook received = parse(body);
        AlertIntake.Receipt receipt = intake.accept(received);
        RawAlertMessage sent = queue.messages().get(0);
        assertThat(AlertText.isSqsLegal(sent.rawPayload())).isTrue();
        AlertmanagerWebhook queued = parse(sent.rawPayload());
        assertThat(queued.alerts().get(0).labels()).containsEntry("k\\uFFFF", "v\\uD800").containsEntry("severity",
                "crit\\u0000");
        assertThat(sent.groupKeyHash()).isEqualTo(io.awoooi.core.incident.GroupKeyHash.of(received.groupKey()));
        assertThat(sent.notificationKey()).isEqualTo(io.awoooi.core.incident.NotificationKey.of(received));
        assertThat(backing.find(receipt.incidentId()).orElseThrow().alerts().get(0).severity())
                .isEqualTo("crit\\u0000");
    }

    private void assertNoTrace() {
        assertThat(storeCalls).as("store calls").hasValue(0);
        assertThat(queue.attempts()).as("queue attempts").isZero();
    }

    /** A notification of n alerts, each with an annotation of random base64-alphabet text. */
    static String randomAlerts(Random random, int n, int noiseChars) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder noise = new StringBuilder(noiseChars);
            for (int c = 0; c < noiseChars; c++) {
                noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            alerts.add(firing("A", "h" + i, T1).replace("\"summary\":", "\"noise\":\"" + noise + "\",\"summary\":"));
        }
        return notification("g-" + random.nextInt(), "firing", alerts.toArray(String[]::new));
    }

    private static IncidentStore counting(IncidentStore delegate, AtomicInteger calls) {
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(delegate, args);
                    }
                    calls.incrementAndGet();
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
