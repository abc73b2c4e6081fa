package io.awoooi.core.incident;

/** The fake honours the port's contract, so the intake and read-model tests on it mean something. */
class InMemoryIncidentStoreTest extends IncidentStoreContract {
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();

    @Override
    protected IncidentStore store() {
        return store;
    }
}
