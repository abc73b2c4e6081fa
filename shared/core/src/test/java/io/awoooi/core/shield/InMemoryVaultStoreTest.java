package io.awoooi.core.shield;

/** The fake honours the port's contract, so the Privacy Shield's tests on it mean something. */
class InMemoryVaultStoreTest extends VaultStoreContract {
    private final InMemoryVaultStore store = new InMemoryVaultStore();

    @Override
    protected VaultStore store() {
        return store;
    }
}
