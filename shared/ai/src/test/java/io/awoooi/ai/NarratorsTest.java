package io.awoooi.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.narrative.Narrative;
import io.awoooi.core.narrative.Narrator;
import io.awoooi.core.narrative.ResilientNarrator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NarratorsTest {
    private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();

    private Narrator from(Map<String, String> settings) {
        return Narrators.fromSettings(settings::get, sink);
    }

    @Test
    void fromSettings_unsetOrNone_deterministicAlone() {
        assertThat(from(Map.of())).isInstanceOf(DeterministicNarrator.class);
        assertThat(from(Map.of(Narrators.LLM, "none"))).isInstanceOf(DeterministicNarrator.class);
        assertThat(from(Map.of(Narrators.LLM, " "))).isInstanceOf(DeterministicNarrator.class);
    }

    @Test
    void fromSettings_ollama_resilientWithDefaultTimeout() {
        Narrator n = from(Map.of(Narrators.LLM, "ollama"));
        assertThat(n).isInstanceOfSatisfying(ResilientNarrator.class, r -> {
            assertThat(r.name()).isEqualTo("ollama");
            assertThat(r.model()).isEqualTo("ollama:llama3.1");
            assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(20));
        });
    }

    @Test
    void fromSettings_bedrock_resilientNeedsAModelId() {
        assertThatThrownBy(() -> from(Map.of(Narrators.LLM, "bedrock"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Narrators.BEDROCK_MODEL_ID);
        Narrator n = from(Map.of(Narrators.LLM, "BEDROCK", Narrators.BEDROCK_MODEL_ID, "amazon.nova-lite-v1:0",
                Narrators.BEDROCK_REGION, "eu-west-1", Narrators.LLM_TIMEOUT_MS, "5000"));
        assertThat(n).isInstanceOfSatisfying(ResilientNarrator.class, r -> {
            assertThat(r.model()).isEqualTo("bedrock:amazon.nova-lite-v1:0");
            assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void fromSettings_unknownValueOrBadTimeout_failsAtWiring() {
        assertThatThrownBy(() -> from(Map.of(Narrators.LLM, "openai"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ollama, bedrock, none");
        assertThatThrownBy(() -> from(Map.of(Narrators.LLM, "ollama", Narrators.LLM_TIMEOUT_MS, "soon")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromSettings_ollamaEndToEnd_acceptedFromTheConfiguredServer() {
        // GIVEN an Ollama stub at OLLAMA_BASE_URL
        WireMockServer ollama = new WireMockServer(options().dynamicPort());
        ollama.start();
        try {
            ollama.stubFor(post("/api/chat").willReturn(aResponse().withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.ollamaResponse(Fixtures.VALID_ANSWER))));
            Narrator narrator = from(Map.of(Narrators.LLM, "ollama", Narrators.OLLAMA_BASE_URL, ollama.baseUrl(),
                    Narrators.OLLAMA_MODEL, "qwen2.5:3b", Narrators.LLM_TIMEOUT_MS, "2000"));
            // WHEN
            Narrative n = narrator.narrate(Fixtures.request());
            // THEN
            assertThat(n.narrator()).isEqualTo("ollama");
            assertThat(sink.traces).singleElement()
                    .satisfies(t -> assertThat(t.model()).isEqualTo("ollama:qwen2.5:3b"));
        } finally {
            ollama.stop();
        }
    }
}
