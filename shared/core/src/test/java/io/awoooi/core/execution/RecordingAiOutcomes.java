package io.awoooi.core.execution;

import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.narrative.AiOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake of the AI outcomes port: keeps every outcome written; can be told to fail. Thread-safe. */
public final class RecordingAiOutcomes implements AiOutcomes {
    /** One outcome as written. */
    public record Recorded(String incidentId, String outcome, Instant at) {
    }

    private final List<Recorded> recorded = new ArrayList<>();
    private int attempts;
    /** The next calls throw {@link StoreUnavailableException}, like an unreachable traces table. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void recordOutcome(String incidentId, String outcome, Instant at) {
        attempts++;
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
        recorded.add(new Recorded(incidentId, outcome, at));
    }

    public synchronized List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    /** Calls, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }
}
