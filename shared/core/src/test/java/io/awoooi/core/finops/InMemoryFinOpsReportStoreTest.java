package io.awoooi.core.finops;

/** The report store's contract on the fake the use-case tests use. */
class InMemoryFinOpsReportStoreTest extends FinOpsReportStoreContract {
    private final InMemoryFinOpsReportStore store = new InMemoryFinOpsReportStore();

    @Override
    protected FinOpsReportStore store() {
        return store;
    }
}
