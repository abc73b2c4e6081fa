package io.awoooi.core.approval;

import io.awoooi.core.failure.StoreUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake of the trust store port: a score per pattern, 0 for one never seen. Thread-safe. */
public final class InMemoryTrustStore implements TrustStore {
    private final Map<ActionPattern, Integer> scores = new HashMap<>();
    /** The next calls (any method) throw {@link StoreUnavailableException}. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    private void maybeFail() {
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreUnavailableException("injected failure", null);
        }
    }

    @Override
    public synchronized int score(ActionPattern pattern) {
        maybeFail();
        return scores.getOrDefault(pattern, 0);
    }

    @Override
    public synchronized int increment(ActionPattern pattern) {
        maybeFail();
        return scores.merge(pattern, 1, Integer::sum);
    }

    @Override
    public synchronized int reset(ActionPattern pattern) {
        maybeFail();
        Integer before = scores.put(pattern, 0);
        return before == null ? 0 : before;
    }

    /** Sets a score directly (a pattern with a history). */
    public synchronized void set(ActionPattern pattern, int score) {
        scores.put(pattern, score);
    }
}
