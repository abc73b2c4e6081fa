package io.awoooi.core.alert;

import static io.awoooi.core.Webhooks.firing;
import static io.awoooi.core.Webhooks.notification;
import static io.awoooi.core.Webhooks.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookParserTest {
    private final WebhookParser parser = new WebhookParser();

    private AlertmanagerWebhook parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_fullNotificationWithUnknownFields_readsEveryField() {
        // GIVEN a v4 notification with a field newer Alertmanagers add (notification_reason)
        String body = notification("{}:{alertname=\"PostgresDown\"}", "firing",
                firing("PostgresDown", "10.1.2.3:5432", "2026-11-25T03:00:00.123456789Z"));
        // WHEN
        AlertmanagerWebhook webhook = parse(body);
        // THEN
        assertThat(webhook.version()).isEqualTo("4");
        assertThat(webhook.groupKey()).isEqualTo("{}:{alertname=\"PostgresDown\"}");
        assertThat(webhook.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(webhook.receiver()).isEqualTo("awoooi");
        assertThat(webhook.groupLabels()).containsEntry("alertname", "PostgresDown");
        assertThat(webhook.commonLabels()).containsEntry("severity", "critical");
        assertThat(webhook.externalURL()).isEqualTo("http://alertmanager:9093");
        Alert alert = webhook.alerts().get(0);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.alertname()).isEqualTo("PostgresDown");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.labels()).containsEntry("instance", "10.1.2.3:5432");
        assertThat(alert.annotations()).containsKey("summary");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00.123456789Z"));
        assertThat(alert.endsAt()).as("Go zero time means still firing").isEmpty();
        assertThat(alert.generatorURL()).startsWith("http://prometheus");
    }

    @Test
    void parse_missingFingerprint_computesItFromLabels() {
        AlertmanagerWebhook webhook = parse(notification("g", "firing",
                firing("PostgresDown", "10.1.2.3:5432", "2026-11-25T03:00:00Z")));
        Alert alert = webhook.alerts().get(0);
        assertThat(alert.fingerprint()).isEqualTo(LabelFingerprint.of(alert.labels())).hasSize(16);
    }

    @Test
    void parse_givenFingerprint_keepsIt() {
        String alert = firing("A", "h", "2026-11-25T03:00:00Z").replace("\"fingerprint\":\"\"",
                "\"fingerprint\":\"0123456789abcdef\"");
        assertThat(parse(notification("g", "firing", alert)).alerts().get(0).fingerprint())
                .isEqualTo("0123456789abcdef");
    }

    @Test
    void parse_resolvedAlertWithOffsetTime_readsEndsAt() {
        AlertmanagerWebhook webhook = parse(notification("g", "resolved",
                resolved("A", "h", "2026-11-25T03:00:00Z", "2026-11-25T04:30:00+01:00")));
        assertThat(webhook.alerts().get(0).endsAt()).contains(Instant.parse("2026-11-25T03:30:00Z"));
    }

    @Test
    void parse_notJson_throwsMalformedJson() {
        assertThatThrownBy(() -> parse("{\"version\": \"4\", oops"))
                .isInstanceOf(InvalidWebhookException.MalformedJson.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidWebhookException.MalformedJson.class);
        assertThatThrownBy(() -> parse("{} trailing")).isInstanceOf(InvalidWebhookException.MalformedJson.class);
    }

    @Test
    void parse_wrongShapes_throwInvalidShapeNamingTheField() {
        String ok = firing("A", "h", "2026-11-25T03:00:00Z");
        assertShape("[1,2]", "JSON object");
        assertShape(notification("g", "firing", ok).replace("\"version\":\"4\"", "\"version\":\"3\""), "version");
        assertShape(notification("g", "firing", ok).replace("\"version\":\"4\",", ""), "version");
        assertShape(notification("", "firing", ok), "groupKey");
        assertShape(notification("g", "burning", ok), "status");
        assertShape(notification("g", "firing"), "alerts must not be empty");
        assertShape(notification("g", "firing", ok.replace("\"severity\":\"critical\"", "\"severity\":3")),
                "alerts[0].labels");
        assertShape(notification("g", "firing", ok.replace("2026-11-25T03:00:00Z", "yesterday")), "alerts[0].startsAt");
        assertShape(notification("g", "firing", ok, "\"x\""), "alerts[1] must be an object");
        assertShape(notification("g", "firing", ok).replace("\"truncatedAlerts\":0", "\"truncatedAlerts\":-1"),
                "truncatedAlerts");
    }

    @Test
    void parse_invalidValue_neverEchoesItInTheDetail() {
        // GIVEN a label value that is personal data and makes the payload invalid
        String alert = firing("A", "h", "2026-11-25T03:00:00Z").replace("\"startsAt\":\"2026-11-25T03:00:00Z\"",
                "\"startsAt\":\"alice@example.com\"");
        // WHEN / THEN
        assertThatThrownBy(() -> parse(notification("g", "firing", alert)))
                .isInstanceOf(InvalidWebhookException.InvalidShape.class)
                .hasMessageNotContaining("alice@example.com");
    }

    // ---------------------------------------------------------------- the parser's limits (issue #10, 3)

    @Test
    void parse_1001NestedArrays_isMalformedJsonNamingTheDepthLimit() {
        // GIVEN a body Jackson refuses on depth, where it gives no location (was a 500: NullPointerException)
        String body = "[".repeat(1001) + "]".repeat(1001);
        // WHEN / THEN
        assertMalformed(body, "nested deeper than 32 levels");
    }

    @Test
    void parse_nestingInsideAnUnknownField_isMalformedJson() {
        String body = notification("g", "firing", firing("A", "h", "2026-11-25T03:00:00Z"))
                .replace("\"notification_reason\":\"new_alerts\"",
                        "\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40));
        assertMalformed(body, "nested deeper");
    }

    @Test
    void parse_1001DigitNumber_isMalformedJsonNamingTheNumberLimit() {
        assertMalformed("1".repeat(1001), "number longer than 64");
        String body = notification("g", "firing", firing("A", "h", "2026-11-25T03:00:00Z"))
                .replace("\"truncatedAlerts\":0", "\"truncatedAlerts\":" + "9".repeat(1001));
        assertMalformed(body, "number longer than 64");
    }

    @Test
    void parse_50000CharacterKey_isMalformedJsonNamingTheKeyLimit() {
        String key = "k".repeat(50_000);
        assertMalformed("{\"" + key + "\":1}", "key");
        String body = notification("g", "firing", firing("A", "h", "2026-11-25T03:00:00Z")
                .replace("\"severity\":", "\"" + key + "\":\"x\",\"severity\":"));
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("longer than 1024 characters").hasMessageNotContaining("kkkk");
    }

    @Test
    void parse_hugeString_isMalformedJsonNamingTheStringLimit() {
        byte[] body = ("\"" + "s".repeat(WebhookLimits.MAX_STRING_CHARS + 1) + "\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("limit");
    }

    @Test
    void parse_duplicateKey_namesTheProblemButNotTheKey() {
        // GIVEN a label name that is personal data, twice
        String alert = firing("A", "h", "2026-11-25T03:00:00Z")
                .replace("\"severity\":", "\"alice@example.com\":\"1\",\"alice@example.com\":\"2\",\"severity\":");
        assertThatThrownBy(() -> parse(notification("g", "firing", alert)))
                .isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("same key twice")
                .hasMessageContaining("line")
                .hasMessageNotContaining("alice");
    }

    @Test
    void parse_invalidUtf8_isMalformedJson() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void parse_truncatedAndTrailingJson_namesTheProblem() {
        assertMalformed("{\"version\":\"4\"", "ends before");
        assertMalformed("{} {}", "more after");
    }

    @Test
    void parse_timeOutsideYears1To9999_isInvalidShape() {
        String alert = firing("A", "h", "2026-11-25T03:00:00Z");
        assertShape(notification("g", "firing", alert.replace("2026-11-25T03:00:00Z", "+10000-01-01T00:00:00Z")),
                "between the years 1 and 9999");
        assertShape(notification("g", "firing", alert.replace("2026-11-25T03:00:00Z", "-0001-01-01T00:00:00Z")),
                "between the years 1 and 9999");
    }

    @Test
    void parse_controlCharactersAndSurrogatesInStrings_areReadAsTheyAre() {
        // escaping them is the normaliser's job (WebhookNormaliser); the parser reads what was sent
        String alert = firing("A", "h\\u0000\\uffff\\ud800", "2026-11-25T03:00:00Z");
        assertThat(parse(notification("g", "firing", alert)).alerts().get(0).labels().get("instance"))
                .isEqualTo("h" + (char) 0 + (char) 0xFFFF + (char) 0xD800);
    }

    private void assertMalformed(String body, String detailPart) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining(detailPart);
    }

    private void assertShape(String body, String detailPart) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvalidWebhookException.InvalidShape.class)
                .hasMessageContaining(detailPart);
    }
}
