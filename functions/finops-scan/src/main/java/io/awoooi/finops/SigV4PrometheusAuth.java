package io.awoooi.finops;

import io.awoooi.kube.finops.PrometheusAuth;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * AWS SigV4 for Amazon Managed Service for Prometheus: every query is signed for the service
 * {@code aps} in the workspace's Region with the function's role (which needs
 * {@code aps:QueryMetrics} on the workspace). The signature covers the method, the URL, the
 * {@code Content-Type} and the form body; the JDK client sets {@code Host} itself, to the same value.
 */
final class SigV4PrometheusAuth implements PrometheusAuth {
    static final String SERVICE = "aps";
    /** Headers the JDK HttpClient refuses to take from us (it sets them itself). */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4PrometheusAuth(String region, AwsCredentialsProvider credentials, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void authorise(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Type", "application/x-www-form-urlencoded").build();
        SdkHttpRequest signed = signer.sign(r -> r.request(unsigned)
                .identity(credentials.resolveCredentials())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request();
        signed.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESTRICTED.contains(lower) && !lower.equals("content-type")) {
                for (String v : List.copyOf(values)) {
                    request.header(name, v);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "SigV4PrometheusAuth[" + SERVICE + ", " + region + "]";
    }
}
