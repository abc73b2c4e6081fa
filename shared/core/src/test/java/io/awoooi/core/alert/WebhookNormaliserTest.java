package io.awoooi.core.alert;

import static io.awoooi.core.Webhooks.firing;
import static io.awoooi.core.Webhooks.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookNormaliserTest {
    private static final String T1 = "2026-11-25T03:00:00Z";
    private final WebhookParser parser = new WebhookParser();

    private AlertmanagerWebhook parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private WebhookNormaliser.Normalised normalise(String body) {
        return WebhookNormaliser.normalise(parse(body));
    }

    /** An alert whose labels and annotations are given as JSON members. */
    private static String alert(String labels, String annotations, String fingerprint) {
        return """
                {"status":"firing","labels":{"alertname":"A",%s},"annotations":{%s},
                 "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}
                """.formatted(labels, annotations, T1, fingerprint);
    }

    // ---------------------------------------------------------------- characters (issue #10, 1)

    @Test
    void normalise_nulNonCharacterAndLoneSurrogateInLabelKeysAndValues_areEscapedVisibly() {
        // GIVEN label names and values with a NUL, U+FFFF and a lone surrogate (JSON escapes)
        String body = notification("g", "firing", alert(
                "\"k\\u0000ey\":\"v\\u0000al\",\"n\\uffff\":\"v\\uffff\",\"s\":\"v\\udc00x\\ud800\"",
                "\"d\\u0000\":\"t\\u0007\\uffff\"", ""));
        // WHEN
        AlertmanagerWebhook n = normalise(body).webhook();
        // THEN every one is written out as text, and nothing SQS refuses is left
        Alert a = n.alerts().get(0);
        assertThat(a.labels()).containsEntry("k\\u0000ey", "v\\u0000al")
                .containsEntry("n\\uFFFF", "v\\uFFFF")
                .containsEntry("s", "v\\uDC00x\\uD800");
        assertThat(a.annotations()).containsEntry("d\\u0000", "t\\u0007\\uFFFF");
        assertThat(AlertText.isSqsLegal(normalise(body).json())).isTrue();
    }

    @Test
    void parse_loneSurrogateInALabelKey_isRefusedAsMalformedJsonNamingIt() {
        // the JSON parser itself cannot read a lone surrogate in a key (it is no UTF-8): 400, with the reason
        String body = notification("g", "firing", alert("\"s\\ud800\":\"v\"", "", ""));
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("lone surrogate");
        String low = notification("g", "firing", alert("\"s\\udc00\":\"v\"", "", ""));
        assertThatThrownBy(() -> parse(low)).isInstanceOf(InvalidWebhookException.MalformedJson.class)
                .hasMessageContaining("lone surrogate");
    }

    @Test
    void normalise_keepsIdentity_fingerprintFromLabelsAsReceivedNotAsEscaped() {
        // GIVEN an alert without fingerprint (older Alertmanager) and one with Alertmanager's own
        String received = notification("g", "firing",
                alert("\"instance\":\"h\\u0000\"", "", ""),
                alert("\"instance\":\"h\\u0000\"", "", "00ff00ff00ff00ff").replace(T1, "2026-11-25T03:01:00Z"));
        AlertmanagerWebhook parsed = parse(received);
        // WHEN
        AlertmanagerWebhook n = WebhookNormaliser.normalise(parsed).webhook();
        // THEN the computed one is Alertmanager's hash of the labels it sent, the given one is kept
        assertThat(n.alerts().get(0).fingerprint())
                .isEqualTo(LabelFingerprint.of(parsed.alerts().get(0).labels()))
                .isNotEqualTo(LabelFingerprint.of(n.alerts().get(0).labels()));
        assertThat(n.alerts().get(1).fingerprint()).isEqualTo("00ff00ff00ff00ff");
        assertThat(n.alerts()).extracting(Alert::key).containsExactlyElementsOf(
                parsed.alerts().stream().map(Alert::key).toList());
    }

    @Test
    void normalise_namesThatCollideOnceEscaped_areRefusedNotMerged() {
        String body = notification("g", "firing", alert("\"k\\u0000\":\"1\",\"k\\\\u0000\":\"2\"", "", ""));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.InvalidShape.class)
                .hasMessageContaining("alerts[0].labels has two names that are the same once");
    }

    @Test
    void normalise_nameTooLongOnceEscaped_isRefused() {
        // 200 NULs: 200 characters as sent, 1,200 once escaped, over the 1,024 a key may have
        String body = notification("g", "firing", alert("\"" + "\\u0000".repeat(200) + "\":\"v\"", "", ""));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.InvalidShape.class)
                .hasMessageContaining("name longer than 1024 characters once");
    }

    // ---------------------------------------------------------------- sizes (issue #10, 1 and 4)

    @Test
    void normalise_450000CharacterAlertname_isCutWithAMarker() {
        String name = "N".repeat(450_000);
        String body = notification("g", "firing", firing(name, "h", T1));
        AlertmanagerWebhook n = normalise(body).webhook();
        String cut = n.alerts().get(0).alertname();
        assertThat(AlertText.utf8Length(cut)).isLessThanOrEqualTo(WebhookLimits.MAX_LABEL_VALUE_BYTES);
        assertThat(cut).startsWith("NNNN").contains("…[truncated ");
        // the annotation quoting it too (8 KiB), and the fingerprint is still the labels' as sent
        assertThat(AlertText.utf8Length(n.alerts().get(0).annotations().get("summary")))
                .isLessThanOrEqualTo(WebhookLimits.MAX_ANNOTATION_VALUE_BYTES);
        assertThat(n.alerts().get(0).fingerprint()).isEqualTo(parse(body).alerts().get(0).fingerprint());
    }

    @Test
    void normalise_longAnnotationAndUrls_areCutToTheirLimits() {
        String body = notification("g", "firing",
                alert("\"x\":\"y\"", "\"runbook\":\"" + "r".repeat(100_000) + "\"", "")
                        .replace("\"generatorURL\":\"\"", "\"generatorURL\":\"http://p/" + "u".repeat(10_000) + "\""))
                .replace("\"receiver\":\"awoooi\"", "\"receiver\":\"" + "q".repeat(5000) + "\"")
                .replace("\"externalURL\":\"http://alertmanager:9093\"",
                        "\"externalURL\":\"" + "e".repeat(9000) + "\"");
        AlertmanagerWebhook n = normalise(body).webhook();
        assertThat(AlertText.utf8Length(n.alerts().get(0).annotations().get("runbook"))).isBetween(8000, 8192);
        assertThat(AlertText.utf8Length(n.alerts().get(0).generatorURL())).isBetween(4000, 4096);
        assertThat(AlertText.utf8Length(n.receiver())).isBetween(1000, 1024);
        assertThat(AlertText.utf8Length(n.externalURL())).isBetween(4000, 4096);
    }

    @Test
    void normalise_fingerprintOf2KB_isRefusedNamingTheField() {
        String body = notification("g", "firing", alert("\"x\":\"y\"", "", "f".repeat(2048)));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.InvalidShape.class)
                .hasMessageContaining("alerts[0].fingerprint must be 1 to 64").hasMessageNotContaining("ffff");
    }

    @Test
    void normalise_fingerprintWithOtherCharacters_isRefused() {
        for (String bad : new String[] {"a b", "a#b", "a/b", "\\u0000", "é"}) {
            String body = notification("g", "firing", alert("\"x\":\"y\"", "", bad));
            assertThatThrownBy(() -> normalise(body)).as(bad).isInstanceOf(InvalidWebhookException.InvalidShape.class);
        }
        String ok = notification("g", "firing", alert("\"x\":\"y\"", "", "x".repeat(64)));
        assertThat(normalise(ok).webhook().alerts().get(0).fingerprint()).hasSize(64);
    }

    @Test
    void normalise_moreAlertsThanTheLimit_isTooLarge() {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i <= WebhookLimits.MAX_ALERTS; i++) {
            alerts.add(alert("\"i\":\"" + i + "\"", "", ""));
        }
        String body = notification("g", "firing", alerts.toArray(String[]::new));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.TooLarge.class)
                .hasMessageContaining("1001 alerts").hasMessageContaining("max_alerts");
        alerts.remove(0);
        assertThat(normalise(notification("g", "firing", alerts.toArray(String[]::new))).webhook().alerts())
                .hasSize(WebhookLimits.MAX_ALERTS);
    }

    @Test
    void normalise_oneAlertOver64KiB_isTooLarge() {
        // GIVEN nine annotations just under 8 KiB each: none is cut, together they are too much
        StringBuilder annotations = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            annotations.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"").append("z".repeat(8000))
                    .append('"');
        }
        String body = notification("g", "firing", alert("\"x\":\"y\"", annotations.toString(), ""));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.TooLarge.class)
                .hasMessageContaining("alerts[0] is").hasMessageContaining("limit: alert size");
    }

    @Test
    void normalise_incompressibleMegabyteOverManyAlerts_isTooLarge() {
        // GIVEN ~1 MB of random text, in annotations short enough not to be cut
        Random random = new Random(42);
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            alerts.add(alert("\"i\":\"" + i + "\"", "\"noise\":\"" + randomText(random, 6250) + "\"", ""));
        }
        String body = notification("g", "firing", alerts.toArray(String[]::new));
        assertThat(body.length()).isBetween(1_000_000, WebhookLimits.MAX_BODY_BYTES);
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.TooLarge.class)
                .hasMessageContaining("limit: notification size");
    }

    @Test
    void normalise_groupKeyOver8KiB_isTooLarge() {
        String body = notification("{}:{x=\"" + "g".repeat(9000) + "\"}", "firing", firing("A", "h", T1));
        assertThatThrownBy(() -> normalise(body)).isInstanceOf(InvalidWebhookException.TooLarge.class)
                .hasMessageContaining("groupKey").hasMessageNotContaining("ggg");
    }

    // ---------------------------------------------------------------- the JSON carried on

    @Test
    void normalise_jsonIsReadBackAsTheNormalisedWebhook_andNormalisingAgainChangesNothing() {
        String body = notification("g\\u0000", "firing",
                alert("\"k\\u0000\":\"" + "v".repeat(5000) + "\"", "\"d\":\"\\uffff\"", ""),
                firing("B", "10.0.0.1", "2026-11-25T03:00:00.123456789+01:00"));
        WebhookNormaliser.Normalised once = normalise(body);
        AlertmanagerWebhook reread = parse(once.json());
        assertThat(reread).isEqualTo(once.webhook());
        WebhookNormaliser.Normalised twice = WebhookNormaliser.normalise(reread);
        assertThat(twice.webhook()).isEqualTo(once.webhook());
        assertThat(twice.json()).isEqualTo(once.json());
        assertThat(once.jsonBytes()).isEqualTo(once.json().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void normalise_keepsLabelOrderForPseudonymNumbering() {
        String body = notification("g", "firing", alert("\"z\":\"1\",\"b\":\"2\",\"m\":\"3\"", "", ""));
        assertThat(parse(normalise(body).json()).alerts().get(0).labels().keySet())
                .containsExactly("alertname", "z", "b", "m");
    }

    static String randomText(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
