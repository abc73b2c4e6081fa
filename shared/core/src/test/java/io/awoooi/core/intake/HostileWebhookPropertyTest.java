package io.awoooi.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.InvalidWebhookException;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookNormaliser;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.alert.WebhookWriter;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentAlert;
import io.awoooi.testing.HostileWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever body arrives, the parser and the limits either refuse it with an
 * {@link InvalidWebhookException} (a 4xx, naming no value) or accept it, and then everything intake
 * produces fits: the queue message within SQS's size and character rule, the normalised JSON read
 * back by the Privacy Shield's parser as the same notification, the incident row within its bounds.
 * Bodies come from {@link HostileWebhooks} (shared/testing; {@code ./awoooi stress fuzz} sends the same
 * kind of bodies to the running stack) with a fixed seed, so a failure is reproducible; the seed and
 * index are in the message. Error details repeat neither the generator's mark nor a planted value.
 */
class HostileWebhookPropertyTest {
    private static final long SEED = 0x5EED_A1E27L;
    private static final int BODIES = 2500;
    /** Put in every generated string: no error detail may ever contain it. */
    private static final String MARK = HostileWebhooks.MARK;

    private enum Outcome {
        MALFORMED,
        SHAPE,
        TOO_LARGE,
        ACCEPTED
    }

    @Test
    void parseAndLimits_onHostileBodies_onlyRefuseTypedOrAcceptWithinEveryLimit() {
        HostileWebhooks bodies = HostileWebhooks.sharedGroups(SEED);
        WebhookParser parser = new WebhookParser();
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        RecordingRawAlertQueue queue = new RecordingRawAlertQueue();
        AlertIntake intake = new AlertIntake(store, queue, Clock.systemUTC());
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

        for (int i = 0; i < BODIES; i++) {
            HostileWebhooks.Body generated = bodies.hostile(i);
            byte[] body = generated.bytes();
            String where = generated.describe(SEED);
            Outcome outcome;
            try {
                AlertmanagerWebhook webhook = parser.parse(body);
                int published = queue.messages().size();
                AlertIntake.Receipt receipt = intake.accept(webhook);
                checkAccepted(where, parser, webhook, store.find(receipt.incidentId()).orElseThrow(), queue, published,
                        receipt.duplicate());
                outcome = Outcome.ACCEPTED;
            } catch (InvalidWebhookException e) {
                assertThat(e.getMessage()).as(where).isNotBlank().doesNotContain(MARK);
                for (String planted : generated.planted()) {
                    assertThat(e.getMessage()).as(where + ": a planted value in the error detail")
                            .doesNotContain(planted);
                }
                outcome = switch (e) {
                    case InvalidWebhookException.MalformedJson m -> Outcome.MALFORMED;
                    case InvalidWebhookException.InvalidShape s -> Outcome.SHAPE;
                    case InvalidWebhookException.TooLarge t -> Outcome.TOO_LARGE;
                };
            } catch (Throwable t) {
                throw new AssertionError(where + ": " + t, t);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        // the generator reaches every outcome, or the property says little
        assertThat(outcomes.keySet()).as(outcomes.toString()).containsExactlyInAnyOrder(Outcome.values());
        assertThat(outcomes.get(Outcome.ACCEPTED)).as(outcomes.toString()).isGreaterThan(BODIES / 10);
    }

    private static void checkAccepted(String where, WebhookParser parser, AlertmanagerWebhook received,
            Incident incident,
            RecordingRawAlertQueue queue, int publishedBefore, boolean duplicate) {
        if (duplicate) {
            return; // the same notification as an earlier body: nothing new was produced
        }
        assertThat(queue.messages()).as(where).hasSize(publishedBefore + 1);
        RawAlertMessage message = queue.messages().get(publishedBefore);
        // the raw-alerts queue message: within SQS's size, SQS-legal characters, inside and out
        assertThat(RawAlertEnvelope.sqsBytes(message)).as(where)
                .isLessThanOrEqualTo(WebhookLimits.MAX_QUEUE_MESSAGE_BYTES);
        assertThat(AlertText.isSqsLegal(RawAlertEnvelope.encode(message))).as(where).isTrue();
        assertThat(AlertText.isSqsLegal(message.rawPayload())).as(where).isTrue();
        int jsonBytes = message.rawPayload().getBytes(StandardCharsets.UTF_8).length;
        assertThat(jsonBytes).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_NOTIFICATION_JSON_BYTES);
        // the Privacy Shield reads it back, as the same notification, with the fingerprints intake used
        AlertmanagerWebhook reread = parser.parse(message.rawPayload().getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookNormaliser.normalise(reread).json()).as(where + ": normalised already")
                .isEqualTo(message.rawPayload());
        assertThat(reread.alerts()).extracting(Alert::key).as(where)
                .containsExactlyElementsOf(received.alerts().stream().map(Alert::key).toList());
        for (Alert a : reread.alerts()) {
            assertThat(WebhookWriter.write(a).length).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_ALERT_JSON_BYTES);
            a.labels().forEach((k, v) -> {
                assertThat(k.length()).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_KEY_CHARS);
                assertThat(AlertText.utf8Length(v)).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_LABEL_VALUE_BYTES);
            });
            a.annotations().values().forEach(v -> assertThat(AlertText.utf8Length(v)).as(where)
                    .isLessThanOrEqualTo(WebhookLimits.MAX_ANNOTATION_VALUE_BYTES));
        }
        // the incident row: bounded count, every stored string bounded (the adapter test on dynalite
        // shows that this worst case fits one DynamoDB item)
        assertThat(incident.alerts().size()).as(where).isLessThanOrEqualTo(Incident.MAX_ALERTS);
        for (IncidentAlert a : incident.alerts()) {
            assertThat(a.fingerprint().length()).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_FINGERPRINT_CHARS);
            assertThat(AlertText.utf8Length(a.alertname())).as(where)
                    .isLessThanOrEqualTo(WebhookLimits.MAX_STORED_ALERTNAME_BYTES);
            assertThat(AlertText.utf8Length(a.severity())).as(where)
                    .isLessThanOrEqualTo(WebhookLimits.MAX_STORED_SEVERITY_BYTES);
            assertThat(AlertText.isSqsLegal(a.alertname() + a.severity())).as(where).isTrue();
            assertThat(a.startsAt().toString().length()).as(where).isLessThanOrEqualTo(30);
        }
    }

}
