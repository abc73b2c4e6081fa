package io.awoooi.core.drift;

/** The drift stores' contract on the fake the use-case tests use. */
class InMemoryDriftTest extends DriftStoreContract {
    private final InMemoryDrift store = new InMemoryDrift();

    @Override
    protected DriftReports reports() {
        return store;
    }

    @Override
    protected Baselines baselines() {
        return store;
    }

    @Override
    protected DriftDecisions decisions() {
        return store;
    }
}
