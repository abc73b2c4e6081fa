package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.testing.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real template with the real function.zip files, on free ports: what ./awoooi up runs.
 * Each scenario uses its own Alertmanager group (groupKey), so they do not depend on each other;
 * the queue and log checks run last and count what the scenarios before them did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    /** Label values of the bundled webhook that must never reach a log. */
    private static final List<String> LABEL_VALUES = List.of("10.42.3.17:9187", "10.42.1.23:8080",
            "postgres-db-0", "order-api-7d9f8c6b5-x2kqp");

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    /** New notifications the intake accepted so far: one raw-alerts message each. */
    private int accepted;

    @BeforeAll
    void start() {
        Path root = RepoRoot.find();
        List<Path> zips = List.of(root.resolve("functions/intake/target/function.zip"),
                root.resolve("functions/approval/target/function.zip"));
        assumeTrue(zips.stream().allMatch(Files::isRegularFile), "the function.zip files are not built ("
                + zips + "); build them with mvn -DskipTests install (or ./awoooi build) to run the end-to-end test");
        stack = LocalStack.builder().stateDir(stateDir).environment(Map.of()).start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(0)
    void redrive_theTemplatesDeadLetterQueues_namedByTheirSourceQueues() {
        // GIVEN / WHEN the real template's RedrivePolicies are read / THEN the four pairs ./awoooi redrive knows
        assertThat(stack.deadLetterQueues()).containsExactly(
                "raw-alerts (RawAlertsDLQ -> RawAlertsQueue)",
                "incidents (IncidentsDLQ -> IncidentsQueue)",
                "executions (ExecutionsDLQ -> ExecutionsQueue)",
                "verification (VerificationDLQ -> VerificationQueue)");
        // an empty dead-letter queue: nothing to move
        assertThat(stack.redrive("RawAlertsDLQ")).isZero();
    }

    @Test
    @Order(1)
    void postAlerts_validWebhook_202WithIncidentId() throws Exception {
        // GIVEN the bundled Alertmanager webhook of a group of its own
        byte[] webhook = webhook("valid", "firing");

        // WHEN it is posted with the intake token
        HttpResponse<String> response = postAlerts(webhook, stack.intakeToken());

        // THEN 202 with an incident id
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        accepted++;
        assertThat(Json.parse(response.body()).path("incidentId").asText()).isNotBlank();
    }

    @Test
    @Order(2)
    void postAlerts_sameBodyAgain_sameIncidentId() throws Exception {
        // GIVEN a webhook the intake accepted
        byte[] webhook = webhook("duplicate", "firing");
        HttpResponse<String> first = postAlerts(webhook, stack.intakeToken());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        accepted++;

        // WHEN Alertmanager sends the very same body again
        HttpResponse<String> second = postAlerts(webhook, stack.intakeToken());

        // THEN 202 again, with the same incident id
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(Json.parse(second.body()).path("incidentId").asText())
                .isEqualTo(Json.parse(first.body()).path("incidentId").asText());
    }

    @Test
    @Order(3)
    void postAlerts_firingThenResolvedOfTheSameGroup_incidentResolved() throws Exception {
        // GIVEN a firing notification of a group, accepted
        HttpResponse<String> firing = postAlerts(webhook("lifecycle", "firing"), stack.intakeToken());
        assertThat(firing.statusCode()).as(firing.body()).isEqualTo(202);
        accepted++;
        String id = Json.parse(firing.body()).path("incidentId").asText();

        // WHEN the resolved notification of the same group follows
        HttpResponse<String> resolved = postAlerts(webhook("lifecycle", "resolved"), stack.intakeToken());
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
        accepted++;

        // THEN the incident reads RESOLVED, with both alerts
        HttpResponse<String> incident = get("/v1/incidents/" + id, stack.operatorToken());
        assertThat(incident.statusCode()).as(incident.body()).isEqualTo(200);
        JsonNode body = Json.parse(incident.body());
        assertThat(Json.parse(resolved.body()).path("incidentId").asText()).isEqualTo(id);
        assertThat(body.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(body.path("alerts")).hasSize(2);
    }

    @Test
    @Order(4)
    void postAlerts_badJson_400() throws Exception {
        // GIVEN / WHEN a body that is not JSON is posted / THEN 400 invalid_json
        HttpResponse<String> response = postAlerts("{\"receiver\": ".getBytes(StandardCharsets.UTF_8),
                stack.intakeToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    @Order(5)
    void postAlerts_noToken_401() throws Exception {
        // GIVEN / WHEN a valid webhook comes without a token / THEN 401
        HttpResponse<String> response = postAlerts(webhook("no-token", "firing"), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void postAlerts_twoMiBBody_413FromTheFunction() throws Exception {
        // GIVEN a 2 MiB JSON body (under the gateway's 10 MB, over the intake's 1 MiB)
        ObjectNode big = (ObjectNode) Json.parse(webhook("big", "firing"));
        big.put("padding", "x".repeat(2 * 1024 * 1024));

        // WHEN it is posted
        HttpResponse<String> response = postAlerts(Json.bytes(big), stack.intakeToken());

        // THEN the function answers 413
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    @Order(7)
    void postAlerts_dynamoDbDown_503ThenAfterRecoveryTheRetry202() throws Exception {
        // GIVEN DynamoDB stopped
        byte[] webhook = webhook("outage", "firing");
        HttpResponse<String> during;
        // the redaction of earlier scenarios runs asynchronously: let it finish first, or the outage
        // would fail it too and its retry would wait out the queue's 180 s visibility timeout
        awaitRawAlertsDrained();
        stack.dynamoDown();
        try {
            // WHEN a webhook arrives
            during = postAlerts(webhook, stack.intakeToken());
        } finally {
            stack.dynamoUp();
        }

        // THEN 503 (Alertmanager retries), and the retry after recovery is accepted
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        HttpResponse<String> retry = postAlerts(webhook, stack.intakeToken());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        accepted++;
    }

    @Test
    @Order(8)
    void tracerBullet_onTheStack_allStepsPass() {
        // GIVEN the running stack / WHEN the demo's steps run on it / THEN every step passes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8))
                .runSteps(new DemoContext(stack), TracerBullet.steps());
        String printed = out.toString(StandardCharsets.UTF_8);
        if (printed.contains("[x] [trigger_alert] PASS")) {
            accepted++;
        }
        if (printed.contains("[x] [toctou_voided] PASS")) {
            accepted++; // the second scenario posts a webhook of another group
        }
        assertThat(printed).contains("Status: ALL PASSED");
        assertThat(code).isZero();
    }

    @Test
    @Order(9)
    void privacyShield_firingThenResolvedOfOneGroup_sameLabelsEverywhereAndOneVaultRowPerValue() throws Exception {
        // GIVEN the bundled webhook (the same IP in both alerts) accepted and redacted
        HttpResponse<String> firing = postAlerts(webhook("labels", "firing"), stack.intakeToken());
        assertThat(firing.statusCode()).as(firing.body()).isEqualTo(202);
        accepted++;
        String id = Json.parse(firing.body()).path("incidentId").asText();
        JsonNode before = redactedIncident(id, "FIRING");

        // WHEN the group's resolved notification is redacted too
        HttpResponse<String> resolved = postAlerts(webhook("labels", "resolved"), stack.intakeToken());
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
        accepted++;
        JsonNode after = redactedIncident(id, "RESOLVED");

        // THEN every alert keeps its labels, the shared IP reads the same in both alerts, and the vault
        // holds exactly the labels the incident shows, one row per value
        assertThat(labelsOf(after)).isEqualTo(labelsOf(before));
        String postgresInstance = alert(after, "PostgresDown").path("labels").path("instance").asText();
        assertThat(postgresInstance).matches("\\[IP_\\d+\\]:9187");
        String ip = postgresInstance.substring(0, postgresInstance.indexOf(':'));
        assertThat(alert(after, "HighErrorRate").path("annotations").path("description").asText())
                .contains(ip + ":5432");
        try (VaultReader vault = new VaultReader(stack)) {
            java.util.Map<String, String> sealed = vault.values(id);
            assertThat(sealed.keySet()).containsExactlyInAnyOrderElementsOf(labelsIn(after.toString()));
            assertThat(sealed.values()).doesNotHaveDuplicates();
        }
    }

    private void awaitRawAlertsDrained() throws InterruptedException {
        String queue = stack.resources().queueUrl("RawAlertsQueue");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if ("0".equals(attributes.get("ApproximateNumberOfMessages"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the redaction function did not drain the raw-alerts queue within 60 s");
    }

    private JsonNode redactedIncident(String id, String alertStatus) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode incident = Json.parse(get("/v1/incidents/" + id, stack.operatorToken()).body());
            boolean done = incident.path("alerts").size() > 0;
            for (JsonNode a : incident.path("alerts")) {
                done &= a.has("labels") && a.path("status").asText().equals(alertStatus);
            }
            if (done) {
                return incident;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("incident " + id + " was not redacted with alerts " + alertStatus + " within 60 s");
    }

    private static JsonNode alert(JsonNode incident, String alertname) {
        for (JsonNode a : incident.path("alerts")) {
            if (a.path("alertname").asText().equals(alertname)) {
                return a;
            }
        }
        throw new AssertionError("no alert " + alertname);
    }

    private static java.util.Set<String> labelsIn(String text) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = io.awoooi.core.shield.Label.PATTERN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static java.util.Map<String, String> labelsOf(JsonNode incident) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        incident.path("alerts").forEach(a -> {
            a.path("labels").properties()
                    .forEach(e -> out.put(a.path("alertname").asText() + "/l/" + e.getKey(), e.getValue().asText()));
            a.path("annotations").properties()
                    .forEach(e -> out.put(a.path("alertname").asText() + "/a/" + e.getKey(), e.getValue().asText()));
        });
        return out;
    }

    @Test
    @Order(100)
    void pipeline_afterTheScenarios_eachAcceptedNotificationRedactedAndAnalyzedNothingDeadLettered() throws Exception {
        // GIVEN the notifications the scenarios above got accepted (the duplicate not counted); the
        // redaction function consumes the raw-alerts queue, the analysis function the incidents queue

        // WHEN both have worked through them (asynchronously: wait)
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline
                && (count("RedactionFunction", "redacted message=") < accepted
                        || count("AnalysisFunction", "analyzed message=") < accepted)) {
            Thread.sleep(250);
        }
        Thread.sleep(1500); // anything beyond the expected count would show up now

        // THEN each accepted notification was redacted once and analyzed once, nothing was
        // dead-lettered, and no incident document (analysis included) carries a webhook value
        assertThat(count("RedactionFunction", "redacted message=")).isEqualTo(accepted);
        assertThat(count("AnalysisFunction", "analyzed message=")).isEqualTo(accepted);
        for (String dlq : List.of("RawAlertsDLQ", "IncidentsDLQ")) {
            String url = stack.resources().queueUrl(dlq);
            assertThat(stack.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).as(dlq)
                    .isEmpty();
        }
        JsonNode list = Json.parse(get("/v1/incidents?limit=100", stack.operatorToken()).body());
        assertThat(list.path("incidents").size()).isGreaterThan(0);
        for (JsonNode summary : list.path("incidents")) {
            String document = get("/v1/incidents/" + summary.path("id").asText(), stack.operatorToken()).body();
            for (String value : TracerBullet.DEMO_PII) {
                assertThat(document).doesNotContain(value);
            }
        }
    }

    private long count(String function, String marker) {
        return stack.functionLog(function).stream().filter(line -> line.contains(marker)).count();
    }

    @Test
    @Order(101)
    void functionLogs_afterTheScenarios_noVaultValue() {
        // GIVEN every value the Privacy Shield sealed during the scenarios, and every function log line
        List<String> sealed;
        try (VaultReader vault = new VaultReader(stack)) {
            sealed = vault.allValues();
        }
        String logs = stack.allFunctionLogs();

        // THEN the vault holds the webhook's values, and not one of them was ever logged
        assertThat(sealed).containsAll(TracerBullet.DEMO_PII);
        LogLeaks.assertNoneLogged(logs, sealed);
    }

    @Test
    @Order(101)
    void functionLogs_afterTheScenarios_noLabelValue() {
        // GIVEN everything the functions printed during the scenarios
        String logs = stack.allFunctionLogs();

        // WHEN / THEN none of the webhook's identifying label values is in it
        assertThat(logs).contains("REPORT RequestId:");
        for (String value : LABEL_VALUES) {
            assertThat(logs).doesNotContain(value);
        }
    }

    @Test
    @Order(101)
    void functionLogs_afterTheScenarios_jsonLinesWithRequestIdsAndEmfMetrics() {
        // GIVEN every line the five functions printed during the scenarios
        java.util.Set<String> metrics = new java.util.TreeSet<>();
        int appLines = 0;
        for (String function : List.of("IntakeFunction", "ApprovalFunction", "RedactionFunction", "AnalysisFunction",
                "ExecutorFunction")) {
            for (String line : stack.functionLog(function)) {
                if (!line.startsWith("{")) {
                    continue; // the runtime's START/END/REPORT lines, the JVM's own warnings
                }
                JsonNode doc = Json.parse(line);
                if (doc.has("_aws")) {
                    // THEN an EMF document: its directive's dimensions and metrics are members of the line
                    JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").path(0);
                    assertThat(doc.path("_aws").path("Timestamp").isIntegralNumber()).as(line).isTrue();
                    assertThat(directive.path("Namespace").asText()).isEqualTo("AWOOOI");
                    directive.path("Dimensions").path(0)
                            .forEach(d -> assertThat(doc.path(d.asText()).isTextual()).as(line).isTrue());
                    directive.path("Metrics").forEach(m -> {
                        assertThat(doc.path(m.path("Name").asText()).isNumber()).as(line).isTrue();
                        metrics.add(m.path("Name").asText());
                    });
                } else if (doc.path("loggerName").asText().startsWith("io.awoooi")) {
                    // THEN each of the functions' own log lines carries the invocation's Lambda request id
                    appLines++;
                    assertThat(doc.path("mdc").path("AWSRequestId").asText()).as(line).isNotBlank();
                    assertThat(doc.path("message").isTextual()).as(line).isTrue();
                }
            }
        }
        assertThat(appLines).isPositive();
        assertThat(metrics).contains("AlertsReceived", "AlertsDuplicate", "LabelsCreated", "NarratorLatencyMs",
                "ApprovalsByStatus");
    }

    /** The bundled webhook as a notification of its own group ({@code case}), firing or resolved. */
    private static byte[] webhook(String group, String status) {
        ObjectNode webhook = (ObjectNode) Json.parse(DemoContext.webhook());
        webhook.put("groupKey", "{}/{severity=~\"critical|warning\"}:{namespace=\"shop\", e2e=\"" + group + "\"}");
        webhook.put("status", status);
        if (status.equals("resolved")) {
            String endsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            webhook.withArray("alerts").forEach(a -> ((ObjectNode) a).put("status", "resolved").put("endsAt", endsAt));
        }
        return Json.bytes(webhook);
    }

    private HttpResponse<String> postAlerts(byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/alerts"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
