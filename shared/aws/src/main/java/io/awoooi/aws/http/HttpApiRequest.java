package io.awoooi.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Read helpers over an API Gateway HTTP API (payload format 2.0) request event. */
public record HttpApiRequest(APIGatewayV2HTTPEvent event) {

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * A cookie's value: from the event's {@code cookies} (payload 2.0 moves the Cookie header there),
     * else from a Cookie header. The first of that name wins.
     */
    public Optional<String> cookie(String name) {
        java.util.List<String> cookies = event.getCookies();
        if (cookies == null || cookies.isEmpty()) {
            cookies = header("cookie").map(h -> java.util.List.of(h.split(";"))).orElse(java.util.List.of());
        }
        for (String c : cookies) {
            String pair = c.strip();
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                return Optional.of(pair.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get(name));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get(name));
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    /** Size of the decoded body without decoding it. */
    public long bodySize() {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        if (event.getIsBase64Encoded()) {
            return (long) body.length() * 3 / 4;
        }
        return body.length() < 300_000 ? body.getBytes(StandardCharsets.UTF_8).length : utf8Length(body);
    }

    public byte[] body() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getMimeDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The media type of Content-Type without parameters, lower case; empty when absent. */
    public String mediaType() {
        return header("content-type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
