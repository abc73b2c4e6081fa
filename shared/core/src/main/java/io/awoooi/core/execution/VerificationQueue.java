package io.awoooi.core.execution;

import java.time.Duration;

/**
 * Port: where effectiveness checks wait until they are due (an SQS delay; short locally).
 * Failures throw {@link io.awoooi.core.failure.QueueUnavailableException}. Any delay is taken (a longer one
 * than the queue holds makes the check come early); not FIFO, and a check may come twice. The conditions
 * are in the test-jar's {@code VerificationQueueContract}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.QueueUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface VerificationQueue {
    void schedule(VerificationOrder order, Duration delay);
}
