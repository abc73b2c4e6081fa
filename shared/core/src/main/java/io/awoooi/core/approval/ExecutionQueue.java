package io.awoooi.core.approval;

/**
 * Port: the executions FIFO queue. Message group = the target resource
 * ({@link ExecutionOrder#messageGroup()}), deduplication id = the request id, so a request sent
 * twice (a retried dispatch) is one message.
 *
 * @see io.awoooi.core.intake.QueueUnavailableException thrown when the queue cannot take it
 */
public interface ExecutionQueue {
    void enqueue(ExecutionOrder order);
}
