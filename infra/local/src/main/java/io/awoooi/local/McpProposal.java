package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's {@code mcp_proposal} step (issue #17): an outside agent, speaking MCP's stateless
 * Streamable HTTP with its own token, reads the second incident (its database crash-loops again),
 * proposes to restart postgres-db-0, and gets a request id, a risk and a quorum, never an execution.
 * The request reaches alice and bob as an approval card that says which agent proposed it; the
 * agent cannot sign it, its token opens no other door, nothing runs until the people sign; then it
 * runs, through the executor's TOCTOU check, and the effectiveness check says it helped.
 */
final class McpProposal {
    static final String AGENT = "claude-oncall";
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpProposal() {
    }

    static void mcpProposal(DemoContext context) throws Exception {
        String incident = context.fact(TracerBullet.INCIDENT_ID + ".voided", "toctou_voided");
        String token = context.stack().agentToken();
        Session mcp = new Session(context, token);

        // the handshake and the tools
        JsonNode init = mcp.request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "awoooi-demo-agent", "version", "1.0")));
        if (!init.path("serverInfo").path("name").asText().equals("awoooi")) {
            throw new DemoStep.StepFailed("initialize answered " + init);
        }
        mcp.notification("notifications/initialized");
        List<String> tools = new ArrayList<>();
        mcp.request("tools/list", Map.of()).path("tools").forEach(t -> tools.add(t.path("name").asText()));
        if (!tools
                .equals(List.of("list_incidents", "get_incident", "list_actions", "propose_action", "get_approval"))) {
            throw new DemoStep.StepFailed("tools/list answered " + tools);
        }

        // the tokens do not cross: the agent's opens no other route, the operator's not /mcp
        expectStatus(context.get("/v1/incidents", token), 401, "the operator API with the agent's token");
        expectStatus(context.post("/v1/alerts", token, DemoContext.webhook()), 401,
                "the intake with the agent's token");
        expectStatus(context.post("/mcp", context.stack().operatorToken(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8)), 401,
                "/mcp with the operator's token");

        // the agent reads the incident: labels, never a vault value
        JsonNode read = mcp.tool("get_incident", Map.of("incidentId", incident));
        if (!read.path("status").asText().equals("FIRING") || !read.has("analysis")) {
            throw new DemoStep.StepFailed("get_incident answered " + read.path("status") + " without an analysis");
        }
        try (VaultReader vault = new VaultReader(context.stack())) {
            for (Map.Entry<String, String> sealed : vault.values(incident).entrySet()) {
                if (read.toString().contains(sealed.getValue())) {
                    throw new DemoStep.StepFailed("get_incident shows the value of " + sealed.getKey());
                }
            }
        }

        // it proposes on the pod as the incident shows it (shop/postgres-db-0, or its labels when
        // Kubernetes names are labelled, ADR 0014: an agent never sees a real name there); it gets a
        // request, its risk and quorum
        String namespace = null;
        String pod = null;
        for (JsonNode alert : read.path("alerts")) {
            JsonNode labels = alert.path("labels");
            if (labels.path("pod").isTextual() && labels.path("namespace").isTextual() && TracerBullet.revealed(context,
                    incident, labels.path("namespace").asText() + "/" + labels.path("pod").asText())
                    .equals("shop/postgres-db-0")) {
                namespace = labels.path("namespace").asText();
                pod = labels.path("pod").asText();
                break;
            }
        }
        if (pod == null) {
            throw new DemoStep.StepFailed("get_incident shows no alert naming shop/postgres-db-0 (or its labels)");
        }
        String uidBefore = TracerBullet.podUid(context);
        JsonNode proposed = mcp.tool("propose_action", Map.of("incidentId", incident, "action", "restart_pod",
                "params", Map.of("namespace", namespace, "pod", pod)));
        String requestId = proposed.path("requestId").asText();
        int needed = proposed.path("quorum").path("count").asInt();
        if (!proposed.path("outcome").asText().equals("requested")
                || !proposed.path("status").asText().equals("PENDING")
                || needed < 1) {
            throw new DemoStep.StepFailed("propose_action answered " + proposed);
        }
        if (proposed.toString().contains("?t=")) {
            throw new DemoStep.StepFailed("propose_action answered an approval link");
        }
        context.remember("mcp.requestId", requestId);

        // the approval card reaches the people, and says who proposed
        Map<String, String> links = awaitLinks(context, requestId, 30);
        if (!links.keySet().containsAll(TracerBullet.DEMO_SIGNERS)) {
            throw new DemoStep.StepFailed("the agent's request reached " + links.keySet() + ", expected "
                    + TracerBullet.DEMO_SIGNERS);
        }

        // nothing ran; the agent cannot sign (no link token of its own, its bearer counts for nothing)
        Thread.sleep(500);
        if (!TracerBullet.podUid(context).equals(uidBefore)) {
            throw new DemoStep.StepFailed("postgres-db-0 was replaced before anyone signed");
        }
        String page = links.get(TracerBullet.DEMO_SIGNERS.get(0));
        String bare = page.substring(0, page.indexOf('?'));
        expectStatus(
                context.follow(bare, "decision=approve&t=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)),
                403, "an approval with the agent's token as the link token");
        expectStatus(context.follow(bare, "decision=approve&t="), 403, "an approval without a link token");
        if (!mcp.tool("get_approval", Map.of("requestId", requestId)).path("status").asText().equals("PENDING")) {
            throw new DemoStep.StepFailed("the agent's request is no longer PENDING before anyone signed");
        }

        // the people sign with their links until the quorum is met; then it runs and is checked
        for (int i = 0; i < needed; i++) {
            String who = TracerBullet.DEMO_SIGNERS.get(i);
            DemoContext.expect(TracerBullet.decide(context, links.get(who), "approve"), 200);
        }
        JsonNode approval = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            approval = mcp.tool("get_approval", Map.of("requestId", requestId));
            if (approval.path("execution").has("outcome")
                    || approval.path("status").asText().matches("VOIDED|FAILED")) {
                break;
            }
            Thread.sleep(300);
        }
        if (approval == null || !approval.path("status").asText().equals("EXECUTED")
                || !approval.path("execution").path("outcome").asText().equals("EFFECTIVE")) {
            throw new DemoStep.StepFailed(
                    "the agent's request ended " + (approval == null ? "unknown" : approval.path("status")
                            + " " + approval.path("execution")) + ", expected EXECUTED and EFFECTIVE");
        }
        if (approval.path("signatures").size() != needed
                || !approval.path("proposedBy").asText().equals("agent:" + AGENT)) {
            throw new DemoStep.StepFailed(
                    "get_approval shows " + approval.path("signatures").size() + " signatures, proposed by "
                            + approval.path("proposedBy"));
        }
        if (TracerBullet.podUid(context).equals(uidBefore)) {
            throw new DemoStep.StepFailed("the request is EXECUTED but postgres-db-0 is the same pod as before");
        }
    }

    /** The approval links the outbox holds for one request, by recipient; each card names the agent. */
    static Map<String, String> awaitLinks(DemoContext context, String requestId, int seconds) throws Exception {
        Map<String, String> links = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            links.clear();
            for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
                String url = n.path("links").path(0).path("url").asText("");
                if (n.path("kind").asText().equals("approval_requested")
                        && url.contains("/v1/approvals/" + requestId + "?")) {
                    if (!n.path("text").asText().contains("Proposed by agent " + AGENT)
                            || !n.path("subject").asText().contains("(proposed by agent " + AGENT + ")")) {
                        throw new DemoStep.StepFailed("the approval card to " + n.path("recipient").asText()
                                + " does not say agent " + AGENT + " proposed it");
                    }
                    links.put(n.path("recipient").asText(), url);
                }
            }
            if (links.keySet().containsAll(TracerBullet.DEMO_SIGNERS)) {
                return links;
            }
            Thread.sleep(250);
        }
        return links;
    }

    private static void expectStatus(java.net.http.HttpResponse<String> response, int status, String what)
            throws DemoStep.StepFailed {
        if (response.statusCode() != status) {
            throw new DemoStep.StepFailed(what + " answered " + response.statusCode() + ", expected " + status);
        }
    }

    /** A stateless MCP client in a few lines: JSON-RPC over POST /mcp with the agent's bearer token. */
    private static final class Session {
        private final DemoContext context;
        private final String token;
        private int id;

        Session(DemoContext context, String token) {
            this.context = context;
            this.token = token;
        }

        JsonNode request(String method, Object params) throws Exception {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("jsonrpc", "2.0");
            message.put("id", ++id);
            message.put("method", method);
            message.put("params", params);
            JsonNode answer = DemoContext.expect(context.post("/mcp", token, JSON.writeValueAsBytes(message)), 200);
            if (answer.has("error")) {
                throw new DemoStep.StepFailed(method + " answered the error " + answer.path("error"));
            }
            return answer.path("result");
        }

        void notification(String method) throws Exception {
            expectStatus(
                    context.post("/mcp", token, JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method", method))),
                    202, method);
        }

        /** A tool's structured answer; a tool error fails the step with its text. */
        JsonNode tool(String name, Map<String, Object> arguments) throws Exception {
            JsonNode result = request("tools/call", Map.of("name", name, "arguments", arguments));
            if (result.path("isError").asBoolean(false)) {
                throw new DemoStep.StepFailed(
                        name + " answered: " + result.path("content").path(0).path("text").asText());
            }
            return result.path("structuredContent");
        }
    }
}
