package io.awoooi.local;

import static io.awoooi.local.TestFunctions.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpApiResponseTest {

    @Test
    void of_structuredResult_statusHeadersCookiesBody() {
        // GIVEN a result with statusCode, headers, multiValueHeaders and cookies
        String payload = "{\"statusCode\":202,\"headers\":{\"Content-Type\":\"application/json\",\"X-One\":\"1\","
                + "\"Content-Length\":\"999\"},\"multiValueHeaders\":{\"X-Many\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"s=1; HttpOnly\",\"t=2\"],\"body\":\"{\\\"incidentId\\\":\\\"i-1\\\"}\",\"isBase64Encoded\":false}";

        // WHEN it is mapped
        HttpApiResponse response = HttpApiResponse.of(InvocationResult.success(utf8(payload)));

        // THEN the HTTP response has them (framing headers dropped)
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.header("x-one")).isEqualTo("1");
        assertThat(response.headers().get("x-many")).containsExactly("a", "b");
        assertThat(response.headers().get("set-cookie")).containsExactly("s=1; HttpOnly", "t=2");
        assertThat(response.headers()).doesNotContainKey("content-length");
        assertThat(response.bodyText()).isEqualTo("{\"incidentId\":\"i-1\"}");
    }

    @Test
    void of_base64Body_decoded() {
        // GIVEN a base64 body / WHEN mapped / THEN the bytes are decoded
        HttpApiResponse response = HttpApiResponse.of(InvocationResult.success(utf8(
                "{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},\"body\":\"AQID\",\"isBase64Encoded\":true}")));
        assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void of_resultWithoutStatusCode_200WithTheResultAsJson() {
        // GIVEN a plain JSON result / WHEN mapped / THEN 200, application/json, the result as body
        HttpApiResponse response = HttpApiResponse.of(InvocationResult.success(utf8("{\"hello\":\"world\"}")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void of_failures_gatewayMessages() {
        // GIVEN failed invocations and a malformed result / WHEN mapped / THEN API Gateway's answers
        // a function error 500; the runtime dead 502; past the function's Timeout 504; one body for all
        assertThat(HttpApiResponse.of(InvocationResult.error("java.lang.RuntimeException", "x")).status())
                .isEqualTo(500);
        HttpApiResponse crash = HttpApiResponse.of(InvocationResult.crash("exit"));
        assertThat(crash.status()).isEqualTo(502);
        assertThat(crash.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        HttpApiResponse timeout = HttpApiResponse.of(InvocationResult.timeout("late"));
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(HttpApiResponse.of(InvocationResult.success(utf8("not json"))).status()).isEqualTo(500);
        assertThat(HttpApiResponse.of(InvocationResult.success(utf8("{\"statusCode\":\"abc\"}"))).status())
                .isEqualTo(500);
    }

    @Test
    void of_noBody_noContentType() {
        // GIVEN a 204 without body / WHEN mapped / THEN no body and no content type is made up
        HttpApiResponse response = HttpApiResponse.of(InvocationResult.success(utf8("{\"statusCode\":204}")));
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).isEmpty();
    }
}
