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

    /** {@code {"error": code, "detail": detail}}; the detail must never carry request values. */
    public static APIGatewayV2HTTPResponse error(int status, String code, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", detail);
        return json(status, body);
    }

    /** 401 with no detail, and the challenge header RFC 6750 asks for. */
    public static APIGatewayV2HTTPResponse unauthorized() {
        APIGatewayV2HTTPResponse r = error(401, "unauthorized", "");
        Map<String, String> headers = new LinkedHashMap<>(r.getHeaders());
        headers.put("www-authenticate", "Bearer");
        r.setHeaders(headers);
        return r;
    }
}
