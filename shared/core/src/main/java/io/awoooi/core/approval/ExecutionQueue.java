package io.awoooi.core.approval;

/**
 * Port: the executions FIFO queue. Message group = the target resource
 * ({@link ExecutionOrder#messageGroup()}), deduplication id = the request id, so a request sent
 * twice (a retried dispatch) is one message.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.QueueUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 *
 * @see io.awoooi.core.failure.QueueUnavailableException thrown when the queue cannot take it
 */
public interface ExecutionQueue {
    void enqueue(ExecutionOrder order);
}
