package io.awoooi.core.narrative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the AI collaboration trace ports ({@link AiTraceSink}, {@link AiTraces},
 * {@link AiOutcomes}), run against the in-memory fake here and the DynamoDB adapters in shared/aws on
 * dynalite (through the core test-jar). What the console and the effectiveness check rely on: a trace
 * reads back as it was recorded, an incident's only, oldest first whatever the order of the writes
 * (attempts within one second included); an outcome marks every trace of its incident and no other,
 * a later outcome replaces it; a store that cannot be used says so with
 * {@link StoreUnavailableException}. Each test uses incidents of its own, so a shared table is fine.
 */
public abstract class AiTraceContract {
    private static final Instant NARRATED = Instant.parse("2026-11-25T03:01:00Z");
    private static final Instant VERIFIED = Instant.parse("2026-11-25T03:20:00Z");

    /** The three ports over one store (the outcome marks what the sink wrote). */
    protected abstract AiTraceSink sink();

    protected abstract AiTraces traces();

    protected abstract AiOutcomes outcomes();

    /** The ports over a store that cannot be reached. */
    protected abstract AiTraceSink unreachableSink();

    protected abstract AiTraces unreachableTraces();

    protected abstract AiOutcomes unreachableOutcomes();

    private static String incident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static AiTrace trace(String incidentId, int attempt, Instant at) {
        return new AiTrace(incidentId, "analysis", "ollama:llama3.1", attempt, "prompt [IP_1]", "{\"summary\":\"x\"}",
                "{\"summary\":\"x\"}", true, 420, "accepted", at);
    }

    private static AiTrace marked(AiTrace t, String outcome) {
        return new AiTrace(t.incidentId(), t.agent(), t.model(), t.attempt(), t.prompt(), t.response(),
                t.responseHead(), t.accepted(), t.durationMs(), t.outcome(), t.at(), outcome);
    }

    @Test
    void record_thenOf_asRecordedOldestFirst() {
        // GIVEN three attempts of one incident recorded out of order: a timeout without an answer, its
        // retry half a second later, and the next narration a second after the first
        String incident = incident();
        AiTrace timeout = new AiTrace(incident, "analysis", "bedrock:model", 1, "prompt [IP_1]", "", "", false, 30_000,
                "timeout", NARRATED);
        AiTrace retry = trace(incident, 2, NARRATED.plusMillis(500));
        AiTrace next = trace(incident, 1, NARRATED.plusSeconds(1));
        sink().record(next);
        sink().record(retry);
        sink().record(timeout);
        // WHEN the console reads the incident's trace / THEN all three as recorded, oldest first
        assertThat(traces().of(incident)).containsExactly(timeout, retry, next);
    }

    @Test
    void of_manyFullSizeTraces_everyOneOldestFirst() {
        // GIVEN an incident with 80 full-size attempts (~16 KB each: more than one 1 MB store page),
        // recorded newest first
        String incident = incident();
        List<AiTrace> recorded = new ArrayList<>();
        for (int i = 79; i >= 0; i--) {
            AiTrace t = new AiTrace(incident, "analysis", "bedrock:model", 1 + i % 2, "p".repeat(8000),
                    "r".repeat(AiTrace.MAX_RESPONSE_CHARS), "r".repeat(AiTrace.HEAD_CHARS), false, 30_000, "timeout",
                    NARRATED.plusSeconds(i));
            sink().record(t);
            recorded.add(0, t);
        }
        // WHEN / THEN the console gets every one, oldest first
        assertThat(traces().of(incident)).containsExactlyElementsOf(recorded);
    }

    @Test
    void record_twoNarrationsAtTheSameInstantAndAttempt_bothKept() {
        // GIVEN two deliveries of one incident's analysis narrating at once: same instant, same attempt,
        // different answers
        String incident = incident();
        AiTrace one = trace(incident, 1, NARRATED);
        AiTrace other = new AiTrace(incident, "analysis", "ollama:llama3.1", 1, "prompt [IP_1]", "{\"summary\":\"y\"}",
                "{\"summary\":\"y\"}", false, 380, "rejected", NARRATED);
        sink().record(one);
        sink().record(other);
        // WHEN / THEN the audit keeps both: neither overwrites the other
        assertThat(traces().of(incident)).containsExactlyInAnyOrder(one, other);
    }

    @Test
    void of_moreTracesThanShown_theNewestOnesOldestFirst() {
        // GIVEN an incident narrated more often than a trace shows (a second apart, written oldest first)
        String incident = incident();
        List<AiTrace> recorded = new ArrayList<>();
        for (int i = 0; i < AiTraces.SHOWN + 15; i++) {
            AiTrace t = trace(incident, 1, NARRATED.plusSeconds(i));
            sink().record(t);
            recorded.add(t);
        }
        // WHEN / THEN the newest SHOWN, oldest first: the latest model calls are never the ones left out
        assertThat(traces().of(incident)).containsExactlyElementsOf(recorded.subList(15, recorded.size()));
    }

    @Test
    void of_otherOrUnknownIncident_onlyItsOwn() {
        // GIVEN traces of two incidents
        String mine = incident();
        AiTrace own = trace(mine, 1, NARRATED);
        sink().record(own);
        sink().record(trace(incident(), 1, NARRATED));
        // WHEN / THEN each incident has its own; an incident never narrated has none
        assertThat(traces().of(mine)).containsExactly(own);
        assertThat(traces().of(incident())).isEmpty();
    }

    @Test
    void recordOutcome_incidentWithTraces_marksEveryOneOfItsTracesOnly() {
        // GIVEN an incident with two attempts, and another incident's trace
        String incident = incident();
        String other = incident();
        AiTrace first = trace(incident, 1, NARRATED);
        AiTrace second = trace(incident, 2, NARRATED.plusSeconds(3));
        AiTrace others = trace(other, 1, NARRATED);
        sink().record(first);
        sink().record(second);
        sink().record(others);
        // WHEN the effectiveness check reports EFFECTIVE
        outcomes().recordOutcome(incident, "EFFECTIVE", VERIFIED);
        // THEN both of its traces carry it, the rest of each unchanged; the other incident's does not
        assertThat(traces().of(incident)).containsExactly(marked(first, "EFFECTIVE"), marked(second, "EFFECTIVE"));
        assertThat(traces().of(other)).containsExactly(others);
    }

    @Test
    void recordOutcome_again_theLatestStands() {
        // GIVEN a trace marked INEFFECTIVE
        String incident = incident();
        AiTrace trace = trace(incident, 1, NARRATED);
        sink().record(trace);
        outcomes().recordOutcome(incident, "INEFFECTIVE", VERIFIED);
        // WHEN a later outcome comes / THEN the trace says the latest
        outcomes().recordOutcome(incident, "FAILED", VERIFIED.plusSeconds(60));
        assertThat(traces().of(incident)).containsExactly(marked(trace, "FAILED"));
    }

    @Test
    void recordOutcome_noTraces_createsNone() {
        // GIVEN an incident narrated without a model (no traces)
        String incident = incident();
        // WHEN its outcome is recorded / THEN it does not fail, and no trace appears
        outcomes().recordOutcome(incident, "EFFECTIVE", VERIFIED);
        assertThat(traces().of(incident)).isEmpty();
    }

    @Test
    void everyPort_storeUnreachable_throwsStoreUnavailable() {
        // GIVEN / WHEN / THEN each port says the store cannot be used now (the narration goes on without it)
        assertThatThrownBy(() -> unreachableSink().record(trace(incident(), 1, NARRATED)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> unreachableTraces().of(incident())).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> unreachableOutcomes().recordOutcome(incident(), "EFFECTIVE", VERIFIED))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
