package io.awoooi.cluster;

import io.awoooi.core.failure.ClusterCredentialsUnavailableException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * EKS bearer tokens for the function's IAM role, as {@code aws eks get-token} makes them: {@code k8s-aws-v1.}
 * followed by the unpadded base64url of a SigV4-presigned {@code GET sts.{region}/?Action=GetCallerIdentity}
 * URL whose signed headers include {@code x-k8s-aws-id: <cluster name>}. The API server's
 * authenticator replays that request to STS to learn the role, and the signed cluster name stops a
 * token minted for one cluster from working on another.
 *
 * <p>EKS accepts a token for 15 minutes after its signing time (whatever {@code X-Amz-Expires}
 * says), so one is reused for {@link #REFRESH_AFTER} and then re-signed: every request fabric8
 * sends asks {@link #getToken()}, and always gets one with at least 5 minutes left.
 * See https://docs.aws.amazon.com/eks/latest/userguide/cluster-auth.html
 */
public final class EksTokens implements OAuthTokenProvider {
    static final String PREFIX = "k8s-aws-v1.";
    static final String CLUSTER_ID_HEADER = "x-k8s-aws-id";
    /** What aws-iam-authenticator and the AWS CLI sign with; the server applies its own 15 minutes. */
    static final Duration PRESIGNED_FOR = Duration.ofSeconds(60);
    /** Re-sign after this long, well inside the 15 minutes the API server accepts a token. */
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

    private final String clusterName;
    private final String region;
    private final String stsHost;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private String token;
    private Instant signedAt;

    /**
     * @param credentials the function's role in Lambda ({@code DefaultCredentialsProvider})
     * @param clock       signing time and token age
     */
    public EksTokens(String clusterName, String region, AwsCredentialsProvider credentials, Clock clock) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the regional endpoint: sts.eu-west-1.amazonaws.com, sts.cn-north-1.amazonaws.com.cn, ...
        this.stsHost = "sts." + region + "." + PartitionMetadata.of(Region.of(region)).dnsSuffix();
    }

    /** The current token, signed anew when the last one is {@link #REFRESH_AFTER} old. */
    @Override
    public synchronized String getToken() {
        Instant now = clock.instant();
        // a clock set back also re-signs: the cached token's age is then unknown
        if (token == null || !now.isBefore(signedAt.plus(REFRESH_AFTER)) || now.isBefore(signedAt)) {
            token = sign(now);
            signedAt = now;
        }
        return token;
    }

    private String sign(Instant now) {
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new ClusterCredentialsUnavailableException(
                    "no AWS credentials to sign the EKS token with: " + e.getClass().getSimpleName(), e);
        }
        SdkHttpRequest getCallerIdentity = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(stsHost)
                .encodedPath("/")
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader(CLUSTER_ID_HEADER, clusterName)
                .build();
        SdkHttpRequest presigned = signer.sign(r -> r
                .request(getCallerIdentity)
                .identity(identity)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGNED_FOR)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)))
                .request();
        String url = presigned.getUri().toString();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EksTokens[cluster=" + clusterName + ", region=" + region + "]";
    }
}
