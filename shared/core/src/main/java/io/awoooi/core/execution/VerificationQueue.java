package io.awoooi.core.execution;

import java.time.Duration;

/**
 * Port: where effectiveness checks wait until they are due (an SQS delay; short locally).
 * Failures throw {@link io.awoooi.core.intake.QueueUnavailableException}.
 */
public interface VerificationQueue {
    void schedule(VerificationOrder order, Duration delay);
}
