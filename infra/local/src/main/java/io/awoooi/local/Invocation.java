package io.awoooi.local;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One invocation of a function: its event, its request id and the result to come. */
final class Invocation {

    private final String requestId = UUID.randomUUID().toString();
    private final byte[] payload;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long dispatchedNanos;
    private volatile ScheduledFuture<?> timeoutTask;

    Invocation(byte[] payload) {
        this.payload = payload;
    }

    String requestId() {
        return requestId;
    }

    byte[] payload() {
        return payload;
    }

    CompletableFuture<InvocationResult> result() {
        return result;
    }

    boolean isDone() {
        return finished.get();
    }

    /** Sets the result unless there already is one; true if this call set it. */
    boolean complete(InvocationResult value) {
        return complete(value, () -> {
        });
    }

    /**
     * As {@link #complete(InvocationResult)}, running {@code first} (e.g. writing the REPORT line)
     * before the waiting caller sees the result, and only if this call is the one that sets it.
     */
    boolean complete(InvocationResult value, Runnable first) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> task = timeoutTask;
        if (task != null) {
            task.cancel(false);
        }
        try {
            first.run();
        } finally {
            result.complete(value);
        }
        return true;
    }

    void dispatched(long nanos) {
        this.dispatchedNanos = nanos;
    }

    /** System.nanoTime() when the runtime received it, 0 if it never did. */
    long dispatchedNanos() {
        return dispatchedNanos;
    }

    void timeoutTask(ScheduledFuture<?> task) {
        this.timeoutTask = task;
    }
}
