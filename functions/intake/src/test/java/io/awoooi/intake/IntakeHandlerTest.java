package io.awoooi.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.intake.RawAlertEnvelope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The intake handler inside Quarkus, fed API Gateway HTTP API events through the mock Lambda event
 * server, against dynalite and ElasticMQ.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakeHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String webhook(String group, String status, String instance) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"PostgresDown\\", g=\\"%s\\"}","truncatedAlerts":0,"status":"%s",
                 "receiver":"awoooi","groupLabels":{"alertname":"PostgresDown"},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://alertmanager:9093","alerts":[{"status":"%s",
                   "labels":{"alertname":"PostgresDown","severity":"critical","instance":"%s"},
                   "annotations":{"description":"owner alice@example.com"},
                   "startsAt":"2026-11-25T03:00:00Z","endsAt":"%s","generatorURL":"","fingerprint":"9f1c2d3e4a5b6c7d"}]}
                """
                .formatted(group, status, status, instance,
                        status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-25T04:00:00Z");
    }

    static Map<String, Object> event(String body, Map<String, String> headers, boolean base64) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "POST /v1/alerts");
        event.put("rawPath", "/v1/alerts");
        event.put("rawQueryString", "");
        event.put("headers", headers);
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/v1/alerts"),
                "requestId", UUID.randomUUID().toString(), "stage", "$default"));
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        return event;
    }

    static Map<String, String> auth() {
        return Map.of("authorization", "Bearer " + LocalAwsResource.TOKEN, "content-type", "application/json");
    }

    static JsonPath invoke(Map<String, Object> event) {
        return given().contentType("application/json").accept("application/json").body(event)
                .when().post().then().statusCode(200).extract().jsonPath();
    }

    static int status(JsonPath response) {
        return response.getInt("statusCode");
    }

    static JsonPath body(JsonPath response) {
        return new JsonPath(response.getString("body"));
    }

    @Test
    @Order(1)
    void post_validWebhook_202WithIncidentIdAndOneQueuedMessage() throws Exception {
        String group = UUID.randomUUID().toString();
        String hook = webhook(group, "firing", "10.9.8.7:5432");
        JsonPath first = invoke(event(hook, auth(), false));
        assertThat(status(first)).isEqualTo(202);
        String incidentId = body(first).getString("incidentId");
        assertThat(incidentId).startsWith("inc_");

        // the same notification again, base64-encoded as API Gateway may send it
        JsonPath again = invoke(event(hook, auth(), true));
        assertThat(status(again)).isEqualTo(202);
        assertThat(body(again).getString("incidentId")).isEqualTo(incidentId);

        List<Message> messages = LocalAwsResource.aws.sqs().client().receiveMessage(b -> b
                .queueUrl(LocalAwsResource.aws.resources().queueUrl("RawAlertsQueue")).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertThat(messages).hasSize(1);
        // the notification as intake accepted it (normalised JSON), which reads as the one sent
        WebhookParser parser = new WebhookParser();
        assertThat(parser
                .parse(RawAlertEnvelope.decode(messages.get(0).body()).rawPayload().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(parser.parse(hook.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(2)
    void post_badInput_typedErrors() {
        String hook = webhook("g", "firing", "10.0.0.1");
        assertError(invoke(event(hook, Map.of("content-type", "application/json"), false)), 401, "unauthorized");
        assertError(
                invoke(event(hook, Map.of("authorization", "Bearer wrong", "content-type", "application/json"), false)),
                401, "unauthorized");
        assertError(invoke(event("{not json", auth(), false)), 400, "invalid_json");
        assertError(invoke(event("{\"version\":\"3\"}", auth(), false)), 422, "invalid_payload");
        assertError(invoke(event(hook, Map.of("authorization", "Bearer " + LocalAwsResource.TOKEN,
                "content-type", "text/plain"), false)), 415, "unsupported_media_type");
        String big = hook.replace("owner alice@example.com", "x".repeat(1024 * 1024));
        assertError(invoke(event(big, auth(), false)), 413, "payload_too_large");
    }

    @Test
    @Order(3)
    void post_invalidValue_errorDetailCarriesNoValue() {
        String hook = webhook("g", "firing", "10.0.0.1").replace("2026-11-25T03:00:00Z", "secret-value-42");
        JsonPath response = invoke(event(hook, auth(), false));
        assertError(response, 422, "invalid_payload");
        assertThat(response.getString("body")).doesNotContain("secret-value-42");
    }

    /**
     * Each log line of an invocation is one JSON object (the console formatter as configured) whose
     * MDC carries the Lambda request id, the HTTP API request id (correlationId) and, once intake
     * knows it, the incident id; the raw values of the notification are in none of them.
     */
    @Test
    @Order(4)
    void logLines_areJsonWithRequestAndIncidentIds() throws Exception {
        java.util.logging.Formatter console = consoleFormatter(org.jboss.logmanager.LogContext.getLogContext()
                .getLogger("").getHandlers());
        assertThat(console).as("the console handler's formatter").isNotNull();
        assertThat(console.getClass().getName()).contains("Json");
        List<String> lines = new java.util.ArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("io.awoooi")) {
                    synchronized (lines) {
                        lines.add(console.format(r));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        String hook = webhook(UUID.randomUUID().toString(), "firing", "10.66.1.2:5432");
        String incidentId;
        try {
            JsonPath response = invoke(event(hook, auth(), false));
            assertThat(status(response)).isEqualTo(202);
            incidentId = body(response).getString("incidentId");
        } finally {
            root.removeHandler(capture);
        }
        List<String> accepted;
        synchronized (lines) {
            accepted = lines.stream().filter(l -> l.contains("accepted notification")).toList();
            for (String line : lines) {
                assertThat(line.strip()).doesNotContain("\n").doesNotContain("10.66.1.2", "alice@example.com");
                var doc = JSON.readTree(line);
                assertThat(doc.path("level").asText()).isNotEmpty();
                assertThat(doc.path("message").asText()).isNotEmpty();
                assertThat(doc.path("mdc").path("AWSRequestId").asText()).as("requestId in " + line).isNotBlank();
                assertThat(doc.path("mdc").path("correlationId").asText()).isNotBlank();
            }
        }
        assertThat(accepted).hasSize(1);
        assertThat(JSON.readTree(accepted.get(0)).path("mdc").path("incidentId").asText()).isEqualTo(incidentId);
    }

    /** The formatter of the console handler, wherever Quarkus nested it. */
    private static java.util.logging.Formatter consoleFormatter(java.util.logging.Handler[] handlers) {
        for (java.util.logging.Handler h : handlers) {
            if (h.getFormatter() != null && h.getFormatter().getClass().getName().contains("Json")) {
                return h.getFormatter();
            }
            if (h instanceof org.jboss.logmanager.ExtHandler ext) {
                java.util.logging.Formatter nested = consoleFormatter(ext.getHandlers());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    @Test
    @Order(10) // last: it stops the DynamoDB server of this class
    void post_dynamoDbDown_503() {
        LocalAwsResource.aws.dynamo().stop();
        JsonPath response = invoke(event(webhook(UUID.randomUUID().toString(), "firing", "10.0.0.2"), auth(), false));
        assertError(response, 503, "unavailable");
    }

    private static void assertError(JsonPath response, int status, String code) {
        assertThat(status(response)).as(response.getString("body")).isEqualTo(status);
        assertThat(body(response).getString("error")).isEqualTo(code);
        assertThat(body(response).getMap("")).containsKey("detail");
    }

    static String json(Object o) throws Exception {
        return JSON.writeValueAsString(o);
    }
}
