package io.awoooi.ai;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import io.awoooi.core.narrative.PromptGuard;
import java.time.Duration;
import java.util.Objects;

/**
 * The narrator on a local or self-hosted Ollama ({@code POST /api/chat}): JSON response format,
 * temperature 0, no langchain4j retries (the {@link io.awoooi.core.narrative.ResilientNarrator}
 * retries once). Returns the parsed narrative or throws a typed
 * {@link io.awoooi.core.narrative.NarratorException}.
 */
public final class OllamaNarrator extends ChatModelNarrator {
    public static final String NAME = "ollama";

    private final Config config;

    public OllamaNarrator(Config config) {
        this(config, PromptGuard.NONE);
    }

    public OllamaNarrator(Config config, PromptGuard guard) {
        super(chatModel(config), guard);
        this.config = config;
    }

    static ChatModel chatModel(Config config) {
        return OllamaChatModel.builder()
                .baseUrl(config.baseUrl())
                .modelName(config.modelName())
                .timeout(config.timeout())
                .responseFormat(ResponseFormat.JSON)
                .temperature(0.0)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return NAME + ":" + config.modelName();
    }

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:11434}
     * @param modelName e.g. {@code llama3.1}
     * @param timeout the HTTP timeout of one call (connect and read)
     */
    public record Config(String baseUrl, String modelName, Duration timeout) {
        public static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";
        public static final String DEFAULT_MODEL = "llama3.1";

        public Config {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
