package io.awoooi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.ClusterCredentialsUnavailableException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The EKS bearer token: its presigned STS URL, checked field by field and against an independent SigV4 computation. */
class EksTokensTest {
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final StaticCredentialsProvider STATIC = StaticCredentialsProvider
            .create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    @Test
    void token_fixedCredentialsAndClock_isPresignedGetCallerIdentityNamingTheCluster() {
        // GIVEN
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", STATIC, new MutableClock(T0));

        // WHEN
        String token = tokens.getToken();

        // THEN
        assertThat(token).startsWith("k8s-aws-v1.");
        String encoded = token.substring("k8s-aws-v1.".length());
        assertThat(encoded).matches("[A-Za-z0-9_-]+"); // base64url, no padding
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        assertThat(url.getPath()).isEqualTo("/");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("Action", "GetCallerIdentity")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Date", "20250102T030405Z")
                .containsEntry("X-Amz-Credential", ACCESS_KEY + "/20250102/eu-west-1/sts/aws4_request")
                .doesNotContainKey("X-Amz-Security-Token");
        assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("host", "x-k8s-aws-id");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void token_fixedCredentialsAndClock_carriesTheSignatureStsRecomputes() throws Exception {
        // GIVEN: STS replays the request with the x-k8s-aws-id header and an empty body
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", STATIC, new MutableClock(T0));

        // WHEN
        URI url = decode(tokens.getToken());

        // THEN
        assertThat(query(url).get("X-Amz-Signature"))
                .isEqualTo(expectedSignature(url, Map.of("host", url.getHost(), "x-k8s-aws-id", "shop-prod")));
    }

    @Test
    void token_otherCluster_hasOtherSignature() {
        // GIVEN
        EksTokens prod = new EksTokens("shop-prod", "eu-west-1", STATIC, new MutableClock(T0));
        EksTokens staging = new EksTokens("shop-staging", "eu-west-1", STATIC, new MutableClock(T0));

        // WHEN / THEN: the name is signed, so a token for one cluster is no good on another
        assertThat(query(decode(prod.getToken())).get("X-Amz-Signature"))
                .isNotEqualTo(query(decode(staging.getToken())).get("X-Amz-Signature"));
    }

    @Test
    void token_sessionCredentials_carriesSecurityToken() {
        // GIVEN: the Lambda role's credentials are temporary
        var session = StaticCredentialsProvider
                .create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "SESSION/TOKEN+1"));
        EksTokens tokens = new EksTokens("shop-prod", "us-east-1", session, new MutableClock(T0));

        // WHEN
        Map<String, String> query = query(decode(tokens.getToken()));

        // THEN
        assertThat(query).containsEntry("X-Amz-Security-Token", "SESSION/TOKEN+1")
                .containsEntry("X-Amz-Credential", ACCESS_KEY + "/20250102/us-east-1/sts/aws4_request");
    }

    @Test
    void token_chinaRegion_usesThatPartitionsStsHost() {
        // GIVEN
        EksTokens tokens = new EksTokens("shop-prod", "cn-north-1", STATIC, new MutableClock(T0));

        // WHEN / THEN
        assertThat(decode(tokens.getToken()).getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void getToken_youngerThanRefreshThreshold_reusesToken() {
        // GIVEN
        MutableClock clock = new MutableClock(T0);
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", STATIC, clock);
        String first = tokens.getToken();

        // WHEN
        clock.advance(EksTokens.REFRESH_AFTER.minusSeconds(1));
        String second = tokens.getToken();

        // THEN
        assertThat(second).isSameAs(first);
    }

    @Test
    void getToken_refreshThresholdReached_signsNewToken() {
        // GIVEN
        MutableClock clock = new MutableClock(T0);
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", STATIC, clock);
        String first = tokens.getToken();

        // WHEN
        clock.advance(EksTokens.REFRESH_AFTER);
        String second = tokens.getToken();

        // THEN
        assertThat(second).isNotEqualTo(first);
        assertThat(query(decode(second))).containsEntry("X-Amz-Date", "20250102T031405Z");
        clock.advance(EksTokens.REFRESH_AFTER.minusSeconds(1));
        assertThat(tokens.getToken()).isSameAs(second);
    }

    @Test
    void getToken_clockSetBack_signsNewToken() {
        // GIVEN
        MutableClock clock = new MutableClock(T0);
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", STATIC, clock);
        String first = tokens.getToken();

        // WHEN
        clock.advance(Duration.ofMinutes(-30));

        // THEN
        assertThat(tokens.getToken()).isNotEqualTo(first);
    }

    @Test
    void getToken_noAwsCredentials_throwsCredentialsUnavailable() {
        // GIVEN
        EksTokens tokens = new EksTokens("shop-prod", "eu-west-1", () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
        }, new MutableClock(T0));

        // WHEN / THEN
        assertThatThrownBy(tokens::getToken).isInstanceOf(ClusterCredentialsUnavailableException.class)
                .hasMessageContaining("no AWS credentials");
    }

    static URI decode(String token) {
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8);
        return URI.create(url);
    }

    /** Decoded query parameters, in URL order. */
    static Map<String, String> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * SigV4 for a query-string-signed GET with an empty body, written from the AWS spec rather than
     * through the SDK: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
     */
    private static String expectedSignature(URI url, Map<String, String> headers) throws Exception {
        Map<String, String> params = query(url);
        TreeMap<String, String> canonicalParams = new TreeMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("X-Amz-Signature")) {
                canonicalParams.put(uriEncode(k), uriEncode(v));
            }
        });
        StringBuilder canonicalQuery = new StringBuilder();
        canonicalParams.forEach(
                (k, v) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&").append(k).append('=').append(v));
        TreeMap<String, String> sortedHeaders = new TreeMap<>(headers);
        StringBuilder canonicalHeaders = new StringBuilder();
        sortedHeaders.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", sortedHeaders.keySet());
        assertThat(params.get("X-Amz-SignedHeaders")).isEqualTo(signedHeaders);

        String canonicalRequest = String.join("\n", "GET", "/", canonicalQuery, canonicalHeaders.toString(),
                signedHeaders, hex(sha256(new byte[0])));
        String date = params.get("X-Amz-Date");
        String scope = date.substring(0, 8) + "/" + params.get("X-Amz-Credential").split("/", 3)[2];
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        String[] scopeParts = scope.split("/");
        byte[] key = ("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8);
        for (String part : scopeParts) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    private static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
