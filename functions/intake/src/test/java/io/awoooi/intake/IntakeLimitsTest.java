package io.awoooi.intake;

import static io.awoooi.intake.IntakeHandlerTest.auth;
import static io.awoooi.intake.IntakeHandlerTest.body;
import static io.awoooi.intake.IntakeHandlerTest.event;
import static io.awoooi.intake.IntakeHandlerTest.invoke;
import static io.awoooi.intake.IntakeHandlerTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertText;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Issue #10, 1, 3 and 4 through the deployed handler, against dynalite and ElasticMQ: what can never
 * be processed is refused (4xx, with a reason, no value echoed) and leaves no row and no message;
 * what can be normalised is accepted, and the message on the raw-alerts queue is one the Privacy
 * Shield's parser reads.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class IntakeLimitsTest {
    /** In every generated value: no answer may ever contain it. */
    private static final String MARK = "alice@example.com";
    private static final String T1 = "2026-11-25T03:00:00Z";

    private static String alert(String labels, String annotations, String fingerprint) {
        return """
                {"status":"firing","labels":{"alertname":"Limits",%s},"annotations":{%s},
                 "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}""".formatted(
                labels, annotations, T1, fingerprint);
    }

    private static String notification(String... alerts) {
        return """
                {"version":"4","groupKey":"{}:{test=\\"%s\\"}","truncatedAlerts":0,"status":"firing","receiver":"awoooi",
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093","alerts":[%s]}
                """
                .formatted(UUID.randomUUID(), String.join(",", alerts));
    }

    // ---------------------------------------------------------------- refused, without a trace

    @Test
    void post_1001NestedArrays_400WithTheDepthReason() {
        assertRefusedWithoutTrace("[".repeat(1001) + "]".repeat(1001), 400, "invalid_json", "nested deeper than");
    }

    @Test
    void post_1001DigitNumber_400WithTheNumberReason() {
        assertRefusedWithoutTrace(notification(alert("\"x\":\"y\"", "", "")).replace("\"truncatedAlerts\":0",
                "\"truncatedAlerts\":" + "7".repeat(1001)), 400, "invalid_json", "number longer than");
    }

    @Test
    void post_50000CharacterKey_400WithTheKeyReason() {
        assertRefusedWithoutTrace(notification(alert("\"" + MARK + "k".repeat(50_000) + "\":\"y\"", "", "")),
                400, "invalid_json", "key");
    }

    @Test
    void post_loneSurrogateInALabelKey_400WithTheReason() {
        assertRefusedWithoutTrace(notification(alert("\"" + MARK + "\\ud800\":\"y\"", "", "")),
                400, "invalid_json", "lone surrogate");
    }

    @Test
    void post_fingerprintOf2KB_422NamingTheField() {
        assertRefusedWithoutTrace(notification(alert("\"x\":\"y\"", "", "a".repeat(2048))),
                422, "invalid_payload", "alerts[0].fingerprint");
    }

    @Test
    void post_incompressibleMegabyte_413BeforeAnyIncidentIsWritten() {
        // GIVEN a 1,021,661-byte body of random text (was: the incident written, then 413 from the queue check)
        Random random = new Random(1021661);
        List<String> alerts = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        while (all.length() < 1_021_000) {
            String a = alert("\"i\":\"" + alerts.size() + "\"", "\"noise\":\"" + noise(random, 6000) + "\"", "");
            alerts.add(a);
            all.append(a);
        }
        String body = notification(alerts.toArray(String[]::new));
        assertThat(body.length()).isBetween(1_000_000, WebhookLimits.MAX_BODY_BYTES);
        assertRefusedWithoutTrace(body, 413, "payload_too_large", "limit: notification size");
    }

    @Test
    void post_moreAlertsThanTheLimit_413NamingMaxAlerts() {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i <= WebhookLimits.MAX_ALERTS; i++) {
            alerts.add(alert("\"i\":\"" + i + "\"", "", ""));
        }
        assertRefusedWithoutTrace(notification(alerts.toArray(String[]::new)), 413, "payload_too_large", "max_alerts");
    }

    // ---------------------------------------------------------------- accepted, normalised

    @Test
    void post_450000CharacterAlertname_202WithRowAndMessageWithinLimits() throws Exception {
        // GIVEN an alertname DynamoDB cannot store (was: 500, retried forever, a group pointer left behind)
        String body = notification(alert("\"x\":\"y\"", "", "").replace("\"alertname\":\"Limits\"",
                "\"alertname\":\"" + "N".repeat(450_000) + "\""));
        // WHEN
        JsonPath response = invoke(event(body, auth(), false));
        // THEN accepted; the incident row keeps a short name, the queue the name cut at the label limit
        assertThat(status(response)).as(response.getString("body")).isEqualTo(202);
        String incidentId = body(response).getString("incidentId");
        Map<String, AttributeValue> row = LocalAwsResource.aws.dynamo().client().getItem(b -> b
                .tableName(table()).key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incidentId),
                        "SK", AttributeValue.fromS("INCIDENT")))
                .consistentRead(true)).item();
        String stored = row.get("alerts").l().get(0).m().get("alertname").s();
        assertThat(AlertText.utf8Length(stored)).isLessThanOrEqualTo(WebhookLimits.MAX_STORED_ALERTNAME_BYTES);
        assertThat(stored).startsWith("NNN").contains("…[truncated ");
        AlertmanagerWebhook queued = readBackAsTheRedactionDoes(incidentId);
        assertThat(AlertText.utf8Length(queued.alerts().get(0).alertname()))
                .isLessThanOrEqualTo(WebhookLimits.MAX_LABEL_VALUE_BYTES);
    }

    @Test
    void post_nulNonCharacterAndLoneSurrogateInLabelKeysAndValues_202AndTheQueueCarriesThemEscaped() throws Exception {
        // GIVEN a NUL and U+FFFF in a label key, and a NUL, U+FFFF and a lone surrogate in a value
        String body = notification(alert("\"k\\u0000\\uffff\":\"v\\u0000\\uffff\\ud800\"", "\"d\":\"\\u0000\"", ""));
        // WHEN
        JsonPath response = invoke(event(body, auth(), false));
        // THEN accepted; the Privacy Shield's parser reads the message; the characters are visible text
        assertThat(status(response)).as(response.getString("body")).isEqualTo(202);
        String incidentId = body(response).getString("incidentId");
        AlertmanagerWebhook queued = readBackAsTheRedactionDoes(incidentId);
        assertThat(queued.alerts().get(0).labels()).containsEntry("k\\u0000\\uFFFF", "v\\u0000\\uFFFF\\uD800");
        assertThat(queued.alerts().get(0).annotations()).containsEntry("d", "\\u0000");
        // and the normalised text is one SQS takes as a plain message body (the redaction's incident
        // event carries it uncompressed); the text as received is not
        String normalised = labelsText(queued);
        SqsClient sqs = LocalAwsResource.aws.sqs().client();
        String url = sqs.createQueue(b -> b.queueName("plain-" + UUID.randomUUID())).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(normalised));
        String received = "k" + (char) 0 + (char) 0xFFFF + "=v" + (char) 0xFFFF;
        assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(received)))
                .isInstanceOf(SqsException.class);
    }

    // ---------------------------------------------------------------- helpers

    /** Refused with this status, code and reason; no value echoed; no row and no message written. */
    private static void assertRefusedWithoutTrace(String body, int status, String code, String reason) {
        int rows = rows();
        int messages = messages();
        JsonPath response = invoke(event(body, auth(), false));
        assertThat(status(response)).as(response.getString("body")).isEqualTo(status);
        assertThat(body(response).getString("error")).isEqualTo(code);
        assertThat(body(response).getString("detail")).contains(reason);
        assertThat(response.getString("body")).doesNotContain(MARK).doesNotContain("kkkkkkkk")
                .doesNotContain("aaaaaaaa");
        assertThat(rows()).as("rows in the state table").isEqualTo(rows);
        assertThat(messages()).as("messages on the raw-alerts queue").isEqualTo(messages);
    }

    private static String table() {
        return LocalAwsResource.aws.resources().tableName("StateTable");
    }

    private static int rows() {
        return LocalAwsResource.aws.dynamo().client().scan(b -> b.tableName(table()).select(Select.COUNT)
                .consistentRead(true)).count();
    }

    private static int messages() {
        Map<QueueAttributeName, String> a = LocalAwsResource.aws.sqs().client().getQueueAttributes(b -> b
                .queueUrl(LocalAwsResource.aws.resources().queueUrl("RawAlertsQueue"))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The incident's message from the raw-alerts queue, decoded and parsed as the redaction function does. */
    private static AlertmanagerWebhook readBackAsTheRedactionDoes(String incidentId) {
        String url = LocalAwsResource.aws.resources().queueUrl("RawAlertsQueue");
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Message> batch = LocalAwsResource.aws.sqs().client().receiveMessage(b -> b.queueUrl(url)
                    .maxNumberOfMessages(10).messageAttributeNames("All").waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                LocalAwsResource.aws.sqs().client()
                        .deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                if (incidentId.equals(m.messageAttributes().get("incidentId").stringValue())) {
                    RawAlertMessage raw = RawAlertEnvelope.decode(m.body());
                    return new WebhookParser().parse(raw.rawPayload().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        throw new AssertionError("no raw-alerts message for " + incidentId);
    }

    private static String noise(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The label text of a webhook as one string, as a consumer may re-emit it. */
    private static String labelsText(AlertmanagerWebhook webhook) {
        StringBuilder sb = new StringBuilder();
        webhook.alerts().forEach(a -> a.labels().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n')));
        return sb.toString();
    }
}
