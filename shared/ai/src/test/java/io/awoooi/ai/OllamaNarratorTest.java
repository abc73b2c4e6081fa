package io.awoooi.ai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.awoooi.core.narrative.Narrative;
import io.awoooi.core.narrative.NarratorException;
import io.awoooi.core.narrative.ResilientNarrator;
import io.awoooi.core.privacy.PiiScanner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Ollama adapter against a WireMock stub of {@code POST /api/chat}. No verdict depends on the
 * machine's speed: answers meet a generous timeout, and a model that must time out is a socket
 * that never answers, met by a short one ({@link Timeout} only keeps a broken client from hanging
 * the build).
 */
@Timeout(120)
class OllamaNarratorTest {
    /** For stubs that answer: far longer than any loaded machine needs. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** For a server that never answers. */
    private static final Duration SHORT = Duration.ofMillis(300);
    private static WireMockServer ollama;

    private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();

    @BeforeAll
    static void start() {
        ollama = new WireMockServer(options().dynamicPort());
        ollama.start();
    }

    @AfterAll
    static void stop() {
        ollama.stop();
    }

    @BeforeEach
    void reset() {
        ollama.resetAll();
    }

    private OllamaNarrator adapter() {
        return new OllamaNarrator(new OllamaNarrator.Config(ollama.baseUrl(), "llama3.1", TIMEOUT));
    }

    /** A listening socket that never answers (nobody accepts: the kernel queues the connections). */
    private static ServerSocket silentServer() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static OllamaNarrator adapterOf(ServerSocket silent) {
        return new OllamaNarrator(
                new OllamaNarrator.Config("http://127.0.0.1:" + silent.getLocalPort(), "llama3.1", SHORT));
    }

    private ResilientNarrator resilient() {
        return ResilientNarrator.builder(adapter()).traceSink(sink).timeout(TIMEOUT).build();
    }

    private void answer(String content) {
        ollama.stubFor(post("/api/chat").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Fixtures.ollamaResponse(content))));
    }

    private List<LoggedRequest> chatRequests() {
        return ollama.findAll(postRequestedFor(urlEqualTo("/api/chat")));
    }

    @Test
    void narrate_validJsonNarrative_acceptedAndRequestUsesJsonFormatTemperatureZero() {
        // GIVEN Ollama answers a valid narrative
        answer(Fixtures.VALID_ANSWER);
        // WHEN
        Narrative n = resilient().narrate(Fixtures.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("ollama");
        assertThat(n.summary()).startsWith("shop/postgres-db crash-loops");
        assertThat(n.recommendation()).get().satisfies(r -> {
            assertThat(r.actionId()).isEqualTo("restart_pod");
            assertThat(r.params()).isEqualTo(Map.of("namespace", "shop", "pod", "postgres-db-0"));
        });
        assertThat(n.confidence()).isEqualTo(0.75);
        // AND one request in Ollama's chat shape
        assertThat(chatRequests()).hasSize(1);
        ollama.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson(
                "{\"model\":\"llama3.1\",\"stream\":false,\"format\":\"json\",\"options\":{\"temperature\":0.0}}", true,
                true)));
        // AND one accepted trace with the raw answer
        assertThat(sink.traces).singleElement().satisfies(t -> {
            assertThat(t.model()).isEqualTo("ollama:llama3.1");
            assertThat(t.agent()).isEqualTo("analysis");
            assertThat(t.accepted()).isTrue();
            assertThat(t.outcome()).isEqualTo("accepted");
            assertThat(t.response()).isEqualTo(Fixtures.VALID_ANSWER);
            assertThat(t.prompt()).hasSizeLessThanOrEqualTo(8000).contains(Fixtures.INCIDENT);
        });
    }

    @Test
    void narrate_proseAnswer_rejectedAndDeterministicFallbackWithoutRetry() {
        // GIVEN a model that talks instead of answering JSON
        answer("The database is down. I would restart the pod.");
        // WHEN
        Narrative n = resilient().narrate(Fixtures.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(n.summary()).contains("shop/postgres-db");
        assertThat(chatRequests()).hasSize(1);
        assertThat(sink.outcomes()).containsExactly("rejected: no JSON object in the answer");
    }

    @Test
    void narrate_server500_fallbackAfterOneRetry() {
        // GIVEN Ollama fails
        ollama.stubFor(post("/api/chat").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"model crashed\"}")));
        // WHEN
        Narrative n = resilient().narrate(Fixtures.request());
        // THEN exactly two requests reached Ollama (langchain4j's own retries are off)
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(chatRequests()).hasSize(2);
        assertThat(sink.outcomes()).containsExactly("error: InternalServerException", "error: InternalServerException");
        assertThat(sink.traces).noneMatch(t -> t.accepted());
    }

    @Test
    void narrate_noAnswerWithinTheTimeout_fallbackAfterOneRetry() throws IOException {
        // GIVEN an Ollama that takes the request and never answers
        try (ServerSocket silent = silentServer()) {
            // WHEN
            Narrative n = ResilientNarrator.builder(adapterOf(silent)).traceSink(sink).timeout(SHORT).build()
                    .narrate(Fixtures.request());
            // THEN two attempts timed out, then the deterministic narrative
            assertThat(n.narrator()).isEqualTo("deterministic");
            assertThat(sink.outcomes()).containsExactly("timeout", "timeout");
        }
    }

    @Test
    void narrate_requestBody_carriesTheRedactedIncidentTextAndNoRawValue() throws Exception {
        // GIVEN the raw values behind the labels, known only to the vault (here: this test)
        Map<String, String> vault = Map.of(
                "[IP_1]", "10.42.3.17",
                "[IP_2]", "10.42.9.250",
                "[EMAIL_1]", "alice.ops@example.com",
                "[AWS_KEY_1]", "AKIAIOSFODNN7EXAMPLE");
        answer(Fixtures.VALID_ANSWER);
        // WHEN
        resilient().narrate(Fixtures.request());
        // THEN the body holds the redacted incident text, word for word, inside the user message
        String body = chatRequests().get(0).getBodyAsString();
        JsonNode messages = Fixtures.JSON.readTree(body).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).get("content").asText()).contains(Fixtures.INCIDENT).contains(Fixtures.FACTS.get(0));
        vault.keySet().forEach(label -> assertThat(body).contains(label));
        // AND none of the raw values, nor the incident id, anywhere in the request
        vault.values().forEach(raw -> assertThat(body).doesNotContain(raw));
        assertThat(body).doesNotContain("inc_01AI");
        // AND the Privacy Shield's scanner finds nothing in what was sent
        assertThat(new PiiScanner().scan(body)).isEmpty();
    }

    @Test
    void narrate_adapterAlone_throwsTypedExceptionsAndSwallowsNothing() throws IOException {
        // GIVEN / WHEN / THEN a server error
        ollama.stubFor(post("/api/chat").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        assertThatThrownBy(() -> adapter().narrate(Fixtures.request())).isInstanceOfSatisfying(NarratorException.class,
                e -> assertThat(e.kind()).isEqualTo(NarratorException.Kind.UNAVAILABLE));
        // a prose answer
        ollama.resetAll();
        answer("no json here");
        assertThatThrownBy(() -> adapter().narrate(Fixtures.request())).isInstanceOfSatisfying(NarratorException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(NarratorException.Kind.REJECTED);
                    assertThat(e.rawResponse()).isEqualTo("no json here");
                });
        // no answer within the timeout
        try (ServerSocket silent = silentServer()) {
            assertThatThrownBy(() -> adapterOf(silent).narrate(Fixtures.request())).isInstanceOfSatisfying(
                    NarratorException.class, e -> assertThat(e.kind()).isEqualTo(NarratorException.Kind.TIMEOUT));
        }
    }

    @Test
    void narrate_ollamaNotRunning_fallsBackQuickly() {
        // GIVEN nothing listens at the base URL
        OllamaNarrator down = new OllamaNarrator(new OllamaNarrator.Config("http://127.0.0.1:9", "llama3.1", TIMEOUT));
        // WHEN
        Narrative n = ResilientNarrator.builder(down).traceSink(sink).timeout(TIMEOUT).build()
                .narrate(Fixtures.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(sink.outcomes()).containsExactly("error: ConnectException", "error: ConnectException");
    }
}
