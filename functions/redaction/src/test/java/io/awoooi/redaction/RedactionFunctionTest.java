package io.awoooi.redaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.intake.RawAlertEnvelope;
import io.awoooi.core.intake.RawAlertMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** The redaction function inside Quarkus, fed SQS events through the mock Lambda event server. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class RedactionFunctionTest {

    static String webhook(String ip, String email) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"PostgresDown\\"}","status":"firing","receiver":"awoooi",
                 "groupLabels":{"alertname":"PostgresDown"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",
                 "alerts":[{"status":"firing","labels":{"alertname":"PostgresDown","instance":"%s:5432"},
                   "annotations":{"description":"page %s"},"startsAt":"2026-11-25T03:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"","fingerprint":"1111222233334444"}]}
                """
                .formatted(ip, email);
    }

    static Map<String, Object> record(String id, String body) {
        return Map.of("messageId", id, "receiptHandle", "rh-" + id, "body", body, "eventSource", "aws:sqs",
                "attributes", Map.of("MessageGroupId", "g"));
    }

    static String envelope(String incidentId, String ip, String email) {
        return RawAlertEnvelope.encode(new RawAlertMessage(incidentId,
                io.awoooi.core.Hashing.sha256Hex(UUID.randomUUID().toString()), "gkh-" + incidentId,
                Instant.parse("2026-11-25T03:00:01Z"), webhook(ip, email)));
    }

    static JsonPath invoke(List<Map<String, Object>> records) {
        return given().contentType("application/json").body(Map.of("Records", records))
                .when().post().then().statusCode(200).extract().jsonPath();
    }

    @Test
    void redact_validMessages_noFailuresLabelsInQueueAndVault() {
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        JsonPath response = invoke(List.of(record("m1", envelope(incident, "10.7.7.7", "ops@example.com"))));
        assertThat(response.getList("batchItemFailures")).isEmpty();

        var aws = LocalAwsResource.aws;
        List<Message> events = aws.sqs().client()
                .receiveMessage(b -> b.queueUrl(aws.resources().queueUrl("IncidentsQueue"))
                        .maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(events).anySatisfy(m -> assertThat(m.body()).contains(incident, "[IP_1]", "[EMAIL_1]")
                .doesNotContain("10.7.7.7", "ops@example.com"));
        var rows = aws.dynamo().client().query(b -> b.tableName(aws.resources().tableName("VaultTable"))
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incident))))
                .items();
        assertThat(rows).extracting(r -> r.get("SK").s()).containsExactlyInAnyOrder("LABEL#[IP_1]", "LABEL#[EMAIL_1]");
        assertThat(rows.toString()).doesNotContain("10.7.7.7", "ops@example.com");
    }

    @Test
    void redact_poisonMessageInTheMiddle_itAndEverythingAfterComeBack() {
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        JsonPath response = invoke(List.of(
                record("ok-1", envelope(incident, "10.8.8.8", "a@example.com")),
                record("bad-2", "{not an envelope"),
                record("ok-3", envelope(incident, "10.8.8.9", "b@example.com"))));
        assertThat(response.getList("batchItemFailures.itemIdentifier", String.class)).containsExactly("bad-2", "ok-3");
    }
}
