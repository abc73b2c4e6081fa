package io.awoooi.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake honours the port's contract, so use-case tests on it mean something. */
class InMemoryApprovalStoreTest extends ApprovalStoreContract {
    private final InMemoryApprovalStore store = new InMemoryApprovalStore();

    @Override
    protected ApprovalStore store() {
        return store;
    }

    @Test
    void failNextCalls_throwsStoreUnavailableThenRecovers() {
        // GIVEN a store told to fail once
        ApprovalRequest r = ApprovalFixture.pending("inc_fail", ApprovalFixture.deletePvc("data"),
                ApprovalFixture.NOW);
        store.failNextCalls.set(1);

        // WHEN / THEN the first call fails as a transient store failure, the next works
        assertThatThrownBy(() -> store.create(r)).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.create(r)).isTrue();
    }

    @Test
    void writesAndSnapshot_readsDoNotCountWritesDo() {
        // GIVEN a store with one request
        ApprovalRequest r = ApprovalFixture.pending("inc_w", ApprovalFixture.deletePvc("data"), ApprovalFixture.NOW);
        store.create(r);
        int writes = store.writes();
        var before = store.snapshot();

        // WHEN it is only read
        store.find(r.id());
        store.signatures(r.id());

        // THEN nothing counts as a write; a lost transition still does
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(store.snapshot()).isEqualTo(before);
        store.transition(r.id(), ApprovalStatus.APPROVED, ApprovalStatus.EXECUTED, Optional.empty(),
                ApprovalFixture.NOW);
        assertThat(store.writes()).isEqualTo(writes + 1);
        assertThat(store.snapshot()).isEqualTo(before);
    }
}
