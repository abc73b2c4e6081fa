package io.awoooi.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake honours the port's contract, so use-case tests on it mean something. */
class InMemoryExecutionStoreTest extends ExecutionStoreContract {
    private final InMemoryExecutionStore store = new InMemoryExecutionStore();

    @Override
    protected ExecutionStore store() {
        return store;
    }

    @Test
    void failNextCalls_throwsStoreUnavailableThenRecovers() {
        // GIVEN a store told to fail once
        store.failNextCalls.set(1);
        Instant now = Instant.parse("2026-11-25T03:00:00Z");

        // WHEN / THEN the first call fails as a transient store failure and writes nothing; the next works
        assertThatThrownBy(() -> store.claim("apr_1", "inc_1", now, Duration.ofMinutes(2)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(store.find("apr_1")).isEmpty();
        assertThat(store.claim("apr_1", "inc_1", now, Duration.ofMinutes(2)))
                .isInstanceOf(ExecutionStore.Claim.Fresh.class);
        assertThat(store.claims()).isEqualTo(1);
    }
}
