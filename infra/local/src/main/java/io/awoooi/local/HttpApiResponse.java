package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP response the gateway sends for a function's result (payload format 2.0): a result with
 * a statusCode is taken field by field; any other JSON is a 200 with that JSON as its body.
 */
record HttpApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Hop-by-hop and framing headers the gateway sets itself. */
    private static final Set<String> DROPPED = Set.of("content-length", "transfer-encoding", "connection", "date");

    /**
     * The function's response, or the gateway's answer to a failed invocation: 500 for a function
     * error (the handler threw), 502 when the runtime failed (the process died or could not start),
     * 504 when the function ran past its Timeout; the body is the HTTP API's
     * {@code {"message":"Internal Server Error"}} in all three.
     */
    static HttpApiResponse of(InvocationResult result) {
        return switch (result.kind()) {
            case SUCCESS -> fromPayload(result.payload());
            case ERROR -> message(500, "Internal Server Error");
            case CRASH -> message(502, "Internal Server Error");
            case TIMEOUT -> message(504, "Internal Server Error");
        };
    }

    static HttpApiResponse message(int status, String message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        return new HttpApiResponse(status, headers,
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static HttpApiResponse fromPayload(byte[] payload) {
        JsonNode result;
        try {
            result = Json.parse(payload);
        } catch (IllegalArgumentException e) {
            return message(500, "Internal Server Error"); // not JSON: a malformed Lambda response
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!result.isObject() || !result.has("statusCode")) {
            headers.put("content-type", List.of("application/json"));
            return new HttpApiResponse(200, headers, payload);
        }
        JsonNode statusNode = result.get("statusCode");
        int status = statusNode.canConvertToInt() ? statusNode.asInt() : -1;
        if (statusNode.isTextual()) {
            try {
                status = Integer.parseInt(statusNode.asText().trim());
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        if (status < 100 || status > 599) {
            return message(500, "Internal Server Error");
        }
        result.path("headers").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                add(headers, e.getKey(), e.getValue().asText());
            }
        });
        result.path("multiValueHeaders").properties()
                .forEach(e -> e.getValue().forEach(v -> add(headers, e.getKey(), v.asText())));
        result.path("cookies").forEach(c -> add(headers, "set-cookie", c.asText()));

        JsonNode bodyNode = result.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else {
            String text = bodyNode.isTextual() ? bodyNode.asText() : Json.text(bodyNode);
            if (result.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return message(500, "Internal Server Error");
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        if (body.length > 0 && !headers.containsKey("content-type")) {
            headers.put("content-type", List.of("application/json"));
        }
        return new HttpApiResponse(status, headers, body);
    }

    /** The first value of a header (name in any case), or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void add(Map<String, List<String>> headers, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!DROPPED.contains(lower)) {
            headers.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
        }
    }
}
