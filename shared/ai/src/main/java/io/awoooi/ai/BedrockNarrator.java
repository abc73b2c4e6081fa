package io.awoooi.ai;

import io.awoooi.aws.api.AwsJsonApi;
import io.awoooi.core.narrative.PromptGuard;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The narrator on Amazon Bedrock through the Converse API ({@code POST /model/{modelId}/converse}),
 * a langchain4j chat model of our own ({@link BedrockConverseModel}): the URL connection HTTP client,
 * one attempt (the {@link io.awoooi.core.narrative.ResilientNarrator} retries once), the call timeout
 * as the read timeout. Region, credentials and endpoint come from the standard SDK environment
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}) unless the config sets them.
 * Bedrock's Converse API has no JSON mode; the prompt asks for JSON and the parser checks it.
 */
public final class BedrockNarrator extends ChatModelNarrator implements AutoCloseable {
    public static final String NAME = "bedrock";
    static final int MAX_OUTPUT_TOKENS = 1024;

    private final Config config;

    public BedrockNarrator(Config config) {
        this(config, PromptGuard.NONE);
    }

    public BedrockNarrator(Config config, PromptGuard guard) {
        super(new BedrockConverseModel(api(config), config.modelId(), 0.0, MAX_OUTPUT_TOKENS), guard);
        this.config = config;
    }

    static AwsJsonApi api(Config config) {
        Duration timeout = config.timeout();
        Duration connect = timeout.compareTo(Duration.ofSeconds(2)) < 0 ? timeout : Duration.ofSeconds(2);
        return AwsJsonApi.of(AwsJsonApi.Service.BEDROCK_RUNTIME, config.endpointOverride(), config.region(),
                config.credentials(), connect, timeout).withAttempts(1);
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
        // the Converse caller holds no connection between calls
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
