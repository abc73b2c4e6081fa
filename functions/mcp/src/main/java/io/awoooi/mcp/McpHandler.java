package io.awoooi.mcp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.core.agent.AgentId;
import io.awoooi.core.agent.AgentTokens;
import io.awoooi.core.failure.DependencyUnavailableException;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * POST /mcp: MCP's Streamable HTTP transport, stateless (one JSON-RPC message per POST, a JSON
 * answer, no session, no SSE), for outside agents. Each agent presents its own bearer token (the
 * agent token secret); the operator, intake and link tokens are not agents' and are refused here, as
 * an agent's token is refused everywhere else. Then: at most {@value #MAX_BODY} bytes, JSON, a
 * supported {@code MCP-Protocol-Version} when one is named, no foreign {@code Origin} (a browser page
 * on another site). GET and DELETE answer 405: there is no stream to open and no session to end.
 */
@Named("mcp")
public class McpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(McpHandler.class);
    static final int MAX_BODY = 256 * 1024;

    @Inject
    LambdaStatelessTransport transport;

    @Inject
    Supplier<AgentTokens> agents;

    @Inject
    @Named("publicBaseUrl")
    Optional<URI> publicBaseUrl;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LogContext.invocation(context == null ? null : context.getAwsRequestId());
        LogContext.correlation(event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId());
        try {
            return handle(new HttpApiRequest(event));
        } finally {
            LogContext.clear();
        }
    }

    private APIGatewayV2HTTPResponse handle(HttpApiRequest request) {
        Optional<AgentId> agent;
        try {
            agent = agents.get().authenticate(request.header("authorization").orElse(null));
        } catch (DependencyUnavailableException e) {
            LOG.errorf("the agent tokens could not be read (%s); answering 503", e.getMessage());
            return HttpApiResponses.unavailable(e);
        } catch (IllegalArgumentException e) {
            // a malformed secret (the message never repeats a token): nobody gets in until it is fixed
            LOG.errorf("the agent token secret is unusable: %s", e.getMessage());
            return HttpApiResponses.error(503, "unavailable", "the service cannot verify tokens right now");
        }
        if (agent.isEmpty()) {
            return HttpApiResponses.unauthorized();
        }
        if (!request.routeKey().equals("POST /mcp")) {
            APIGatewayV2HTTPResponse r = HttpApiResponses.error(405, "method_not_allowed",
                    "stateless MCP: POST one JSON-RPC message; there is no stream to open and no session to end");
            Map<String, String> headers = new LinkedHashMap<>(r.getHeaders());
            headers.put("allow", "POST");
            r.setHeaders(headers);
            return r;
        }
        Optional<String> origin = request.header("origin");
        String host = request.header("host").orElse(domainName(request).orElse(""));
        if (origin.isPresent() && !sameHost(origin.get(), host)) {
            return HttpApiResponses.error(403, "forbidden", "requests from a page of another site are refused");
        }
        if (request.bodySize() > MAX_BODY) {
            return HttpApiResponses.error(413, "too_large", "a message is at most " + MAX_BODY + " bytes");
        }
        if (!request.mediaType().equals("application/json")) {
            return HttpApiResponses.error(415, "unsupported_media_type",
                    "post application/json (one JSON-RPC message)");
        }
        Optional<String> accept = request.header("accept");
        if (accept.isPresent() && !accept.get().contains("application/json") && !accept.get().contains("*/*")) {
            return HttpApiResponses.error(406, "not_acceptable", "this server answers application/json");
        }
        Optional<String> version = request.header("mcp-protocol-version");
        if (version.isPresent() && !transport.protocolVersions().contains(version.get())) {
            return HttpApiResponses.error(400, "unsupported_protocol_version",
                    "supported: " + String.join(", ", transport.protocolVersions()));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(AgentTools.AGENT, agent.get());
        context.put(AgentTools.CLIENT,
                request.header("user-agent").map(ua -> ua.length() <= 100 ? ua : ua.substring(0, 100))
                        .orElse(""));
        context.put(AgentTools.BASE_URL, publicBaseUrl.orElseGet(() -> URI.create("https://" + host + "/")));
        try {
            LambdaStatelessTransport.Answer answer = transport.handle(
                    new String(request.body(), StandardCharsets.UTF_8), McpTransportContext.create(context));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status())
                    .withHeaders(answer.body().isEmpty() ? Map.of("cache-control", "no-store")
                            : Map.of("content-type", "application/json", "cache-control", "no-store"))
                    .withBody(answer.body()).withIsBase64Encoded(false).build();
        } catch (DependencyUnavailableException e) {
            LOG.warnf("%s unavailable, answering 503: %s", e.dependency(), e.getMessage());
            return HttpApiResponses.unavailable(e);
        }
    }

    private static Optional<String> domainName(HttpApiRequest request) {
        var ctx = request.event().getRequestContext();
        return Optional.ofNullable(ctx == null ? null : ctx.getDomainName());
    }

    /** Whether a browser's Origin names the host the request came to. */
    static boolean sameHost(String origin, String host) {
        try {
            URI o = URI.create(origin.strip());
            String authority = o.getRawAuthority();
            return authority != null
                    && authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
