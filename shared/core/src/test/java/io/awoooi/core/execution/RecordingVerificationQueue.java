package io.awoooi.core.execution;

import io.awoooi.core.failure.QueueUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the verification queue: keeps every scheduled check with its delay, after a round
 * trip through the JSON body the real queue carries. Can be told to fail like an unreachable queue.
 * Thread-safe.
 */
public final class RecordingVerificationQueue implements VerificationQueue {
    /** One scheduled check. */
    public record Scheduled(VerificationOrder order, Duration delay) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private int attempts;
    /** The next calls throw {@link QueueUnavailableException}. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void schedule(VerificationOrder order, Duration delay) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(delay, "delay");
        attempts++;
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new QueueUnavailableException("injected failure", null);
        }
        scheduled.add(new Scheduled(VerificationOrder.fromJson(order.toJson()), delay));
    }

    /** The checks on the queue, in the order they were scheduled. */
    public synchronized List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    /** Schedule calls, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }
}
