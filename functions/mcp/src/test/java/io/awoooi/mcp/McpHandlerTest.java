package io.awoooi.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentTokens;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of POST /mcp: who gets in, and what is refused before the JSON-RPC is read. */
class McpHandlerTest {
    private static final String AGENT_TOKEN = "a".repeat(30) + "-agent";
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final McpHandler handler = new McpHandler();

    @BeforeEach
    void wire() {
        var json = new JacksonMcpJsonMapper(new ObjectMapper());
        LambdaStatelessTransport transport = new LambdaStatelessTransport(json);
        McpServer.sync(transport).jsonMapper(json).serverInfo("awoooi", "test")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).build();
        handler.transport = transport;
        AgentTokens tokens = AgentTokens.parse(AGENT_TOKEN, Optional.of(new AgentId("claude-oncall")));
        handler.agents = () -> tokens;
        handler.publicBaseUrl = Optional.empty();
    }

    private APIGatewayV2HTTPResponse post(String routeKey, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json", "host", "api.example.test"));
        h.putAll(headers);
        event.setHeaders(h);
        event.setBody(body);
        event.setRequestContext(new APIGatewayV2HTTPEvent.RequestContext());
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse post(String body, Map<String, String> headers) {
        return post("POST /mcp", body, headers);
    }

    @Test
    void post_agentToken_initializeAnswered() {
        APIGatewayV2HTTPResponse r = post(INIT, Map.of("authorization", "Bearer " + AGENT_TOKEN,
                "accept", "application/json, text/event-stream"));
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getBody()).contains("\"serverInfo\"").contains("awoooi");
    }

    @Test
    void post_noWrongOrOtherTokens_401BeforeAnythingIsRead() {
        assertThat(post(INIT, Map.of()).getStatusCode()).isEqualTo(401);
        assertThat(post(INIT, Map.of("authorization", "Bearer operator-token-of-the-incident-api-123"))
                .getStatusCode()).isEqualTo(401);
        assertThat(post(INIT, Map.of("authorization", AGENT_TOKEN)).getStatusCode()).isEqualTo(401);
        assertThat(post(INIT, Map.of("authorization", "Bearer " + AGENT_TOKEN + "x")).getHeaders())
                .containsEntry("www-authenticate", "Bearer");
    }

    @Test
    void requests_thatCanNeverSucceed_clear4xx() {
        Map<String, String> auth = Map.of("authorization", "Bearer " + AGENT_TOKEN);
        assertThat(post("GET /mcp", "", auth).getStatusCode()).isEqualTo(405);
        assertThat(post("DELETE /mcp", "", auth).getHeaders()).containsEntry("allow", "POST");
        assertThat(post("x".repeat(McpHandler.MAX_BODY + 1), auth).getStatusCode()).isEqualTo(413);
        Map<String, String> text = new HashMap<>(auth);
        text.put("content-type", "text/plain");
        assertThat(post(INIT, text).getStatusCode()).isEqualTo(415);
        Map<String, String> html = new HashMap<>(auth);
        html.put("accept", "text/html");
        assertThat(post(INIT, html).getStatusCode()).isEqualTo(406);
        Map<String, String> version = new HashMap<>(auth);
        version.put("mcp-protocol-version", "1999-01-01");
        assertThat(post(INIT, version).getStatusCode()).isEqualTo(400);
        Map<String, String> foreign = new HashMap<>(auth);
        foreign.put("origin", "https://evil.example");
        assertThat(post(INIT, foreign).getStatusCode()).isEqualTo(403);
        assertThat(post("{\"jsonrpc\":", auth).getStatusCode()).isEqualTo(400);
    }
}
