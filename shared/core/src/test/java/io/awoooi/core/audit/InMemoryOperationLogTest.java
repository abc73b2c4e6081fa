package io.awoooi.core.audit;

/** The operation log contract on the fake the use-case tests use. */
class InMemoryOperationLogTest extends OperationLogContract {
    @Override
    protected OperationLog freshLog() {
        return new InMemoryOperationLog();
    }
}
