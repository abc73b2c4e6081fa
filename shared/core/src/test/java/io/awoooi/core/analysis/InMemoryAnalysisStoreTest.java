package io.awoooi.core.analysis;

/** The fake honours the port's contract, so use-case tests on it mean something. */
class InMemoryAnalysisStoreTest extends AnalysisStoreContract {
    private final InMemoryAnalysisStore store = new InMemoryAnalysisStore();

    @Override
    protected AnalysisStore store() {
        return store;
    }
}
