package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.testing.RepoRoot;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue #17 on the local stack (the template's McpFunction behind the local HTTP API, IAM enforced):
 * an outside agent drives POST /mcp with the MCP SDK's own client (Streamable HTTP) and with raw
 * JSON-RPC. It lists the tools, reads an incident, proposes; the request reaches the approvers with
 * signed links and a card naming the agent; nothing runs until they sign; then the executor acts and
 * the effectiveness check judges it. And every refusal: the agent's token on every other route, the
 * other tokens on /mcp, a widened action, a CRITICAL one, one outside the incident, approving with
 * its own token, and the role that could dispatch or read the vault, which it does not have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpBridgeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;
    private DemoContext context;
    private McpSyncClient client;
    private String incident;

    @BeforeAll
    void start() throws Exception {
        Path root = RepoRoot.find();
        List<Path> zips = List.of(root.resolve("functions/mcp/target/function.zip"),
                root.resolve("functions/analysis/target/function.zip"),
                root.resolve("functions/executor/target/function.zip"));
        assumeTrue(zips.stream().allMatch(Files::isRegularFile), "the function.zip files are not built (" + zips
                + "); build them with mvn -DskipTests install (or ./awoooi build) to run the end-to-end test");
        stack = LocalStack.builder().stateDir(stateDir).environment(Map.of()).start();
        context = new DemoContext(stack);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(stack.apiUrl().toString()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + stack.agentToken()))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(McpSchema.Implementation.builder("e2e-agent", "1.0").build()).build();
        // an incident to work on: the bundled webhook, analyzed (root cause postgres-db, a restart proposed)
        JsonNode accepted = DemoContext.expect(context.post("/v1/alerts", stack.intakeToken(), DemoContext.webhook()),
                202);
        incident = accepted.path("incidentId").asText();
        await(60, "the analysis's own approval request",
                () -> outbox(n -> n.path("incidentId").asText().equals(incident)
                        && n.path("kind").asText().equals("approval_requested")).size() >= 2);
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void sdkClient_initializeAndToolsList_theFiveToolsWithSchemasAndTheIncidentResource() {
        // WHEN the SDK's client connects
        McpSchema.InitializeResult init = client.initialize();

        // THEN it talks to AWOOOI, whose tools read and propose, none approves or executes
        assertThat(init.serverInfo().name()).isEqualTo("awoooi");
        assertThat(init.instructions()).contains("cannot approve or execute");
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name)
                .containsExactly("list_incidents", "get_incident", "list_actions", "propose_action", "get_approval");
        assertThat(tools).allSatisfy(t -> assertThat(t.inputSchema().get("type")).isEqualTo("object"));
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactly("awoooi://incidents/{incidentId}");
    }

    @Test
    @Order(2)
    void sdkClient_readsTheIncidentAndTheCatalog_labelsOnlyNoVaultValue() throws Exception {
        JsonNode listed = structured(client.callTool(toolCall("list_incidents", Map.of("status", "FIRING"))));
        assertThat(listed.path("incidents").findValuesAsText("id")).contains(incident);
        JsonNode doc = structured(client.callTool(toolCall("get_incident", Map.of("incidentId", incident))));
        assertThat(doc.path("analysis").path("rootCauses").path(0).path("service").asText())
                .isEqualTo("shop/postgres-db");
        assertThat(doc.toString()).containsPattern("\\[IP_\\d+\\]").doesNotContain("groupKeyHash");
        String resource = ((McpSchema.TextResourceContents) client.readResource(
                McpSchema.ReadResourceRequest.builder("awoooi://incidents/" + incident).build()).contents().get(0))
                .text();
        try (VaultReader vault = new VaultReader(stack)) {
            for (String value : vault.values(incident).values()) {
                assertThat(doc.toString()).doesNotContain(value);
                assertThat(resource).doesNotContain(value);
            }
        }
        JsonNode catalog = structured(client.callTool(toolCall("list_actions", Map.of())));
        assertThat(catalog.path("actions").findValuesAsText("id")).contains("restart_pod", "delete_namespace");
        assertThat(catalog.path("actions").path(0).path("parameters").path("required").toString()).contains("pod");
    }

    @Test
    @Order(3)
    void agentToken_refusedOnEveryOtherRoute_andOtherTokensRefusedOnMcp() throws Exception {
        String agent = stack.agentToken();
        List<HttpRoute> routes = HttpRoute.of(FunctionSpec.fromTemplate(stack.template(), stack.resources()));
        assertThat(routes).extracting(HttpRoute::path).contains("/mcp", "/v1/alerts", "/v1/incidents");
        for (HttpRoute route : routes) {
            if (route.path().equals("/mcp")) {
                continue;
            }
            String path = route.path()
                    .replace("{id}", route.path().startsWith("/v1/approvals") ? ApprovalRequest.idFor(incident)
                            : incident)
                    .replace("{proxy+}", route.method().equals("POST") ? "sign-out" : "incidents/" + incident);
            HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + agent).header("Accept", "application/json");
            // the signed links' forms (approvals, and the drift decisions' Accept and Rollback) carry the token as t
            boolean form = path.startsWith("/v1/approvals") || path.startsWith("/v1/drift/decisions");
            if (route.method().equals("POST")) {
                request.header("Content-Type", form ? "application/x-www-form-urlencoded"
                        : "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                form
                                        ? "decision=approve&t=" + URLEncoder.encode(agent, StandardCharsets.UTF_8)
                                        : new String(DemoContext.webhook(), StandardCharsets.UTF_8)));
            } else {
                request.method(route.method(), HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (path.startsWith("/console") && answer.statusCode() == 303) {
                // the console's pages know sessions, not bearers: the agent is sent to the sign-in form
                assertThat(answer.headers().firstValue("Location")).as(route + " with the agent's token")
                        .hasValueSatisfying(l -> assertThat(l).contains("/console/sign-in"));
                assertThat(answer.body()).doesNotContain(incident);
            } else {
                assertThat(answer.statusCode()).as(route + " with the agent's token").isIn(401, 403);
            }
        }
        for (String other : List.of(stack.operatorToken(), stack.intakeToken(), "")) {
            assertThat(rawMcp(other, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").statusCode())
                    .isEqualTo(401);
        }
        // and the approval the analysis asked for is untouched
        assertThat(approvalStatus(ApprovalRequest.idFor(incident))).isEqualTo("PENDING");
    }

    @Test
    @Order(4)
    void proposeAction_refusals_widenedCriticalOutsideUnknownTool_nothingRequested() throws Exception {
        int before = outbox(n -> n.path("kind").asText().equals("approval_requested")).size();
        assertThat(toolError("propose_action", Map.of("incidentId", incident, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "postgres-db-0", "gracePeriodSeconds", "0"))))
                .contains("invalid");
        assertThat(toolError("propose_action", Map.of("incidentId", incident, "action", "scale_deployment",
                "params", Map.of("namespace", "shop", "deployment", "order-api", "replicas", "5000"))))
                .contains("invalid");
        assertThat(toolError("propose_action", Map.of("incidentId", incident, "action", "delete_namespace",
                "params", Map.of("namespace", "shop")))).contains("critical");
        assertThat(toolError("propose_action", Map.of("incidentId", incident, "action", "restart_pod",
                "params", Map.of("namespace", "kube-system", "pod", "coredns-0")))).contains("out_of_scope");
        assertThat(toolError("propose_action", Map.of("incidentId", incident, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "[POD_42]")))).contains("out_of_scope");
        // no tool approves, executes or opens the vault
        for (String tool : List.of("approve_action", "execute_action", "read_vault")) {
            HttpResponse<String> r = rawMcp(stack.agentToken(),
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                            + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}");
            assertThat(r.body()).as(tool).containsAnyOf("\"error\"", "\"isError\":true");
        }
        Thread.sleep(500);
        assertThat(outbox(n -> n.path("kind").asText().equals("approval_requested"))).hasSize(before);
        // the AI trace records each of the agent's requests, refused ones too, with the agent's id
        assertThat(aiTraces()).filteredOn(t -> t.get("agent").s().equals("agent:claude-oncall"))
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(t -> assertThat(t.get("accepted").bool()).isFalse());
    }

    @Test
    @Order(5)
    void proposeApproveExecuteVerify_onlyPeopleSign_theAgentCannot() throws Exception {
        Map<String, Object> restart = Map.of("incidentId", incident, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "postgres-db-0"));
        // GIVEN the analysis's own request is this very action: the agent is pointed at it, nobody is paged
        JsonNode same = structured(client.callTool(toolCall("propose_action", restart)));
        assertThat(same.path("outcome").asText()).isEqualTo("already_requested");
        assertThat(same.path("requestId").asText()).isEqualTo(ApprovalRequest.idFor(incident));
        // alice rejects the analysis's request (a person wants another look)
        String aliceOwn = linksOf(ApprovalRequest.idFor(incident)).get("alice");
        DemoContext.expect(TracerBullet.decide(context, aliceOwn, "reject"), 200);
        String uidBefore = TracerBullet.podUid(context);

        // WHEN the agent proposes the restart
        JsonNode proposed = structured(client.callTool(toolCall("propose_action", restart)));

        // THEN a new request, PENDING, HIGH (a database), needing people; no link in the answer
        String requestId = proposed.path("requestId").asText();
        assertThat(proposed.path("outcome").asText()).isEqualTo("requested");
        assertThat(requestId).isNotEqualTo(ApprovalRequest.idFor(incident));
        assertThat(proposed.path("status").asText()).isEqualTo("PENDING");
        int needed = proposed.path("quorum").path("count").asInt();
        assertThat(needed).isGreaterThanOrEqualTo(1);
        assertThat(proposed.toString()).doesNotContain("?t=");
        // the approvers got cards saying which agent proposed it, with their own links
        Map<String, String> links = new TreeMap<>();
        await(30, "links of the agent's request", () -> {
            links.clear();
            links.putAll(linksOf(requestId));
            return links.keySet().containsAll(TracerBullet.DEMO_SIGNERS);
        });
        for (JsonNode card : outbox(n -> n.path("links").path(0).path("url").asText().contains(requestId))) {
            assertThat(card.path("subject").asText()).contains("(proposed by agent claude-oncall)");
            assertThat(card.path("text").asText()).contains("Proposed by agent claude-oncall");
        }
        // the card page (what a person opens) says it too
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(links.get("alice"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Proposed by agent claude-oncall");

        // nothing ran; the agent cannot sign with its token, in any form
        Thread.sleep(1_000);
        assertThat(TracerBullet.podUid(context)).isEqualTo(uidBefore);
        String bare = links.get("alice").substring(0, links.get("alice").indexOf('?'));
        assertThat(context
                .follow(bare, "decision=approve&t=" + URLEncoder.encode(stack.agentToken(), StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(approvalStatus(requestId)).isEqualTo("PENDING");

        // WHEN the people sign
        for (int i = 0; i < needed; i++) {
            DemoContext.expect(TracerBullet.decide(context, links.get(TracerBullet.DEMO_SIGNERS.get(i)), "approve"),
                    200);
        }

        // THEN the executor acts (TOCTOU re-check, then the restart) and the effectiveness check judges it
        JsonNode[] approval = new JsonNode[1];
        await(90, "the agent's request executed and verified", () -> {
            approval[0] = structured(client.callTool(toolCall("get_approval", Map.of("requestId", requestId))));
            return approval[0].path("execution").has("outcome")
                    || approval[0].path("status").asText().matches("VOIDED|FAILED");
        });
        assertThat(approval[0].path("status").asText()).as(approval[0].toString()).isEqualTo("EXECUTED");
        assertThat(approval[0].path("execution").path("outcome").asText()).isEqualTo("EFFECTIVE");
        assertThat(approval[0].path("proposedBy").asText()).isEqualTo("agent:claude-oncall");
        assertThat(approval[0].path("signatures").size()).isEqualTo(needed);
        assertThat(approval[0].toString()).doesNotContain("?t=").doesNotContain("nonce");
        assertThat(TracerBullet.podUid(context)).isNotEqualTo(uidBefore);
        // the audit: the request and its chain name the agent; the AI trace holds its accepted request
        JsonNode timeline = DemoContext.expect(context.get("/v1/incidents/" + incident, stack.operatorToken()), 200)
                .path("timeline");
        assertThat(timeline.findValuesAsText("actor")).contains("agent:claude-oncall");
        assertThat(aiTraces()).anySatisfy(t -> {
            assertThat(t.get("agent").s()).isEqualTo("agent:claude-oncall");
            assertThat(t.get("accepted").bool()).isTrue();
            assertThat(t.get("prompt").s()).contains("propose_action").contains("postgres-db-0");
        });
        // trust is the agent's own pattern's
        var trust = stack.dynamo().getItem(b -> b.tableName(stack.resources().tableName("TrustTable"))
                .key(Map.of("PK", AttributeValue.fromS("agent/claude-oncall/restart_pod:shop/postgres-db-*")))).item();
        assertThat(trust).as("the agent's trust row").isNotEmpty();
    }

    @Test
    @Order(6)
    void role_cannotDispatchReadTheVaultOrDecryptItsKeys() {
        LocalIam iam = stack.iam();
        var r = stack.resources();
        assertThat(iam.allowed("McpFunction", "sqs:SendMessage", r.queueArn("ExecutionsQueue"))).isFalse();
        assertThat(iam.allowed("McpFunction", "dynamodb:Query", r.tableArn("VaultTable"))).isFalse();
        assertThat(iam.allowed("McpFunction", "dynamodb:GetItem", r.tableArn("VaultTable"))).isFalse();
        assertThat(iam.allowed("McpFunction", "kms:Decrypt", stack.kms().keyArn("VaultKey"))).isFalse();
        assertThat(iam.allowed("McpFunction", "secretsmanager:GetSecretValue", r.secretArn("OperatorTokenSecret")))
                .isFalse();
        assertThat(iam.allowed("McpFunction", "dynamodb:PutItem", r.tableArn("StateTable"))).isTrue();
        // and the function never tried: no access denied in its log
        assertThat(String.join("\n", stack.functionLog("McpFunction"))).doesNotContain("AccessDenied");
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode structured(McpSchema.CallToolResult result) throws Exception {
        assertThat(result.isError()).as(String.valueOf(result.content())).isNotEqualTo(Boolean.TRUE);
        return JSON.readTree(JSON.writeValueAsString(result.structuredContent()));
    }

    private String toolError(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(toolCall(tool, arguments));
        assertThat(result.isError()).as(tool + " " + arguments).isTrue();
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private HttpResponse<String> rawMcp(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl().resolve("/mcp"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String approvalStatus(String requestId) throws Exception {
        return structured(client.callTool(toolCall("get_approval", Map.of("requestId", requestId))))
                .path("status").asText();
    }

    private List<JsonNode> outbox(Predicate<JsonNode> which) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        DemoContext.expect(context.get("/local/outbox", null), 200).forEach(n -> {
            if (which.test(n)) {
                out.add(n);
            }
        });
        return out;
    }

    private Map<String, String> linksOf(String requestId) throws Exception {
        Map<String, String> links = new TreeMap<>();
        for (JsonNode n : outbox(n -> n.path("kind").asText().equals("approval_requested"))) {
            String url = n.path("links").path(0).path("url").asText("");
            if (url.contains("/v1/approvals/" + requestId + "?")) {
                links.put(n.path("recipient").asText(), url);
            }
        }
        return links;
    }

    private List<Map<String, AttributeValue>> aiTraces() {
        return stack.dynamo().query(b -> b.tableName(stack.resources().tableName("StateTable"))
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incident),
                        ":sk", AttributeValue.fromS("AUDIT#"))))
                .items().stream()
                .filter(i -> i.containsKey("operation") && i.get("operation").s().equals("ai_trace")).toList();
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void await(int seconds, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not seen after " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }

    /** A tools/call request for {@code name} with these arguments. */
    private static McpSchema.CallToolRequest toolCall(String name, Map<String, Object> arguments) {
        return McpSchema.CallToolRequest.builder(name).arguments(arguments).build();
    }
}
