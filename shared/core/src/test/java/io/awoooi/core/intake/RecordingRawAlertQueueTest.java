package io.awoooi.core.intake;

import java.util.List;

/** The raw-alerts queue contract on the fake the core tests use. */
class RecordingRawAlertQueueTest extends RawAlertQueueContract {
    @Override
    protected RawAlertQueue freshQueue() {
        return new RecordingRawAlertQueue();
    }

    @Override
    protected List<RawAlertMessage> delivered(RawAlertQueue queue, int expected) {
        return ((RecordingRawAlertQueue) queue).messages();
    }

    @Override
    protected RawAlertQueue unreachable() {
        RecordingRawAlertQueue down = new RecordingRawAlertQueue();
        down.failNextCalls.set(Integer.MAX_VALUE);
        return down;
    }
}
