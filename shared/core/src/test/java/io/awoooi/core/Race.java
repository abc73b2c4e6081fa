package io.awoooi.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The port contracts' "many at once" cases: n attempts on n threads released together by a barrier.
 * The 30-second waits are a safety net only; nothing depends on the machine's speed.
 */
public final class Race {
    private Race() {
    }

    /** One attempt of a race; {@code index} tells the attempts apart (0 to n - 1). */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int index) throws Exception;
    }

    /** Runs n attempts on n threads released together; the results in attempt order. */
    public static <T> List<T> race(int n, Attempt<T> attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return attempt.run(index);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
