package io.awoooi.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport in its stateless form, for a Lambda request/response handler: one
 * JSON-RPC message per POST, a JSON answer (never an SSE stream, no session). The SDK's
 * {@code HttpServletStatelessServerTransport} does the same for a servlet container; a Lambda
 * function has none, so this adapter hands the body to the SDK's stateless server
 * ({@link McpStatelessServerHandler}) and gives back what HTTP answer it makes:
 * <ul>
 *   <li>a request: 200 and its JSON-RPC response (a result, or a JSON-RPC error);</li>
 *   <li>a notification (e.g. {@code notifications/initialized}): 202, no body;</li>
 *   <li>a response, a batch or a body that is no JSON-RPC message: 400 with a JSON-RPC error.</li>
 * </ul>
 */
public final class LambdaStatelessTransport implements McpStatelessServerTransport {
    /** The longest a tool may take: the function's own timeout (30 s) stops it anyway. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(25);

    private final McpJsonMapper json;
    private volatile McpStatelessServerHandler handler;

    public LambdaStatelessTransport(McpJsonMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** What the HTTP answer is: a status and, unless 202, a JSON body. */
    public record Answer(int status, String body) {
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public List<String> protocolVersions() {
        return List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
                ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
    }

    /** Handles one POSTed body with the caller's context (who the agent is). */
    public Answer handle(String body, McpTransportContext context) {
        McpStatelessServerHandler h = handler;
        if (h == null) {
            throw new IllegalStateException("the MCP server is not attached to this transport");
        }
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("[")) {
            return error(400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "JSON-RPC batches are not supported: send one message per POST");
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, trimmed);
        } catch (IOException | RuntimeException e) {
            return error(400, null, McpSchema.ErrorCodes.PARSE_ERROR, "the body is not a JSON-RPC 2.0 message");
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse response;
            try {
                response = h.handleRequest(context, request)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                        .block(REQUEST_TIMEOUT);
            } catch (RuntimeException e) {
                // what failed is ours, not the agent's: no detail (it could carry a value)
                return error(500, request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR, "the request failed; retry");
            }
            return new Answer(200, write(response));
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            try {
                h.handleNotification(context, notification)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                        .block(REQUEST_TIMEOUT);
            } catch (RuntimeException e) {
                // a notification has no answer; the server logs its own trouble
            }
            return new Answer(202, "");
        }
        return error(400, null, McpSchema.ErrorCodes.INVALID_REQUEST,
                "the server accepts requests and notifications only");
    }

    private Answer error(int status, Object id, int code, String message) {
        if (id == null) {
            // JSON-RPC's answer to a message whose id could not be read has id null; the SDK's
            // response type refuses a null id, so this one is written by hand
            java.util.Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("jsonrpc", McpSchema.JSONRPC_VERSION);
            out.put("id", null);
            out.put("error", error);
            return new Answer(status, write(out));
        }
        return new Answer(status, write(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null,
                new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null))));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON-RPC message could not be written", e);
        }
    }
}
