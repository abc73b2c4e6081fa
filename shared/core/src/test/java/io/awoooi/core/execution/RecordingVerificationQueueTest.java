package io.awoooi.core.execution;

import java.time.Duration;
import java.util.List;

/**
 * The verification queue contract on the fake the core tests use. The fake has no clock: a check
 * scheduled with a positive delay is held back, one without is due.
 */
class RecordingVerificationQueueTest extends VerificationQueueContract {
    @Override
    protected VerificationQueue freshQueue() {
        return new RecordingVerificationQueue();
    }

    @Override
    protected List<VerificationOrder> due(VerificationQueue queue, int expected) {
        return ((RecordingVerificationQueue) queue).scheduled().stream()
                .filter(s -> !s.delay().isPositive()).map(RecordingVerificationQueue.Scheduled::order).toList();
    }

    @Override
    protected int heldBack(VerificationQueue queue) {
        return (int) ((RecordingVerificationQueue) queue).scheduled().stream()
                .map(RecordingVerificationQueue.Scheduled::delay).filter(Duration::isPositive).count();
    }

    @Override
    protected VerificationQueue unreachable() {
        RecordingVerificationQueue down = new RecordingVerificationQueue();
        down.failNextCalls.set(Integer.MAX_VALUE);
        return down;
    }
}
