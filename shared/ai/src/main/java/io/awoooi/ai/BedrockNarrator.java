package io.awoooi.ai;

import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockChatRequestParameters;
import io.awoooi.core.narrative.PromptGuard;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The narrator on Amazon Bedrock through the Converse API ({@code POST /model/{modelId}/converse}),
 * with a {@link BedrockRuntimeClient} of our own: the URL connection HTTP client, no SDK retries
 * (the {@link io.awoooi.core.narrative.ResilientNarrator} retries once), the call timeout as the
 * API call timeout. Region, credentials and endpoint come from the standard SDK environment unless
 * the config sets them. Bedrock's Converse API has no JSON mode; the prompt asks for JSON and the
 * parser checks it.
 */
public final class BedrockNarrator extends ChatModelNarrator implements AutoCloseable {
    public static final String NAME = "bedrock";
    static final int MAX_OUTPUT_TOKENS = 1024;

    private final Config config;
    private final BedrockRuntimeClient client;

    public BedrockNarrator(Config config) {
        this(config, PromptGuard.NONE);
    }

    public BedrockNarrator(Config config, PromptGuard guard) {
        this(config, client(config), guard);
    }

    private BedrockNarrator(Config config, BedrockRuntimeClient client, PromptGuard guard) {
        super(BedrockChatModel.builder()
                .client(client)
                .modelId(config.modelId())
                .maxRetries(0)
                .defaultRequestParameters(BedrockChatRequestParameters.builder()
                        .temperature(0.0)
                        .maxOutputTokens(MAX_OUTPUT_TOKENS)
                        .build())
                .build(), guard);
        this.config = config;
        this.client = client;
    }

    static BedrockRuntimeClient client(Config config) {
        Duration timeout = config.timeout();
        Duration connect = timeout.compareTo(Duration.ofSeconds(2)) < 0 ? timeout : Duration.ofSeconds(2);
        var builder = BedrockRuntimeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connect)
                        .socketTimeout(timeout)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeout)
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build());
        config.region().ifPresent(builder::region);
        config.endpointOverride().ifPresent(builder::endpointOverride);
        config.credentials().ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return NAME + ":" + config.modelId();
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * @param modelId e.g. {@code anthropic.claude-3-haiku-20240307-v1:0} or an inference profile id
     * @param region empty: the SDK's region chain ({@code AWS_REGION} in Lambda)
     * @param endpointOverride empty: the SDK default (or {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME})
     * @param credentials empty: the SDK's default credentials chain
     * @param timeout the timeout of one call
     */
    public record Config(String modelId, Optional<Region> region, Optional<URI> endpointOverride,
            Optional<AwsCredentialsProvider> credentials, Duration timeout) {
        public Config {
            Objects.requireNonNull(modelId, "modelId");
            region = region == null ? Optional.empty() : region;
            endpointOverride = endpointOverride == null ? Optional.empty() : endpointOverride;
            credentials = credentials == null ? Optional.empty() : credentials;
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Region, endpoint and credentials from the SDK environment. */
        public static Config of(String modelId, Duration timeout) {
            return new Config(modelId, Optional.empty(), Optional.empty(), Optional.empty(), timeout);
        }
    }
}
