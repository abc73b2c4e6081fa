package io.awoooi.core.incident;

/** The fake honours the port's contract, so the parking tests on it mean something. */
class InMemoryIncidentFailureStoreTest extends IncidentFailureStoreContract {
    private final InMemoryIncidentFailureStore store = new InMemoryIncidentFailureStore();

    @Override
    protected IncidentFailureStore store() {
        return store;
    }
}
