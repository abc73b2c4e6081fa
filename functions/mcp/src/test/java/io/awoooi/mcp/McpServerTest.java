package io.awoooi.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentReadModel;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisDocument;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.approval.ProposeAgentAction;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.approval.StaticDryRunner;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP server over its Lambda transport, driven with raw JSON-RPC, on in-memory stores: the
 * protocol (initialize, tools/list, tools/call, resources, notifications, malformed input) and what an
 * agent can and cannot get. The same server behind the real handler, with the SDK's own client, runs
 * on the local stack (infra/local McpBridgeEndToEndTest).
 */
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT = ApprovalFixture.incidentId(3);
    private static final AgentId AGENT = new AgentId("claude-oncall");

    private final ApprovalFixture f = new ApprovalFixture();
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final Map<String, io.awoooi.core.incident.view.AnalysisView> analyses = new HashMap<>();
    private final Map<String, List<RedactedAlert>> alertRows = new HashMap<>();
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private LambdaStatelessTransport transport;

    private final AnalysisStore analysisStore = new AnalysisStore() {
        @Override
        public void save(Analysis analysis) {
            analyses.put(analysis.incidentId(), AnalysisDocument.view(analysis));
        }

        @Override
        public Optional<io.awoooi.core.incident.view.AnalysisView> latest(String incidentId) {
            return Optional.ofNullable(analyses.get(incidentId));
        }
    };

    private final RedactedAlertStore alerts = new RedactedAlertStore() {
        @Override
        public void save(String incidentId, List<RedactedAlert> list) {
            alertRows.put(incidentId, List.copyOf(list));
        }

        @Override
        public List<RedactedAlert> alerts(String incidentId) {
            return alertRows.getOrDefault(incidentId, List.of());
        }
    };

    @BeforeEach
    void server() {
        incidents.create(Incident.open(INCIDENT, "group-3", List.of(new io.awoooi.core.alert.Alert(AlertStatus.FIRING,
                Map.of("alertname", "OrderApiDown"), Map.of(), ApprovalFixture.NOW, Optional.empty(), "",
                "00000000000000f1")), ApprovalFixture.NOW));
        alerts.save(INCIDENT, List.of(new RedactedAlert("00000000000000f1", ApprovalFixture.NOW, AlertStatus.FIRING,
                Optional.empty(), Map.of("alertname", "OrderApiDown", "namespace", "shop", "instance", "[IP_1]:9090"),
                Map.of("summary", "order-api cannot reach [IP_1]"), "")));
        analysisStore.save(ApprovalFixture.analysis(INCIDENT, ApprovalFixture.rolloutRestart("order-api"), 2));
        IncidentReader reader = new IncidentReader(incidents, alerts, analysisStore, f.operations,
                new ApprovalSection(f.store, f.clock), io.awoooi.core.incident.IncidentSection.none(), null, f.clock);
        AgentReadModel readModel = new AgentReadModel(reader, f.store, f.operations, f.clock);
        LeakGuard guard = new LeakGuard(new PiiScanner(),
                report -> leaks.add(report.channel() + " " + report.incidentId()),
                f.clock);
        AgentDesk desk = new AgentDesk(() -> readModel, baseUrl -> new ProposeAgentAction(
                McpWiring.forAgents(f.desk(), baseUrl), incidents, alerts, analysisStore, StaticDryRunner.passing(),
                new RiskPolicy(), Duration.ofMinutes(30), trace -> {
                }), guard);
        var json = new JacksonMcpJsonMapper(new ObjectMapper());
        transport = new LambdaStatelessTransport(json);
        AgentTools.server(transport, desk, json, "test");
    }

    private static McpTransportContext asAgent() {
        return McpTransportContext.create(Map.of(AgentTools.AGENT, AGENT, AgentTools.CLIENT, "test",
                AgentTools.BASE_URL, URI.create("https://awoooi.example.test/")));
    }

    private JsonNode call(String method, Object params) throws Exception {
        LambdaStatelessTransport.Answer a = transport.handle(JSON.writeValueAsString(Map.of("jsonrpc", "2.0",
                "id", 1, "method", method, "params", params)), asAgent());
        assertThat(a.status()).isEqualTo(200);
        return JSON.readTree(a.body());
    }

    private JsonNode tool(String name, Map<String, Object> arguments) throws Exception {
        return call("tools/call", Map.of("name", name, "arguments", arguments)).path("result");
    }

    @Test
    void initialize_thenToolsList_theFiveToolsAndNoWayToApproveOrExecute() throws Exception {
        JsonNode init = call("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")));
        assertThat(init.path("result").path("serverInfo").path("name").asText()).isEqualTo("awoooi");
        assertThat(init.path("result").path("capabilities").has("tools")).isTrue();
        assertThat(init.path("result").path("instructions").asText()).contains("cannot approve or execute");

        JsonNode tools = call("tools/list", Map.of()).path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactly("list_incidents", "get_incident", "list_actions", "propose_action",
                "get_approval");
        tools.forEach(t -> assertThat(t.path("inputSchema").path("type").asText()).isEqualTo("object"));
    }

    @Test
    void notification_answers202WithoutBody() {
        LambdaStatelessTransport.Answer a = transport.handle(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", asAgent());
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.body()).isEmpty();
    }

    @Test
    void malformedBatchOrUnknownMethod_answeredAsJsonRpcErrors() throws Exception {
        assertThat(transport.handle("{not json", asAgent()).status()).isEqualTo(400);
        assertThat(transport.handle("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", asAgent()).status())
                .isEqualTo(400);
        JsonNode unknown = call("vault/read", Map.of());
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32601);
        JsonNode unknownTool = call("tools/call", Map.of("name", "execute_action", "arguments", Map.of()));
        assertThat(unknownTool.has("error") || unknownTool.path("result").path("isError").asBoolean()).isTrue();
    }

    @Test
    void getIncident_pseudonymizedViewWithoutGroupKeyOrOperationOutputs() throws Exception {
        JsonNode result = tool("get_incident", Map.of("incidentId", INCIDENT));
        assertThat(result.path("isError").asBoolean()).isFalse();
        JsonNode doc = result.path("structuredContent");
        assertThat(doc.path("id").asText()).isEqualTo(INCIDENT);
        assertThat(doc.path("alerts").path(0).path("labels").path("instance").asText()).isEqualTo("[IP_1]:9090");
        assertThat(doc.path("analysis").path("rootCauses").path(0).path("service").asText())
                .isEqualTo("shop/order-api");
        assertThat(doc.has("groupKeyHash")).isFalse();
        assertThat(doc.has("operations")).isFalse();
        assertThat(doc.path("analysis").has("notificationKey")).isFalse();
    }

    @Test
    void readResource_incidentUri_sameView() throws Exception {
        JsonNode result = call("resources/read", Map.of("uri", "awoooi://incidents/" + INCIDENT)).path("result");
        JsonNode doc = JSON.readTree(result.path("contents").path(0).path("text").asText());
        assertThat(doc.path("id").asText()).isEqualTo(INCIDENT);
        JsonNode templates = call("resources/templates/list", Map.of()).path("result").path("resourceTemplates");
        assertThat(templates.path(0).path("uriTemplate").asText()).isEqualTo("awoooi://incidents/{incidentId}");
    }

    @Test
    void proposeAction_becomesARequestWithRiskAndQuorum_neverALinkOrAnExecution() throws Exception {
        JsonNode result = tool("propose_action", Map.of("incidentId", INCIDENT, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp")));
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        JsonNode p = result.path("structuredContent");
        assertThat(p.path("outcome").asText()).isEqualTo("requested");
        assertThat(p.path("status").asText()).isEqualTo("PENDING");
        assertThat(p.path("risk").asText()).isEqualTo("LOW");
        assertThat(p.path("quorum").path("count").asInt()).isEqualTo(1);
        assertThat(result.toString()).doesNotContain("?t=").doesNotContain("v1.");
        assertThat(f.executions.attempts()).isEmpty();
        // the people asked got links at the request's host
        assertThat(f.channel.ofKind("approval_requested")).isNotEmpty()
                .allMatch(d -> d.notification().links().get(0).url()
                        .startsWith("https://awoooi.example.test/v1/approvals/"));

        JsonNode approval = tool("get_approval", Map.of("requestId", p.path("requestId").asText()));
        assertThat(approval.path("structuredContent").path("proposedBy").asText()).isEqualTo("agent:claude-oncall");
        assertThat(approval.path("structuredContent").path("status").asText()).isEqualTo("PENDING");
        assertThat(approval.toString()).doesNotContain("?t=").doesNotContain("nonce");

        JsonNode incident = tool("get_incident", Map.of("incidentId", INCIDENT)).path("structuredContent");
        assertThat(incident.path("agentProposals").path(0).path("requestId").asText())
                .isEqualTo(p.path("requestId").asText());
    }

    @Test
    void proposeAction_refusals_areToolErrorsThatEchoNoValue() throws Exception {
        JsonNode widened = tool("propose_action", Map.of("incidentId", INCIDENT, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "db-0", "gracePeriod", "0")));
        assertThat(widened.path("isError").asBoolean()).isTrue();
        assertThat(widened.toString()).contains("refused (invalid)");
        JsonNode outside = tool("propose_action", Map.of("incidentId", INCIDENT, "action", "restart_pod",
                "params", Map.of("namespace", "kube-system", "pod", "coredns-0")));
        assertThat(outside.toString()).contains("refused (out_of_scope)");
        JsonNode critical = tool("propose_action", Map.of("incidentId", INCIDENT, "action", "delete_namespace",
                "params", Map.of("namespace", "shop")));
        assertThat(critical.toString()).contains("refused (critical)");
        JsonNode secret = tool("propose_action", Map.of("incidentId", INCIDENT, "action", "restart_pod",
                "params", Map.of("namespace", "shop", "pod", "alice@example.com")));
        assertThat(secret.path("isError").asBoolean()).isTrue();
        assertThat(secret.toString()).doesNotContain("alice@example.com");
        assertThat(f.store.requestCount()).isZero();
    }

    @Test
    void toolCall_withoutAnAuthenticatedAgent_fails() {
        LambdaStatelessTransport.Answer a = transport.handle("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"propose_action\",\"arguments\":{\"incidentId\":\"" + INCIDENT
                + "\",\"action\":\"restart_pod\",\"params\":{\"namespace\":\"shop\",\"pod\":\"db-0\"}}}}",
                McpTransportContext.EMPTY);
        assertThat(a.body()).doesNotContain("\"requested\"");
        assertThat(f.store.requestCount()).isZero();
    }

    @Test
    void originOfAnotherSite_isNotTheSameHost() {
        assertThat(McpHandler.sameHost("https://evil.example", "abc.execute-api.us-east-1.amazonaws.com")).isFalse();
        assertThat(McpHandler.sameHost("http://127.0.0.1:8000", "127.0.0.1:8000")).isTrue();
    }

    @Test
    void getIncident_aValueTheShieldMissed_withheldAndAuditedWithTheAgent() throws Exception {
        // GIVEN a stored alert that (by a fault upstream) still carries a real address
        alerts.save(INCIDENT, List.of(new RedactedAlert("00000000000000f1", ApprovalFixture.NOW, AlertStatus.FIRING,
                Optional.empty(), Map.of("alertname", "OrderApiDown", "namespace", "shop"),
                Map.of("summary", "mail ops-lead@shop.example.com now"), "")));

        // WHEN the agent reads the incident
        JsonNode result = tool("get_incident", Map.of("incidentId", INCIDENT));

        // THEN the answer is withheld, the value is nowhere in it, and the audit names the agent
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.toString()).doesNotContain("ops-lead@shop.example.com").contains("withheld");
        assertThat(leaks).containsExactly("mcp:claude-oncall " + INCIDENT);
    }
}
