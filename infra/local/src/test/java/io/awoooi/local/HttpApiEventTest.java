package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    private static final Instant NOW = Instant.parse("2024-05-14T08:41:10.123Z");
    private final RouteTable.Match match = new RouteTable.Match(new HttpRoute("GET", "/v1/incidents/{id}", "F"),
            Map.of("id", "inc-1"));

    @Test
    void build_getWithQueryHeadersAndCookies_payloadFormat2() {
        // GIVEN a GET with a repeated query parameter, a repeated header and cookies
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8000"));
        headers.put("User-agent", List.of("curl/8.5"));
        headers.put("X-multi", List.of("a", "b"));
        headers.put("Cookie", List.of("s=1; theme=dark"));
        HttpApiEvent.Request request = new HttpApiEvent.Request("GET", "/v1/incidents/inc-1", "limit=5&tag=a&tag=b%20c",
                headers, new byte[0], "127.0.0.1", "HTTP/1.1");

        // WHEN the event is built
        JsonNode event = HttpApiEvent.build(request, match, "req-1", NOW);

        // THEN it is API Gateway's payload 2.0
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /v1/incidents/{id}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/incidents/inc-1");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("limit=5&tag=a&tag=b%20c");
        assertThat(event.path("queryStringParameters").path("limit").asText()).isEqualTo("5");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b c");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("inc-1");
        assertThat(event.path("headers").path("x-multi").asText()).isEqualTo("a,b");
        assertThat(event.path("headers").path("user-agent").asText()).isEqualTo("curl/8.5");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("s=1", "theme=dark");
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1:8000");
        assertThat(context.path("http").path("method").asText()).isEqualTo("GET");
        assertThat(context.path("http").path("path").asText()).isEqualTo("/v1/incidents/inc-1");
        assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("http").path("userAgent").asText()).isEqualTo("curl/8.5");
        assertThat(context.path("requestId").asText()).isEqualTo("req-1");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).isEqualTo("14/May/2024:08:41:10 +0000");
        assertThat(context.path("timeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void build_jsonBody_passedAsText() {
        // GIVEN a JSON body / WHEN built / THEN the body is the text, not base64
        JsonNode event = HttpApiEvent.build(post("application/json; charset=utf-8", "{\"a\":1}"), match, "r", NOW);
        assertThat(event.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void build_binaryOrUntypedBody_base64() {
        // GIVEN bodies of a binary type and of no type / WHEN built / THEN both are base64
        for (String type : new String[] {"application/octet-stream", null}) {
            JsonNode event = HttpApiEvent.build(post(type, "\u0001\u0002abc"), match, "r", NOW);
            assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
            assertThat(Base64.getDecoder().decode(event.path("body").asText()))
                    .isEqualTo("\u0001\u0002abc".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void isText_contentTypes_textLikeOnly() {
        // GIVEN content types / WHEN asked / THEN text-like ones are text
        assertThat(HttpApiEvent.isText("text/plain")).isTrue();
        assertThat(HttpApiEvent.isText("application/vnd.api+json")).isTrue();
        assertThat(HttpApiEvent.isText("application/xml")).isTrue();
        assertThat(HttpApiEvent.isText("application/x-www-form-urlencoded")).isTrue();
        assertThat(HttpApiEvent.isText("APPLICATION/JSON")).isTrue();
        assertThat(HttpApiEvent.isText("image/png")).isFalse();
        assertThat(HttpApiEvent.isText("application/octet-stream")).isFalse();
        assertThat(HttpApiEvent.isText("")).isFalse();
    }

    private static HttpApiEvent.Request post(String contentType, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-type", List.of(contentType));
        }
        return new HttpApiEvent.Request("POST", "/x", "", headers, body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "HTTP/1.1");
    }
}
