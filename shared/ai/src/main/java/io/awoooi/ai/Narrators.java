package io.awoooi.ai;

import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.narrative.Narrator;
import io.awoooi.core.narrative.PromptGuard;
import io.awoooi.core.narrative.ResilientNarrator;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the narrator the analysis uses from its settings (environment variables in Lambda and
 * locally):
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #LLM}</td><td>{@code ollama | bedrock | none}</td><td>none</td></tr>
 *   <tr><td>{@value #LLM_TIMEOUT_MS}</td><td>per attempt; one retry after a timeout or error</td><td>20000</td></tr>
 *   <tr><td>{@value #OLLAMA_BASE_URL}</td><td>Ollama server</td><td>http://127.0.0.1:11434</td></tr>
 *   <tr><td>{@value #OLLAMA_MODEL}</td><td>Ollama model</td><td>llama3.1</td></tr>
 *   <tr><td>{@value #BEDROCK_MODEL_ID}</td><td>Bedrock model or inference profile id</td><td>required for bedrock</td></tr>
 *   <tr><td>{@value #BEDROCK_REGION}</td><td>Bedrock region</td><td>the SDK's ({@code AWS_REGION})</td></tr>
 *   <tr><td>{@value #BEDROCK_ENDPOINT_URL}</td><td>endpoint override</td><td>the SDK's</td></tr>
 * </table>
 * {@code ollama} and {@code bedrock} are always wrapped in a {@link ResilientNarrator} with the
 * {@link DeterministicNarrator} as fallback; {@code none} is the deterministic narrator alone.
 */
public final class Narrators {
    public static final String LLM = "AWOOOI_LLM";
    public static final String LLM_TIMEOUT_MS = "AWOOOI_LLM_TIMEOUT_MS";
    public static final String OLLAMA_BASE_URL = "OLLAMA_BASE_URL";
    public static final String OLLAMA_MODEL = "OLLAMA_MODEL";
    public static final String BEDROCK_MODEL_ID = "BEDROCK_MODEL_ID";
    public static final String BEDROCK_REGION = "BEDROCK_REGION";
    public static final String BEDROCK_ENDPOINT_URL = "BEDROCK_ENDPOINT_URL";

    private Narrators() {
    }

    public static Narrator fromSettings(Function<String, String> settings, AiTraceSink traces) {
        return fromSettings(settings, traces, PromptGuard.NONE);
    }

    /**
     * @param settings a lookup by environment name (the functions pass io.awoooi.wiring.Environment#lookup); null or blank means unset
     * @param traces where every model attempt is recorded
     * @param guard checked right before a prompt leaves (wire the Privacy Shield's leak guard)
     * @throws IllegalArgumentException on an unknown {@value #LLM} value or a missing required setting
     */
    public static Narrator fromSettings(Function<String, String> settings, AiTraceSink traces, PromptGuard guard) {
        Narrator primary = model(settings, guard);
        if (primary instanceof DeterministicNarrator) {
            return primary;
        }
        return ResilientNarrator.builder(primary)
                .fallback(new DeterministicNarrator())
                .traceSink(traces)
                .timeout(timeout(settings))
                .retries(1)
                .build();
    }

    /**
     * The configured model alone, without the resilient wrapper (a caller that wraps it itself with
     * its own agent name and fallback: the drift narrator, issue #15); the {@link DeterministicNarrator}
     * with {@value #LLM}=none.
     *
     * @throws IllegalArgumentException as {@link #fromSettings(Function, AiTraceSink, PromptGuard)}
     */
    public static Narrator model(Function<String, String> settings, PromptGuard guard) {
        String llm = get(settings, LLM).orElse("none").toLowerCase(Locale.ROOT);
        Duration timeout = timeout(settings);
        Narrator primary = switch (llm) {
            case "none" -> null;
            case "ollama" -> new OllamaNarrator(new OllamaNarrator.Config(
                    get(settings, OLLAMA_BASE_URL).orElse(OllamaNarrator.Config.DEFAULT_BASE_URL),
                    get(settings, OLLAMA_MODEL).orElse(OllamaNarrator.Config.DEFAULT_MODEL),
                    timeout), guard);
            case "bedrock" -> new BedrockNarrator(new BedrockNarrator.Config(
                    get(settings, BEDROCK_MODEL_ID).orElseThrow(() -> new IllegalArgumentException(
                            LLM + "=bedrock needs " + BEDROCK_MODEL_ID)),
                    get(settings, BEDROCK_REGION).map(Region::of),
                    get(settings, BEDROCK_ENDPOINT_URL).map(URI::create),
                    Optional.empty(),
                    timeout), guard);
            default -> throw new IllegalArgumentException(
                    LLM + " must be one of ollama, bedrock, none; got '" + llm + "'");
        };
        return primary == null ? new DeterministicNarrator() : primary;
    }

    /** {@value #LLM_TIMEOUT_MS}, or the default. */
    public static Duration timeout(Function<String, String> settings) {
        Optional<String> raw = get(settings, LLM_TIMEOUT_MS);
        if (raw.isEmpty()) {
            return ResilientNarrator.DEFAULT_TIMEOUT;
        }
        try {
            long ms = Long.parseLong(raw.get());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(LLM_TIMEOUT_MS + " must be a positive number of milliseconds");
        }
    }

    private static Optional<String> get(Function<String, String> settings, String key) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
