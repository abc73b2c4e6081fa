package io.awoooi.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses for API Gateway HTTP API handlers, including the typed error shape. */
public final class HttpApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"))
                    .withBody(JSON.writeValueAsString(body))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body could not be written as JSON", e);
        }
    }

    /**
     * An HTML page that may show a token-bearing URL: never cached, never framed, no scripts, no
     * referrer (the link's token must not leak to another site), forms only back to us.
     */
    public static APIGatewayV2HTTPResponse html(int status, String page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", "no-store");
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-frame-options", "DENY");
        headers.put("x-content-type-options", "nosniff");
        headers.put("content-security-policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(page)
                .withIsBase64Encoded(false)
                .build();
    }

    /** {@code {"error": code, "detail": detail}}; the detail must never carry request values. */
    public static APIGatewayV2HTTPResponse error(int status, String code, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", detail);
        return json(status, body);
    }

    /**
     * 503 for something the request depends on that cannot be used now (the one answer to the
     * {@link io.awoooi.core.failure.DependencyUnavailableException} family): what is unavailable,
     * in our words, and Retry-After, so clients (Alertmanager, an agent, a browser) try again.
     */
    public static APIGatewayV2HTTPResponse unavailable(io.awoooi.core.failure.DependencyUnavailableException e) {
        APIGatewayV2HTTPResponse r = error(503, "unavailable", e.dependency() + " is unavailable right now; retry");
        Map<String, String> headers = new LinkedHashMap<>(r.getHeaders());
        headers.put("retry-after", "5");
        r.setHeaders(headers);
        return r;
    }

    /** 401 with no detail, and the challenge header RFC 6750 asks for. */
    public static APIGatewayV2HTTPResponse unauthorized() {
        APIGatewayV2HTTPResponse r = error(401, "unauthorized", "");
        Map<String, String> headers = new LinkedHashMap<>(r.getHeaders());
        headers.put("www-authenticate", "Bearer");
        r.setHeaders(headers);
        return r;
    }

    /**
     * A 303 to a path of ours (after a form: the browser GETs it, a reload does not post again),
     * with the HTML headers.
     */
    public static APIGatewayV2HTTPResponse seeOther(String location) {
        if (!location.startsWith("/") || location.startsWith("//")) {
            throw new IllegalArgumentException("redirects go to a path of this API only");
        }
        APIGatewayV2HTTPResponse r = html(303, "");
        Map<String, String> headers = new LinkedHashMap<>(r.getHeaders());
        headers.put("location", location);
        r.setHeaders(headers);
        return r;
    }

    /** The response with these Set-Cookie values (payload 2.0's {@code cookies}). */
    public static APIGatewayV2HTTPResponse withCookies(APIGatewayV2HTTPResponse response,
            java.util.List<String> cookies) {
        response.setCookies(java.util.List.copyOf(cookies));
        return response;
    }
}
