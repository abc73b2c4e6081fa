package io.awoooi.core.approval;

import io.awoooi.core.failure.QueueUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the executions queue: keeps every attempt, and deduplicates on the request id as the
 * FIFO queue does (a retried dispatch is one message). Can be told to fail like an unreachable
 * queue. Thread-safe.
 */
public final class RecordingExecutionQueue implements ExecutionQueue {
    private final Map<String, ExecutionOrder> messages = new LinkedHashMap<>();
    private final List<ExecutionOrder> attempts = new ArrayList<>();
    /** The next calls throw {@link QueueUnavailableException}. */
    public final AtomicInteger failNextCalls = new AtomicInteger();

    @Override
    public synchronized void enqueue(ExecutionOrder order) {
        attempts.add(order);
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new QueueUnavailableException("injected failure", null);
        }
        // what the real queue carries is the JSON body: a round trip catches an order it could not carry
        messages.putIfAbsent(order.requestId(), ExecutionOrder.fromJson(order.toJson()));
    }

    /** The messages on the queue, one per request id, in the order they arrived. */
    public synchronized List<ExecutionOrder> orders() {
        return List.copyOf(messages.values());
    }

    /** Every enqueue call, failed or deduplicated ones included. */
    public synchronized List<ExecutionOrder> attempts() {
        return List.copyOf(attempts);
    }
}
