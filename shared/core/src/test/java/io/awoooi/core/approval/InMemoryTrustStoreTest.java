package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** The fake honours the port's contract, so use-case tests on it mean something. */
class InMemoryTrustStoreTest extends TrustStoreContract {
    private final InMemoryTrustStore store = new InMemoryTrustStore();

    @Override
    protected TrustStore store() {
        return store;
    }

    @Test
    void failNextCalls_throwsStoreUnavailableThenRecovers() {
        // GIVEN a store told to fail once
        ActionPattern pattern = new ActionPattern("restart_pod:shop/api-*");
        store.failNextCalls.set(1);

        // WHEN / THEN the first call fails as a transient store failure and counts nothing; the next works
        assertThatThrownBy(() -> store.increment(pattern)).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.increment(pattern)).isEqualTo(1);
    }
}
