package io.awoooi.finops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** SigV4 for Amazon Managed Service for Prometheus: what the signed request carries (no AWS call). */
class SigV4PrometheusAuthTest {
    private static final URI WORKSPACE = URI.create(
            "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-0123/api/v1/query_range");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    private static HttpRequest signed(String body) {
        SigV4PrometheusAuth auth = new SigV4PrometheusAuth("eu-west-1", StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")), CLOCK);
        HttpRequest.Builder b = HttpRequest.newBuilder(WORKSPACE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        auth.authorise(b, "POST", WORKSPACE, body.getBytes(StandardCharsets.UTF_8));
        return b.build();
    }

    @Test
    void authorise_postWithForm_signedForApsInTheRegionWithTheSessionToken() {
        // WHEN
        HttpRequest r = signed("query=up&start=1&end=2&step=3600s");
        // THEN the scope names the service aps, the region and the date; the body's hash is covered
        assertThat(r.headers().firstValue("Authorization")).get().asString()
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/aps/aws4_request")
                .contains("SignedHeaders=", "content-type", "host", "x-amz-date");
        assertThat(r.headers().firstValue("X-Amz-Date")).contains("20261207T030000Z");
        assertThat(r.headers().firstValue("X-Amz-Security-Token")).contains("session-token");
        assertThat(r.headers().map()).doesNotContainKey("Host");
    }

    @Test
    void authorise_differentBodies_differentSignatures() {
        String a = signed("query=a").headers().firstValue("Authorization").orElseThrow();
        String b = signed("query=b").headers().firstValue("Authorization").orElseThrow();
        assertThat(a).isNotEqualTo(b);
    }
}
