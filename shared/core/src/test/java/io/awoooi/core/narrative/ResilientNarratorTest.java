package io.awoooi.core.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No verdict here depends on the machine's speed: a model that must time out never answers (it
 * blocks until interrupted) and meets a short timeout; a model that must be heard answers at once
 * and meets a generous one. {@link Timeout} only stops a broken narrator from hanging the build.
 */
@Timeout(120)
class ResilientNarratorTest {
    /** For models that never answer: how long each attempt waits for nothing. */
    private static final Duration SHORT = Duration.ofMillis(150);
    /** For models that answer at once: far longer than any loaded machine needs. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final RecordingTraceSink sink = new RecordingTraceSink();

    private ResilientNarrator resilient(Narrator primary) {
        return resilient(primary, GENEROUS);
    }

    private ResilientNarrator resilient(Narrator primary, Duration timeout) {
        return ResilientNarrator.builder(primary).traceSink(sink).timeout(timeout)
                .clock(java.time.Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC)).build();
    }

    @Test
    void narrate_primaryAnswersValidJson_returnsItsNarrativeAndTracesOneAcceptedAttempt() {
        // GIVEN a model that answers well
        FakeModel model = FakeModel.answering(Requests.VALID_ANSWER);
        // WHEN
        Narrative n = resilient(model).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("fake");
        assertThat(n.recommendation()).map(Recommendation::actionId).contains("restart_pod");
        assertThat(model.calls).hasValue(1);
        assertThat(sink.traces).singleElement().satisfies(t -> {
            assertThat(t.incidentId()).isEqualTo("inc_01TEST");
            assertThat(t.agent()).isEqualTo("analysis");
            assertThat(t.model()).isEqualTo("fake:m1");
            assertThat(t.attempt()).isEqualTo(1);
            assertThat(t.prompt()).isEqualTo(model.prompts.get(0).text()).hasSizeLessThanOrEqualTo(8000);
            assertThat(t.response()).isEqualTo(Requests.VALID_ANSWER);
            assertThat(t.responseHead()).isEqualTo(Requests.VALID_ANSWER);
            assertThat(t.accepted()).isTrue();
            assertThat(t.outcome()).isEqualTo("accepted");
            assertThat(t.durationMs()).isGreaterThanOrEqualTo(0);
            assertThat(t.at()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        });
    }

    @Test
    void narrate_primaryTimesOut_retriesOnceThenFallsBack() {
        // GIVEN a model that never answers
        FakeModel model = FakeModel.hanging();
        // WHEN
        Narrative n = resilient(model, SHORT).narrate(Requests.request());
        // THEN two attempts, both traced as timeouts, then the deterministic narrative (returning at
        // all shows that the narrator stopped waiting)
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(model.calls).hasValue(2);
        assertThat(sink.outcomes()).containsExactly("timeout", "timeout");
        assertThat(sink.traces).extracting(AiTrace::attempt).containsExactly(1, 2);
        assertThat(sink.traces).allSatisfy(t -> {
            assertThat(t.accepted()).isFalse();
            assertThat(t.response()).isEmpty();
            assertThat(t.prompt()).contains(PromptBuilder.FENCE_OPEN);
            assertThat(t.durationMs()).isGreaterThanOrEqualTo(SHORT.toMillis() - 5);
        });
    }

    @Test
    void narrate_primarySlowOnceThenFast_retryIsAccepted() {
        // GIVEN a model that never answers the first call and answers the second at once
        FakeModel model = FakeModel.scripted(call -> {
            if (call == 1) {
                FakeModel.hang();
            }
            return Requests.VALID_ANSWER;
        });
        // WHEN (one timeout for both attempts: the first waits it out, the second has all of it)
        Narrative n = resilient(model, Duration.ofSeconds(5)).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("fake");
        assertThat(sink.outcomes()).containsExactly("timeout", "accepted");
    }

    @Test
    void narrate_primaryUnavailable_retriesOnceThenFallsBack_outcomeNamesTheType() {
        // GIVEN a model whose server keeps failing
        FakeModel model = FakeModel.scripted(call -> {
            throw new NarratorException(NarratorException.Kind.UNAVAILABLE, "HTTP 500",
                    new IllegalStateException("500"));
        });
        // WHEN
        Narrative n = resilient(model).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(model.calls).hasValue(2);
        assertThat(sink.outcomes()).containsExactly("error: IllegalStateException", "error: IllegalStateException");
    }

    @Test
    void narrate_primaryThrowsAnUnexpectedRuntimeException_retriesThenFallsBack() {
        FakeModel model = FakeModel.scripted(call -> {
            throw new UnsupportedOperationException("bug");
        });
        Narrative n = resilient(model).narrate(Requests.request());
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(sink.outcomes()).containsExactly("error: UnsupportedOperationException",
                "error: UnsupportedOperationException");
    }

    @Test
    void narrate_primaryAnswersProse_rejectedAndFallsBackWithoutRetry() {
        // GIVEN a model that ignores the format
        FakeModel model = FakeModel.answering("The database is down. You should restart it.");
        // WHEN
        Narrative n = resilient(model).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(n.recommendation()).isEmpty();
        assertThat(model.calls).hasValue(1);
        assertThat(sink.traces).singleElement().satisfies(t -> {
            assertThat(t.accepted()).isFalse();
            assertThat(t.outcome()).isEqualTo("rejected: no JSON object in the answer");
            assertThat(t.response()).isEqualTo("The database is down. You should restart it.");
        });
    }

    @Test
    void narrate_longAnswer_traceKeepsBoundedResponseAndItsFirst500Chars() {
        // GIVEN a long (rejected) answer
        String longAnswer = "words ".repeat(3000);
        // WHEN
        resilient(FakeModel.answering(longAnswer)).narrate(Requests.request());
        // THEN
        AiTrace t = sink.traces.get(0);
        assertThat(t.responseHead()).hasSize(500).isEqualTo(longAnswer.substring(0, 500));
        assertThat(t.response()).hasSize(AiTrace.MAX_RESPONSE_CHARS);
    }

    @Test
    void narrate_traceSinkThrows_stillReturnsTheNarrative() {
        // GIVEN an audit table that is down
        AtomicInteger sinkCalls = new AtomicInteger();
        AiTraceSink broken = trace -> {
            sinkCalls.incrementAndGet();
            throw new IllegalStateException("audit table down");
        };
        // WHEN the model answers, and when it times out
        Narrative ok = ResilientNarrator.builder(FakeModel.answering(Requests.VALID_ANSWER)).traceSink(broken)
                .timeout(GENEROUS).build().narrate(Requests.request());
        Narrative fallback = ResilientNarrator.builder(FakeModel.hanging()).traceSink(broken)
                .timeout(SHORT).build().narrate(Requests.request());
        // THEN
        assertThat(ok.narrator()).isEqualTo("fake");
        assertThat(fallback.narrator()).isEqualTo("deterministic");
        assertThat(sinkCalls).hasValue(3);
    }

    @Test
    void narrate_promptGuardBlocks_neverCallsTheModelAndFallsBack() {
        // GIVEN a leak guard that finds a value in the prompt
        FakeModel model = FakeModel.guarded((id, text) -> {
            throw new IllegalStateException("leak: IP");
        });
        // WHEN
        Narrative n = resilient(model).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("deterministic");
        assertThat(model.calls).hasValue(0);
        assertThat(sink.outcomes()).singleElement().asString().startsWith("blocked: ");
    }

    @Test
    void narrate_zeroRetries_fallsBackAfterOneAttempt() {
        FakeModel model = FakeModel.hanging();
        ResilientNarrator.builder(model).retries(0).timeout(SHORT).traceSink(sink).build().narrate(Requests.request());
        assertThat(model.calls).hasValue(1);
        assertThat(sink.outcomes()).containsExactly("timeout");
    }

    @Test
    void narrate_fallbackThrows_stillReturnsAMinimalNarrative() {
        Narrator brokenFallback = new Narrator() {
            @Override
            public Narrative narrate(NarrationRequest request) {
                throw new IllegalStateException("bug");
            }

            @Override
            public String name() {
                return "deterministic";
            }
        };
        Narrative n = ResilientNarrator.builder(FakeModel.answering("prose")).fallback(brokenFallback).timeout(GENEROUS)
                .build().narrate(Requests.request());
        assertThat(n.summary()).isNotBlank();
        assertThat(n.recommendation()).isEmpty();
    }

    @Test
    void name_isThePrimarysName() {
        assertThat(resilient(FakeModel.answering("x")).name()).isEqualTo("fake");
        assertThat(resilient(FakeModel.answering("x")).model()).isEqualTo("fake:m1");
    }

    @Test
    void narrate_plainNarratorPrimary_isCheckedAndTraced() {
        // GIVEN a primary that is not a language model adapter
        Narrator plain = new Narrator() {
            @Override
            public Narrative narrate(NarrationRequest request) {
                return new Narrative("fine", List.of("h"), Optional.of(new Recommendation("scale_deployment",
                        java.util.Map.of("replicas", "2"))), 0.7, "plain");
            }

            @Override
            public String name() {
                return "plain";
            }
        };
        // WHEN
        Narrative n = resilient(plain).narrate(Requests.request());
        // THEN
        assertThat(n.narrator()).isEqualTo("plain");
        assertThat(sink.traces).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo("accepted");
            assertThat(t.model()).isEqualTo("plain");
        });
    }
}
