package io.awoooi.core.execution;

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
 * The conditions of the {@link ExecutionStore} port, run against every implementation: the in-memory
 * fake here ({@code InMemoryExecutionStoreTest}), the DynamoDB adapter on dynalite in shared/aws
 * ({@code DynamoDbExecutionStoreTest}, through the core test-jar). The claim races are the
 * double-execution guard. Each test uses request ids of its own, so a shared table is fine.
 */
public abstract class ExecutionStoreContract {
    /** Millisecond precision: what every adapter keeps of an instant. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String INCIDENT = "inc_01jdzq8w3caaaaaaaaaaaaaaa1";

    /** A store, possibly shared between tests. */
    protected abstract ExecutionStore store();

    private static String newId() {
        return "apr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private ExecutionRecord claimedFresh(String id) {
        ExecutionStore.Claim claim = store().claim(id, INCIDENT, T0, LEASE);
        assertThat(claim).isInstanceOf(ExecutionStore.Claim.Fresh.class);
        return ((ExecutionStore.Claim.Fresh) claim).record();
    }

    // ---------------------------------------------------------------- claim

    @Test
    void claim_noRecord_freshInProgressFirstAttemptWithItsLease() {
        // GIVEN no record
        String id = newId();

        // WHEN it is claimed
        ExecutionRecord record = claimedFresh(id);

        // THEN the record is IN_PROGRESS, attempt 1, leased until now + lease, and reads back equal
        assertThat(record).isEqualTo(ExecutionRecord.started(id, INCIDENT, 1, T0, T0.plus(LEASE)));
        assertThat(store().find(id)).contains(record);
    }

    @Test
    void claim_liveLeaseUpToItsLastMillisecond_busyAndUnchanged() {
        // GIVEN a claimed record
        String id = newId();
        ExecutionRecord first = claimedFresh(id);

        // WHEN others claim it before and at the end of its lease
        ExecutionStore.Claim early = store().claim(id, INCIDENT, T0.plusSeconds(1), LEASE);
        ExecutionStore.Claim atTheEnd = store().claim(id, INCIDENT, T0.plus(LEASE), LEASE);

        // THEN both find it busy, and it still belongs to attempt 1
        assertThat(early).isEqualTo(new ExecutionStore.Claim.Busy(first));
        assertThat(atTheEnd).isEqualTo(new ExecutionStore.Claim.Busy(first));
        assertThat(store().find(id)).contains(first);
    }

    @Test
    void claim_leaseExpired_takenOverByTheNextAttemptKeepingItsStart() {
        // GIVEN a record whose attempt crashed
        String id = newId();
        claimedFresh(id);
        Instant later = T0.plus(LEASE).plusMillis(1);

        // WHEN it is claimed one millisecond after its lease
        ExecutionStore.Claim claim = store().claim(id, INCIDENT, later, LEASE);

        // THEN the claimer owns it as attempt 2 with a new lease; the first start is kept
        ExecutionRecord expected = ExecutionRecord.started(id, INCIDENT, 2, T0, later.plus(LEASE));
        assertThat(claim).isEqualTo(new ExecutionStore.Claim.TakenOver(expected));
        assertThat(store().find(id)).contains(expected);
        // and the new lease holds against a third claimer
        assertThat(store().claim(id, INCIDENT, later.plusSeconds(1), LEASE))
                .isInstanceOf(ExecutionStore.Claim.Busy.class);
    }

    @Test
    void claim_finishedRecord_finishedWhateverTheLease() {
        for (ExecutionStatus end : List.of(ExecutionStatus.EXECUTED, ExecutionStatus.VOIDED, ExecutionStatus.FAILED)) {
            // GIVEN a record that ended (executed, voided or failed)
            String id = newId();
            claimedFresh(id);
            store().finish(id, 1, end, Optional.of("ended " + end), T0.plusSeconds(2));

            // WHEN it is claimed during and long after its lease (a late redelivery)
            ExecutionStore.Claim during = store().claim(id, INCIDENT, T0.plusSeconds(3), LEASE);
            ExecutionStore.Claim after = store().claim(id, INCIDENT, T0.plus(Duration.ofDays(1)), LEASE);

            // THEN both find it finished by attempt 1, and it stays as it ended: no take-over
            assertThat(during).isInstanceOfSatisfying(ExecutionStore.Claim.Finished.class, f -> {
                assertThat(f.record().status()).isEqualTo(end);
                assertThat(f.record().attempt()).isEqualTo(1);
            });
            assertThat(after).isEqualTo(during);
        }
    }

    @Test
    void claim_nonPositiveLease_isRefused() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> store().claim(newId(), INCIDENT, T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claim_twoClaimersAtTheSameMoment_exactlyOneOwnsIt() throws Exception {
        for (int round = 0; round < 50; round++) {
            // GIVEN two claimers of one new record, released together
            String id = newId();

            // WHEN both claim
            List<ExecutionStore.Claim> claims = race(2, i -> store().claim(id, INCIDENT, T0, LEASE));

            // THEN one owns it and the other finds it busy
            assertThat(claims).filteredOn(c -> c instanceof ExecutionStore.Claim.Fresh).hasSize(1);
            assertThat(claims).filteredOn(c -> c instanceof ExecutionStore.Claim.Busy).hasSize(1);
        }
    }

    @Test
    void claim_twoTakeOversOfOneExpiredLease_exactlyOneOwnsIt() throws Exception {
        for (int round = 0; round < 50; round++) {
            // GIVEN a crashed attempt's record and two claimers after its lease, released together
            String id = newId();
            claimedFresh(id);
            Instant later = T0.plus(LEASE).plusSeconds(1);

            // WHEN both claim
            List<ExecutionStore.Claim> claims = race(2, i -> store().claim(id, INCIDENT, later, LEASE));

            // THEN one took it over as attempt 2 and the other finds it busy
            assertThat(claims).filteredOn(c -> c instanceof ExecutionStore.Claim.TakenOver).singleElement()
                    .satisfies(c -> assertThat(((ExecutionStore.Claim.TakenOver) c).record().attempt())
                            .isEqualTo(2));
            assertThat(claims).filteredOn(c -> c instanceof ExecutionStore.Claim.Busy).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- finish

    @Test
    void finish_ownAttempt_endsWithReasonAndTime() {
        // GIVEN a claimed record
        String id = newId();
        ExecutionRecord started = claimedFresh(id);
        Instant at = T0.plusSeconds(5);

        // WHEN its attempt finishes it
        boolean finished = store().finish(id, 1, ExecutionStatus.EXECUTED, Optional.of("rollout restarted"), at);

        // THEN it is EXECUTED with the reason and the time, the rest as claimed
        assertThat(finished).isTrue();
        assertThat(store().find(id)).contains(new ExecutionRecord(id, INCIDENT, ExecutionStatus.EXECUTED, 1,
                T0, started.leaseUntil(), Optional.of("rollout restarted"), Optional.of(at), Optional.empty(),
                Optional.empty()));
    }

    @Test
    void finish_attemptThatLostItsLease_refused() {
        // GIVEN a record attempt 2 took over
        String id = newId();
        claimedFresh(id);
        store().claim(id, INCIDENT, T0.plus(LEASE).plusSeconds(1), LEASE);

        // WHEN attempt 1 (late) finishes it
        boolean stale = store().finish(id, 1, ExecutionStatus.FAILED, Optional.of("late"), T0.plus(LEASE));

        // THEN it is refused and attempt 2 still owns it
        assertThat(stale).isFalse();
        assertThat(store().find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
            assertThat(r.attempt()).isEqualTo(2);
        });
        assertThat(store().finish(id, 2, ExecutionStatus.EXECUTED, Optional.empty(), T0.plus(LEASE))).isTrue();
    }

    @Test
    void finish_twiceOrUnknown_refusedAndTheFirstEndKept() {
        // GIVEN a record that ended VOIDED
        String id = newId();
        claimedFresh(id);
        store().finish(id, 1, ExecutionStatus.VOIDED, Optional.of("state changed"), T0.plusSeconds(1));

        // WHEN it is finished again, and a record nobody claimed is finished
        boolean again = store().finish(id, 1, ExecutionStatus.EXECUTED, Optional.of("done"), T0.plusSeconds(2));
        boolean unknown = store().finish(newId(), 1, ExecutionStatus.EXECUTED, Optional.empty(), T0);

        // THEN both are refused; the first end stays
        assertThat(again).isFalse();
        assertThat(unknown).isFalse();
        assertThat(store().find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.VOIDED);
            assertThat(r.reason()).contains("state changed");
        });
    }

    @Test
    void finish_asInProgress_isRefusedAsAProgrammingError() {
        // GIVEN a claimed record
        String id = newId();
        claimedFresh(id);

        // WHEN / THEN finishing it IN_PROGRESS is not an end
        assertThatThrownBy(() -> store().finish(id, 1, ExecutionStatus.IN_PROGRESS, Optional.empty(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- outcome

    @Test
    void recordOutcome_executedRecord_writtenOnce() {
        // GIVEN an EXECUTED record
        String id = newId();
        claimedFresh(id);
        store().finish(id, 1, ExecutionStatus.EXECUTED, Optional.of("done"), T0.plusSeconds(1));

        // WHEN its outcome is written twice
        boolean first = store().recordOutcome(id, Outcome.EFFECTIVE, T0.plusSeconds(300));
        boolean second = store().recordOutcome(id, Outcome.INEFFECTIVE, T0.plusSeconds(301));

        // THEN the first stays, with its time
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store().find(id)).hasValueSatisfying(r -> {
            assertThat(r.outcome()).contains(Outcome.EFFECTIVE);
            assertThat(r.verifiedAt()).contains(T0.plusSeconds(300));
            assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
            assertThat(r.reason()).contains("done");
        });
    }

    @Test
    void recordOutcome_notExecuted_refused() {
        // GIVEN a record in progress, one that FAILED, and no record
        String running = newId();
        claimedFresh(running);
        String failed = newId();
        claimedFresh(failed);
        store().finish(failed, 1, ExecutionStatus.FAILED, Optional.of("refused"), T0);

        // WHEN / THEN none takes an outcome
        assertThat(store().recordOutcome(running, Outcome.EFFECTIVE, T0)).isFalse();
        assertThat(store().recordOutcome(failed, Outcome.EFFECTIVE, T0)).isFalse();
        assertThat(store().recordOutcome(newId(), Outcome.EFFECTIVE, T0)).isFalse();
        assertThat(store().find(running).flatMap(ExecutionRecord::outcome)).isEmpty();
        assertThat(store().find(failed).flatMap(ExecutionRecord::outcome)).isEmpty();
    }

    @Test
    void find_unknownId_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().find(newId())).isEmpty();
    }
}
