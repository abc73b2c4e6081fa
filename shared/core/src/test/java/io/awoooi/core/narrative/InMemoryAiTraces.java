package io.awoooi.core.narrative;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fake of the AI trace ports as one store, like the audit rows behind them: the sink appends, the
 * reader gives an incident's traces oldest first, and an outcome marks every trace of its incident.
 * Thread-safe; can be made unavailable. It passes {@link AiTraceContract}, as the DynamoDB adapters
 * do. ({@code RecordingTraceSink} and {@code RecordingAiOutcomes} stay the use-case tests' recorders
 * of calls.)
 */
public final class InMemoryAiTraces implements AiTraceSink, AiTraces, AiOutcomes {
    private final List<AiTrace> traces = new ArrayList<>();
    private volatile boolean unavailable;

    /** From now on every call throws {@link StoreUnavailableException}, like an unreachable table. */
    public InMemoryAiTraces unavailable() {
        unavailable = true;
        return this;
    }

    @Override
    public synchronized void record(AiTrace trace) {
        check();
        traces.add(trace);
    }

    @Override
    public synchronized List<AiTrace> of(String incidentId) {
        check();
        List<AiTrace> all = traces.stream().filter(t -> t.incidentId().equals(incidentId))
                .sorted(Comparator.comparing(AiTrace::at).thenComparingInt(AiTrace::attempt)).toList();
        return all.subList(Math.max(0, all.size() - SHOWN), all.size());
    }

    @Override
    public synchronized void recordOutcome(String incidentId, String outcome, Instant at) {
        check();
        traces.replaceAll(t -> t.incidentId().equals(incidentId)
                ? new AiTrace(t.incidentId(), t.agent(), t.model(), t.attempt(), t.prompt(), t.response(),
                        t.responseHead(), t.accepted(), t.durationMs(), t.outcome(), t.at(), outcome)
                : t);
    }

    private void check() {
        if (unavailable) {
            throw new StoreUnavailableException("injected failure: the traces store is unavailable", null);
        }
    }
}
