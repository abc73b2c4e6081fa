package io.awoooi.core.shield;

import java.util.List;

/** The incidents queue contract on the fake. */
class RecordingIncidentEventQueueTest extends IncidentEventQueueContract {
    @Override
    protected IncidentEventQueue freshQueue() {
        return new RecordingIncidentEventQueue();
    }

    @Override
    protected List<String> delivered(IncidentEventQueue queue, int expected) {
        return ((RecordingIncidentEventQueue) queue).bodies();
    }

    @Override
    protected IncidentEventQueue unreachable() {
        RecordingIncidentEventQueue down = new RecordingIncidentEventQueue();
        down.failNextCalls.set(Integer.MAX_VALUE);
        return down;
    }
}
