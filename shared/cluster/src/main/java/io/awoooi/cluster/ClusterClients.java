package io.awoooi.cluster;

import io.awoooi.aws.AwsClients;
import io.awoooi.aws.SecretValue;
import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.failure.ClusterCredentialsUnavailableException;
import io.awoooi.core.failure.SecretUnavailableException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Authenticated fabric8 clients for the cluster a {@link ClusterAccess} describes. Whatever the mode,
 * the client fails fast: one retry, 3 s to connect, 10 s per request, because fabric8's default
 * of 10 retries with backoff would spend ~19 s of the function's budget on an unreachable API
 * server, where the callers have a better answer (the analysis serves its cached topology).
 *
 * <pre>{@code
 * KubernetesClient kubernetes = ClusterClients.fromSettings(io.awoooi.wiring.Environment.lookup());
 * }</pre>
 */
public final class ClusterClients {
    static final int REQUEST_RETRY_BACKOFF_LIMIT = 1;
    static final int CONNECTION_TIMEOUT_MILLIS = 3_000;
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private final AwsCredentialsProvider awsCredentials;
    private final Supplier<AwsJsonApi> secretsManager;
    private final Clock clock;

    /**
     * @param awsCredentials signs EKS tokens (the function's role in Lambda)
     * @param secretsManager made once per {@link #connect} in secret mode
     * @param clock          EKS token signing time and age
     */
    public ClusterClients(AwsCredentialsProvider awsCredentials, Supplier<AwsJsonApi> secretsManager,
            Clock clock) {
        this.awsCredentials = Objects.requireNonNull(awsCredentials, "awsCredentials");
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The function's own AWS identity and the SDK's standard environment (AWS_REGION,
     * AWS_ENDPOINT_URL_SECRETS_MANAGER for the local runtime).
     */
    public static ClusterClients standard() {
        // resolves nothing until an EKS token is first signed
        return new ClusterClients(DefaultCredentialsProvider.builder().build(),
                () -> AwsClients.secretsManager(Optional.empty()), Clock.systemUTC());
    }

    /**
     * A client for the cluster a function's configuration describes, by the environment variables'
     * names (the functions pass a MicroProfile Config lookup).
     *
     * @throws ClusterSettingsException              a setting (or the secret's content) is missing or malformed
     * @throws ClusterCredentialsUnavailableException the secret could not be read now
     */
    public static KubernetesClient fromSettings(java.util.function.Function<String, String> settings) {
        return standard().connect(ClusterAccess.fromSettings(settings));
    }

    /**
     * A client for an API server at {@code url} with nothing else configured (no kubeconfig, no
     * token), fail-fast settings applied: for in-JVM tests against a local mock server, where the
     * standard auto-configuration would pick up the machine's kubeconfig and send its credentials.
     */
    public static KubernetesClient forApiServer(String url) {
        return new KubernetesClientBuilder().withConfig(failFast(new ConfigBuilder(Config.empty()).withMasterUrl(url)))
                .build();
    }

    /** A client for {@code access}; in secret mode the secret is read now, once, for the client's life. */
    public KubernetesClient connect(ClusterAccess access) {
        return new KubernetesClientBuilder().withConfig(config(access)).build();
    }

    /** The fabric8 configuration for {@code access}, fail-fast settings applied. */
    public Config config(ClusterAccess access) {
        ConfigBuilder builder = switch (access) {
            case ClusterAccess.Auto auto -> new ConfigBuilder(Config.autoConfigure(null));
            case ClusterAccess.Eks eks -> eks(eks);
            case ClusterAccess.FromSecret secret -> ClusterSecret.parse(read(secret));
        };
        return failFast(builder);
    }

    private static Config failFast(ConfigBuilder builder) {
        return builder
                // HTTP/1.1, which every API server takes: fabric8's JDK client (docs/benchmarks.md)
                // otherwise offers an h2c upgrade on plain http, which an HTTP/1.1 hop between the
                // function and the API server (the local runtime's fault proxy) cannot carry
                .withHttp2Disable(true)
                .withRequestRetryBackoffLimit(REQUEST_RETRY_BACKOFF_LIMIT)
                .withConnectionTimeout(CONNECTION_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .build();
    }

    private ConfigBuilder eks(ClusterAccess.Eks eks) {
        // Config.empty(): a stray KUBECONFIG or KUBERNETES_* token must not mix into the EKS settings;
        // without caData the JVM trust store verifies the endpoint
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(eks.apiServer().toString())
                .withOauthTokenProvider(new EksTokens(eks.clusterName(), eks.region(), awsCredentials, clock));
        eks.caData().ifPresent(builder::withCaCertData);
        return builder;
    }

    private String read(ClusterAccess.FromSecret secret) {
        try {
            return new SecretValue(secretsManager.get(), secret.secretArn(), clock).get();
        } catch (SecretUnavailableException | SdkException e) {
            String reason = e.getCause() instanceof SdkException sdk ? AwsJsonApi.describe(sdk)
                    : e instanceof SdkException sdk ? AwsJsonApi.describe(sdk) : e.getClass().getSimpleName();
            throw new ClusterCredentialsUnavailableException("the secret named by " + ClusterAccess.CLUSTER_SECRET_ARN
                    + " could not be read: " + reason, e);
        }
    }
}
