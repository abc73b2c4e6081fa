package io.awoooi.core.approval;

import java.util.List;

/** The executions queue contract on the fake the core tests use. */
class RecordingExecutionQueueTest extends ExecutionQueueContract {
    @Override
    protected ExecutionQueue freshQueue() {
        return new RecordingExecutionQueue();
    }

    @Override
    protected List<ExecutionOrder> delivered(ExecutionQueue queue, int expected) {
        return ((RecordingExecutionQueue) queue).orders();
    }

    @Override
    protected ExecutionQueue unreachable() {
        RecordingExecutionQueue down = new RecordingExecutionQueue();
        down.failNextCalls.set(Integer.MAX_VALUE);
        return down;
    }
}
