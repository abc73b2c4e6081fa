package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link ApprovalStore} port, run against every implementation: the in-memory
 * fake here ({@code InMemoryApprovalStoreTest}), the DynamoDB adapter on dynalite in shared/aws
 * ({@code DynamoDbApprovalStoreTest}, through the core test-jar). Each test uses requests of its own,
 * so a shared table is fine.
 */
public abstract class ApprovalStoreContract {
    /** Millisecond precision: what every adapter keeps of an instant. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    /** A store, possibly shared between tests. */
    protected abstract ApprovalStore store();

    private static ApprovalRequest newRequest() {
        return ApprovalFixture.pending("inc_" + UUID.randomUUID().toString().replace("-", ""), deletePvc("data"), T0);
    }

    private ApprovalRequest created() {
        ApprovalRequest r = newRequest();
        assertThat(store().create(r)).isTrue();
        return r;
    }

    private static Signature sig(String approverId, Decision decision, Instant at) {
        return new Signature(approverId, Role.DEVOPS, decision, "nonce-" + approverId, at);
    }

    @Test
    void create_newRequest_isFoundAsWritten() {
        // GIVEN / WHEN a new request is created
        ApprovalRequest r = created();

        // THEN it reads back equal, without signatures
        assertThat(store().find(r.id())).contains(r);
        assertThat(store().signatures(r.id())).isEmpty();
    }

    @Test
    void create_sameIdTwice_secondIsRefusedAndTheFirstKept() {
        // GIVEN a created request
        ApprovalRequest r = created();

        // WHEN a different request with the same id is created
        boolean second = store().create(r.withStatus(ApprovalStatus.REJECTED, Optional.of("other"), T0));

        // THEN it is refused and the first stays
        assertThat(second).isFalse();
        assertThat(store().find(r.id())).contains(r);
    }

    @Test
    void find_unknownId_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().find(newRequest().id())).isEmpty();
        assertThat(store().signatures(newRequest().id())).isEmpty();
    }

    @Test
    void transition_fromTheExpectedStatus_moves() {
        // GIVEN a pending request
        ApprovalRequest r = created();
        Instant at = T0.plusSeconds(60);

        // WHEN it moves PENDING -> APPROVED
        boolean moved = store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
                Optional.of("quorum met"), at);

        // THEN it is APPROVED with the reason and time, the rest unchanged
        assertThat(moved).isTrue();
        ApprovalRequest now = store().find(r.id()).orElseThrow();
        assertThat(now).isEqualTo(r.withStatus(ApprovalStatus.APPROVED, Optional.of("quorum met"), at));
    }

    @Test
    void transition_fromAnotherStatus_isRefusedAndChangesNothing() {
        // GIVEN a request already rejected
        ApprovalRequest r = created();
        assertThat(store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.REJECTED, Optional.of("no"),
                T0)).isTrue();
        ApprovalRequest rejected = store().find(r.id()).orElseThrow();

        // WHEN someone still expecting PENDING tries to approve, expire or cancel it
        boolean approved = store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
                Optional.empty(), T0);
        boolean expired = store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED,
                Optional.empty(), T0);
        boolean cancelled = store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.CANCELLED,
                Optional.empty(), T0);

        // THEN each lost and the request is as it was
        assertThat(approved).isFalse();
        assertThat(expired).isFalse();
        assertThat(cancelled).isFalse();
        assertThat(store().find(r.id())).contains(rejected);
    }

    @Test
    void transition_missingRequest_isFalse() {
        // GIVEN / WHEN / THEN nothing to move is a lost move, not a new row
        String id = newRequest().id();
        assertThat(store().transition(id, ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.empty(), T0))
                .isFalse();
        assertThat(store().find(id)).isEmpty();
    }

    @Test
    void transition_illegalMove_throwsAndChangesNothing() {
        // GIVEN a pending request and an approved one
        ApprovalRequest pending = created();
        ApprovalRequest approved = created();
        store().transition(approved.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.empty(), T0);
        ApprovalRequest approvedNow = store().find(approved.id()).orElseThrow();

        // WHEN / THEN moves the status machine forbids are refused, whatever the stored status
        assertThatThrownBy(() -> store().transition(pending.id(), ApprovalStatus.PENDING, ApprovalStatus.EXECUTED,
                Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().transition(pending.id(), ApprovalStatus.PENDING, ApprovalStatus.PENDING,
                Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().transition(approved.id(), ApprovalStatus.APPROVED, ApprovalStatus.PENDING,
                Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().transition(approved.id(), ApprovalStatus.REJECTED, ApprovalStatus.APPROVED,
                Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().find(pending.id())).contains(pending);
        assertThat(store().find(approved.id())).contains(approvedNow);
        // and the legal ones after APPROVED work
        assertThat(store().transition(approved.id(), ApprovalStatus.APPROVED, ApprovalStatus.EXECUTED,
                Optional.empty(), T0)).isTrue();
    }

    @Test
    void transition_manyAtOnce_exactlyOneWins() throws Exception {
        // GIVEN a pending request and 8 threads ready to approve, reject, expire or cancel it
        ApprovalRequest r = created();
        ApprovalStatus[] targets = {ApprovalStatus.APPROVED, ApprovalStatus.REJECTED, ApprovalStatus.EXPIRED,
                ApprovalStatus.CANCELLED};
        int threads = 8;

        // WHEN they all try at once
        List<Boolean> won = race(threads, i -> {
            ApprovalStatus to = targets[i % targets.length];
            return store().transition(r.id(), ApprovalStatus.PENDING, to, Optional.of(to.name()), T0);
        });

        // THEN exactly one moved it, and the request holds that one's status and reason
        assertThat(won).containsOnlyOnce(true);
        ApprovalRequest after = store().find(r.id()).orElseThrow();
        assertThat(after.status()).isNotEqualTo(ApprovalStatus.PENDING);
        assertThat(after.reason()).contains(after.status().name());
    }

    @Test
    void overdue_onlyPendingRequestsPastTheirExpiry_soonestFirst_andNotOnceTheyMoved() {
        // GIVEN two pending requests (the second made a second later), one approved, one expired
        ApprovalRequest first = created();
        ApprovalRequest second = ApprovalFixture.pending("inc_" + UUID.randomUUID().toString().replace("-", ""),
                deletePvc("data"), T0.plusSeconds(1));
        assertThat(store().create(second)).isTrue();
        ApprovalRequest approved = created();
        ApprovalRequest expired = created();
        assertThat(store().transition(approved.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.of("q"),
                T0)).isTrue();
        assertThat(store().transition(expired.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED, Optional.of("late"),
                T0)).isTrue();
        // a rewrite that keeps it pending keeps it listed
        store().markNotified(first.id(), List.of("alice"));

        // WHEN the overdue requests are listed before, at and after the expiries
        List<String> before = store().overdue(first.expiresAt().minusMillis(1), 10_000);
        List<String> atFirst = store().overdue(first.expiresAt(), 10_000);
        List<String> after = store().overdue(second.expiresAt().plusSeconds(1), 10_000);

        // THEN only the pending ones past their expiry, the one that expired first first
        assertThat(before).doesNotContain(first.id(), second.id());
        assertThat(atFirst).contains(first.id()).doesNotContain(second.id());
        assertThat(after).contains(first.id(), second.id()).doesNotContain(approved.id(), expired.id());
        assertThat(after.indexOf(first.id())).isLessThan(after.indexOf(second.id()));
        assertThat(store().overdue(second.expiresAt().plusSeconds(1), 1)).hasSize(1);
    }

    @Test
    void pending_everyLivePendingRequestWhateverMadeIt_soonestExpiryFirst_notOverdueNorMoved() {
        // GIVEN an incident's request, another made ten minutes earlier (so it expires sooner; an agent's,
        // a scan's: any id), one past its expiry the sweep has not moved yet, and one approved
        ApprovalRequest incidents = created();
        ApprovalRequest sooner = ApprovalFixture.pending("inc_" + UUID.randomUUID().toString().replace("-", ""),
                deletePvc("scratch"), T0.minus(java.time.Duration.ofMinutes(10)));
        assertThat(store().create(sooner)).isTrue();
        ApprovalRequest overdue = ApprovalFixture.pending("inc_" + UUID.randomUUID().toString().replace("-", ""),
                deletePvc("old"), T0.minus(java.time.Duration.ofDays(30)));
        assertThat(store().create(overdue)).isTrue();
        ApprovalRequest approved = created();
        assertThat(store().transition(approved.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.of("q"),
                T0)).isTrue();

        // WHEN the pending requests are listed now, and after the sooner one expired
        List<String> pending = store().pending(T0, 10_000);
        List<String> later = store().pending(sooner.expiresAt(), 10_000);

        // THEN the live pending ones, the soonest expiry first; not the overdue one, not the approved one
        assertThat(pending).contains(incidents.id(), sooner.id()).doesNotContain(overdue.id(), approved.id());
        assertThat(pending.indexOf(sooner.id())).isLessThan(pending.indexOf(incidents.id()));
        assertThat(later).contains(incidents.id()).doesNotContain(sooner.id());
        assertThat(store().pending(T0, 1)).hasSize(1);
        assertThatThrownBy(() -> store().pending(T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markNotifiedAndDispatched_areKept() {
        // GIVEN an approved request
        ApprovalRequest r = created();
        store().transition(r.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.empty(), T0);

        // WHEN links are recorded and then the dispatch
        store().markNotified(r.id(), List.of("alice", "bob"));
        store().markDispatched(r.id());

        // THEN both read back, the status untouched
        ApprovalRequest now = store().find(r.id()).orElseThrow();
        assertThat(now.notified()).containsExactly("alice", "bob");
        assertThat(now.dispatched()).isTrue();
        assertThat(now.status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void markNotifiedOrDispatched_missingRequest_throwsAndCreatesNothing() {
        // GIVEN / WHEN / THEN marking a request that does not exist is a bug, not a new row
        String id = newRequest().id();
        assertThatThrownBy(() -> store().markNotified(id, List.of("alice"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().markDispatched(id)).isInstanceOf(IllegalStateException.class);
        assertThat(store().find(id)).isEmpty();
    }

    @Test
    void addSignature_sameApproverTwice_secondIsRefusedAndTheFirstKept() {
        // GIVEN a request alice approved
        ApprovalRequest r = created();
        Signature first = sig("alice", Decision.APPROVE, T0);
        assertThat(store().addSignature(r.id(), first)).isTrue();

        // WHEN alice signs again, even with another decision and link
        boolean again = store().addSignature(r.id(), new Signature("alice", Role.DEVOPS, Decision.REJECT, "other",
                T0.plusSeconds(5)));

        // THEN it is refused and only the first counts
        assertThat(again).isFalse();
        assertThat(store().signatures(r.id())).containsExactly(first);
    }

    @Test
    void signatures_areOldestFirstAndPerRequest() {
        // GIVEN two requests, and signatures written out of time order
        ApprovalRequest r = created();
        ApprovalRequest other = created();
        Signature late = sig("bob", Decision.APPROVE, T0.plus(Duration.ofMinutes(2)));
        Signature early = sig("erin", Decision.APPROVE, T0.plus(Duration.ofMinutes(1)));
        Signature sameTimeA = sig("alice", Decision.REJECT, T0.plus(Duration.ofMinutes(3)));
        Signature sameTimeZ = sig("zoe", Decision.APPROVE, T0.plus(Duration.ofMinutes(3)));
        store().addSignature(r.id(), late);
        store().addSignature(r.id(), sameTimeZ);
        store().addSignature(r.id(), early);
        store().addSignature(r.id(), sameTimeA);
        store().addSignature(other.id(), sig("bob", Decision.REJECT, T0));

        // WHEN they are read
        List<Signature> read = store().signatures(r.id());

        // THEN oldest first (same instant: by approver id), the other request's apart
        assertThat(read).containsExactly(early, late, sameTimeA, sameTimeZ);
        assertThat(store().signatures(other.id())).extracting(Signature::decision).containsExactly(Decision.REJECT);
    }

    @Test
    void addSignature_sameApproverFromManyThreads_recordedOnce() throws Exception {
        // GIVEN a request and 8 threads signing for the same approver at once
        ApprovalRequest r = created();
        int threads = 8;

        // WHEN they all try
        List<Boolean> won = race(threads, i -> store().addSignature(r.id(),
                new Signature("alice", Role.DEVOPS, Decision.APPROVE, "nonce-" + i, T0)));

        // THEN one signature, and one winner said so
        assertThat(won).containsOnlyOnce(true);
        assertThat(store().signatures(r.id())).hasSize(1);
    }
}
