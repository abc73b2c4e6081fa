package io.awoooi.local;

/**
 * One named step of the tracer bullet. A step passes when its action returns and fails with the
 * message of what it throws ({@link StepFailed} for an expectation that did not hold).
 */
record DemoStep(String name, Action action) {

    @FunctionalInterface
    interface Action {
        void run(DemoContext context) throws Exception;
    }

    /** An expectation of a step that did not hold; its message is the FAIL reason. */
    static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }
}
