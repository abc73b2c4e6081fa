package io.awoooi.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever body arrives, the parser and the limits either refuse it with an
 * {@link InvalidWebhookException} (a 4xx, naming no value) or accept it, and then everything intake
 * produces fits: the queue message within SQS's size and character rule, the normalised JSON read
 * back by the Privacy Shield's parser as the same notification, the incident row within its bounds.
 * Bodies come from a fixed seed, so a failure is reproducible; the seed and index are in the message.
 */
class HostileWebhookPropertyTest {
    private static final long SEED = 0x5EED_A1E27L;
    private static final int BODIES = 2500;
    /** Put in every generated string: no error detail may ever contain it. */
    private static final String MARK = "PIIMARK";
    private static final String SHELL = "$(rm -rf /)`id`;|&><'\"\\*?~!#{}[]";
    private static final String T_OK = "2026-11-25T03:00:00Z";

    private enum Outcome { MALFORMED, SHAPE, TOO_LARGE, ACCEPTED }

    @Test
    void parseAndLimits_onHostileBodies_onlyRefuseTypedOrAcceptWithinEveryLimit() {
        Random random = new Random(SEED);
        WebhookParser parser = new WebhookParser();
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        RecordingRawAlertQueue queue = new RecordingRawAlertQueue();
        AlertIntake intake = new AlertIntake(store, queue, Clock.systemUTC());
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

        for (int i = 0; i < BODIES; i++) {
            byte[] body = body(random, i);
            String where = "body " + i + " of seed " + SEED;
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

    private static void checkAccepted(String where, WebhookParser parser, AlertmanagerWebhook received, Incident incident,
            RecordingRawAlertQueue queue, int publishedBefore, boolean duplicate) {
        if (duplicate) {
            return; // the same notification as an earlier body: nothing new was produced
        }
        assertThat(queue.messages()).as(where).hasSize(publishedBefore + 1);
        RawAlertMessage message = queue.messages().get(publishedBefore);
        // the raw-alerts queue message: within SQS's size, SQS-legal characters, inside and out
        assertThat(RawAlertEnvelope.sqsBytes(message)).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_QUEUE_MESSAGE_BYTES);
        assertThat(AlertText.isSqsLegal(RawAlertEnvelope.encode(message))).as(where).isTrue();
        assertThat(AlertText.isSqsLegal(message.rawPayload())).as(where).isTrue();
        int jsonBytes = message.rawPayload().getBytes(StandardCharsets.UTF_8).length;
        assertThat(jsonBytes).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_NOTIFICATION_JSON_BYTES);
        // the Privacy Shield reads it back, as the same notification, with the fingerprints intake used
        AlertmanagerWebhook reread = parser.parse(message.rawPayload().getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookNormaliser.normalise(reread).json()).as(where + ": normalised already").isEqualTo(message.rawPayload());
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
            assertThat(AlertText.utf8Length(a.alertname())).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_ALERTNAME_BYTES);
            assertThat(AlertText.utf8Length(a.severity())).as(where).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_SEVERITY_BYTES);
            assertThat(AlertText.isSqsLegal(a.alertname() + a.severity())).as(where).isTrue();
            assertThat(a.startsAt().toString().length()).as(where).isLessThanOrEqualTo(30);
        }
    }

    // ---------------------------------------------------------------- the generator

    /** Whether this body breaks structure often (wild) or only now and then (hostile content, mostly well formed). */
    private static boolean wild;

    /** One in n, in a wild body; one in n * 20 otherwise. */
    private static boolean breaks(Random r, int n) {
        return r.nextInt(wild ? n : n * 20) == 0;
    }

    private static byte[] body(Random r, int i) {
        int kind = i % 10;
        wild = kind < 4 || i % 3 == 0;
        String text = switch (kind) {
            case 0, 1 -> value(r, 0, 1 + r.nextInt(40));                  // any JSON, deeply nested at times
            case 2 -> mutate(r, webhook(r));                            // a webhook with broken bytes
            case 3 -> webhook(r).replace("\"", r.nextBoolean() ? "'" : ""); // JSON-ish
            default -> webhook(r);                                       // webhook-shaped, hostile content
        };
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (kind == 2 && bytes.length > 0 && r.nextInt(3) == 0) {
            bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x80)); // invalid UTF-8 at times
        }
        return bytes;
    }

    private static String webhook(Random r) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, r, "version", breaks(r, 20) ? value(r, 0, 2) : json("4"));
        field(sb, r, "groupKey", breaks(r, 10) ? value(r, 0, 2) : json(r.nextInt(4) == 0 ? hostile(r) : "{}:{g=\"" + r.nextInt(50) + "\"}"));
        field(sb, r, "truncatedAlerts", breaks(r, 8) ? number(r) : "0");
        field(sb, r, "status", json(breaks(r, 15) ? hostile(r) : r.nextBoolean() ? "firing" : "resolved"));
        field(sb, r, "receiver", json(r.nextInt(3) == 0 ? hostile(r) : "awoooi"));
        field(sb, r, "groupLabels", labels(r));
        field(sb, r, "commonLabels", labels(r));
        field(sb, r, "commonAnnotations", labels(r));
        field(sb, r, "externalURL", json(r.nextInt(3) == 0 ? hostile(r) : "http://alertmanager:9093"));
        if (r.nextInt(4) == 0) {
            field(sb, r, breaks(r, 4) ? hostile(r) : mild(r), value(r, 0, 1 + r.nextInt(6))); // an unknown field
        }
        int alerts = r.nextInt(30) == 0 ? 1001 : breaks(r, 12) ? 0 : 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 5);
        sb.append("\"alerts\":[");
        for (int a = 0; a < alerts; a++) {
            sb.append(a == 0 ? "" : ",").append(alerts > 100 ? minimalAlert(a) : alert(r));
        }
        return sb.append("]}").toString();
    }

    private static String alert(Random r) {
        if (breaks(r, 40)) {
            return value(r, 0, 3);
        }
        StringBuilder sb = new StringBuilder("{");
        field(sb, r, "status", json(breaks(r, 20) ? hostile(r) : r.nextBoolean() ? "firing" : "resolved"));
        field(sb, r, "labels", breaks(r, 30) ? "{}" : labels(r));
        field(sb, r, "annotations", labels(r));
        field(sb, r, "startsAt", breaks(r, 15) ? value(r, 0, 1) : json(time(r)));
        field(sb, r, "endsAt", breaks(r, 15) ? value(r, 0, 1) : json(r.nextBoolean() ? "0001-01-01T00:00:00Z" : time(r)));
        field(sb, r, "generatorURL", json(r.nextInt(3) == 0 ? hostile(r) : "http://prometheus:9090/graph"));
        field(sb, r, "fingerprint", switch (r.nextInt(6)) {
            case 0 -> json(breaks(r, 1) ? hostile(r) : "");
            case 1 -> json("f".repeat(1 + r.nextInt(breaks(r, 2) ? 3000 : 70)));
            case 2, 3 -> json(String.format("%016x", r.nextLong()));
            default -> json("");
        });
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    private static String minimalAlert(int i) {
        return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"i\":\"" + i + "\"},\"startsAt\":\"" + T_OK + "\"}";
    }

    private static String labels(Random r) {
        if (breaks(r, 25)) {
            return value(r, 0, 2);
        }
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(r.nextInt(10) == 0 ? 40 : 6);
        if (r.nextBoolean() || !breaks(r, 2)) {
            sb.append("\"alertname\":").append(json(r.nextInt(4) == 0 ? hostile(r) : "A" + r.nextInt(5))).append(',');
        }
        for (int i = 0; i < n; i++) {
            String key = (r.nextInt(3) == 0 ? (breaks(r, 2) ? hostile(r) : mild(r)) : "k") + i;
            if (breaks(r, 30)) {
                key = "k".repeat(900 + r.nextInt(300)) + i; // around the key limit
            }
            sb.append(json(key)).append(':').append(breaks(r, 25) ? value(r, 0, 2) : json(hostile(r))).append(',');
        }
        if (sb.length() > 1) {
            sb.setLength(sb.length() - 1);
        }
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, Random r, String name, String value) {
        if (breaks(r, 40)) {
            return; // left out
        }
        sb.append(json(name)).append(':').append(value).append(',');
        if (breaks(r, 200)) {
            sb.append(json(name)).append(':').append(value).append(','); // the same key twice
        }
    }

    private static String time(Random r) {
        return switch (breaks(r, 1) ? r.nextInt(8) : 2 + r.nextInt(6)) {
            case 0 -> hostile(r);
            case 1 -> "+10000-01-01T00:00:00Z";
            case 2 -> "2026-11-25T03:00:00." + "9".repeat(1 + r.nextInt(9)) + "+01:00";
            default -> "2026-11-2" + r.nextInt(10) + "T0" + r.nextInt(10) + ":00:00Z";
        };
    }

    /** Text with whatever can hurt: controls, non-characters, lone surrogates, shell, long runs, the mark. */
    private static String hostile(Random r) {
        StringBuilder sb = new StringBuilder(MARK);
        int parts = 1 + r.nextInt(6);
        for (int p = 0; p < parts; p++) {
            switch (r.nextInt(10)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append(r.nextBoolean() ? '\uFFFF' : '\uFFFE').append('\uFDD0');
                case 2 -> sb.append((char) (0xD800 + r.nextInt(0x800)));             // a lone surrogate, high or low
                case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));        // any supplementary, incl. non-characters
                case 4 -> sb.append("\r\n\t");
                case 5 -> sb.append(SHELL);
                case 6 -> sb.append((char) r.nextInt(0x10000));
                case 7 -> sb.append("é☃\u202E\u0085\u007F");
                case 8 -> sb.append(String.valueOf((char) ('a' + r.nextInt(26)))
                        .repeat(r.nextInt(3000) == 0 ? 200_000 : r.nextInt(50) == 0 ? r.nextInt(9000) : r.nextInt(50)));
                default -> sb.append("\\u0000 \\uD800 plain");
            }
        }
        return sb.toString();
    }

    /** Text for a label name: hostile, but nothing a JSON key cannot hold (no lone surrogate). */
    private static String mild(Random r) {
        StringBuilder sb = new StringBuilder(MARK);
        switch (r.nextInt(5)) {
            case 0 -> sb.append((char) r.nextInt(0x20));
            case 1 -> sb.append('\uFFFF').append('\uFDEF');
            case 2 -> sb.appendCodePoint(0x1FFFE + 0x10000 * r.nextInt(16));
            case 3 -> sb.append(SHELL);
            default -> sb.append("\r\n\t é");
        }
        return sb.toString();
    }

    /** A random JSON value; at random a number far too long or nesting far too deep. */
    private static String value(Random r, int depth, int maxDepth) {
        int pick = depth >= maxDepth ? r.nextInt(4) : r.nextInt(6);
        return switch (pick) {
            case 0 -> json(hostile(r));
            case 1 -> number(r);
            case 2 -> r.nextBoolean() ? "true" : "null";
            case 3 -> "false";
            case 4 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(value(r, depth + 1, maxDepth));
                }
                yield sb.append(']').toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(json(r.nextBoolean() ? "k" + i : hostile(r))).append(':')
                            .append(value(r, depth + 1, maxDepth));
                }
                yield sb.append('}').toString();
            }
        };
    }

    private static String number(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "1".repeat(1 + r.nextInt(1200));
            case 1 -> "-" + r.nextInt();
            case 2 -> "1e" + r.nextInt(999_999);
            case 3 -> "0." + "5".repeat(r.nextInt(100));
            case 4 -> Long.toString(r.nextLong());
            default -> Integer.toString(r.nextInt(100));
        };
    }

    private static String mutate(Random r, String text) {
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.setLength(at);
                case 1 -> sb.insert(at, "[[[{\"");
                case 2 -> sb.setCharAt(at, (char) r.nextInt(0x80));
                default -> sb.insert(at, (char) r.nextInt(0x20));
            }
        }
        return sb.toString();
    }

    /**
     * A JSON string literal. Control characters and, at random, surrogates and non-characters are
     * written as JSON escapes; otherwise they go in raw (a raw control character is invalid JSON, a
     * raw lone surrogate becomes '?' in UTF-8).
     */
    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c >= 0xFFFE) {
                boolean raw = c < 0x20 ? wild && (c * 7 + i) % 41 == 0 : wild && (c + i) % 3 == 0;
                if (raw) {
                    sb.append(c);
                } else {
                    sb.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
