package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.execution.ExecutionRecord;
import io.awoooi.core.execution.ExecutionStatus;
import io.awoooi.core.execution.ExecutionStore.Claim;
import io.awoooi.core.execution.Outcome;
import io.awoooi.core.incident.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The execution store on dynalite, the state table created from the SAM template. */
class DynamoDbExecutionStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:15:00.123456789Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String INCIDENT = "inc_01JDX0EXEC0000000000000000";
    private static final LocalAws AWS = LocalAws.shared();
    private static ExecutorService threads;

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbExecutionStore store = new DynamoDbExecutionStore(AWS.dynamo().client(), table);

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void claim_noRecord_isFreshWithAttemptOneAndTheRowBesideTheRequest() {
        // GIVEN an approved request nobody executed yet
        String id = requestId();
        // WHEN the first order claims it
        Claim claim = store.claim(id, INCIDENT, T0, LEASE);
        // THEN a fresh IN_PROGRESS record of attempt 1, leased until T0 + lease, stored as such
        ExecutionRecord expected = ExecutionRecord.started(id, INCIDENT, 1, T0, T0.plus(LEASE));
        assertThat(claim).isEqualTo(new Claim.Fresh(expected));
        assertThat(store.find(id)).contains(expected);
        Map<String, AttributeValue> row = row(id);
        assertThat(row.get("status").s()).isEqualTo("IN_PROGRESS");
        assertThat(row.get("attempt").n()).isEqualTo("1");
        assertThat(row.get("incidentId").s()).isEqualTo(INCIDENT);
        assertThat(row.get("leaseUntil").s()).isEqualTo(T0.plus(LEASE).toString());
        assertThat(row.get("leaseUntilMs").n()).isEqualTo(Long.toString(T0.plus(LEASE).toEpochMilli()));
        assertThat(row).doesNotContainKey("expiresAt"); // the state table's TTL attribute
    }

    @Test
    void claim_twiceWithinTheLease_secondIsBusyAndChangesNothing() {
        // GIVEN a claimed execution
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        // WHEN a redelivered order claims it while the lease lives (also at its last millisecond)
        Claim second = store.claim(id, INCIDENT, T0.plusSeconds(30), LEASE);
        Claim atTheEdge = store.claim(id, INCIDENT, T0.plus(LEASE), LEASE);
        // THEN busy, and the first attempt still owns it
        ExecutionRecord first = ExecutionRecord.started(id, INCIDENT, 1, T0, T0.plus(LEASE));
        assertThat(second).isEqualTo(new Claim.Busy(first));
        assertThat(atTheEdge).isEqualTo(new Claim.Busy(first));
        assertThat(store.find(id)).contains(first);
    }

    @Test
    void claim_afterTheLeaseExpired_isTakenOverWithAttemptTwoAndANewLease() {
        // GIVEN an attempt that claimed and then crashed
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        // WHEN the retried order claims it after the lease
        Instant later = T0.plus(LEASE).plusMillis(1);
        Claim claim = store.claim(id, INCIDENT, later, LEASE);
        // THEN it owns it as attempt 2, leased from now; the first start is kept
        ExecutionRecord expected = new ExecutionRecord(id, INCIDENT, ExecutionStatus.IN_PROGRESS, 2, T0,
                later.plus(LEASE), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(claim).isEqualTo(new Claim.TakenOver(expected));
        assertThat(store.find(id)).contains(expected);
        assertThat(row(id).get("leaseUntilMs").n()).isEqualTo(Long.toString(later.plus(LEASE).toEpochMilli()));
    }

    @Test
    void claim_manyThreadsOnAnExpiredLease_exactlyOneTakesItOver() throws Exception {
        for (int round = 0; round < 10; round++) {
            // GIVEN an execution whose attempt crashed and whose lease ran out
            String id = requestId();
            store.claim(id, INCIDENT, T0, LEASE);
            Instant later = T0.plus(LEASE).plusSeconds(1);
            // WHEN 8 redelivered orders claim it at the same moment
            List<Claim> claims = race(8, i -> store.claim(id, INCIDENT, later.plusMillis(i), LEASE));
            // THEN one took it over as attempt 2, the others found it busy; nobody made it attempt 3
            assertThat(claims).filteredOn(Claim.TakenOver.class::isInstance).hasSize(1);
            assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(7);
            ExecutionRecord winner = ((Claim.TakenOver) claims.stream().filter(Claim.TakenOver.class::isInstance)
                    .findFirst().orElseThrow()).record();
            assertThat(winner.attempt()).isEqualTo(2);
            assertThat(store.find(id)).contains(winner);
        }
    }

    @Test
    void claim_manyThreadsOnNoRecord_exactlyOneIsFresh() throws Exception {
        // GIVEN an execution nobody claimed
        String id = requestId();
        // WHEN 8 orders claim it at the same moment (a duplicate delivery)
        List<Claim> claims = race(8, i -> store.claim(id, INCIDENT, T0, LEASE));
        // THEN one is fresh, the others busy
        assertThat(claims).filteredOn(Claim.Fresh.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(7);
    }

    @Test
    void claim_finishedRecord_isFinishedEvenAfterTheLease() {
        for (ExecutionStatus end : List.of(ExecutionStatus.EXECUTED, ExecutionStatus.VOIDED, ExecutionStatus.FAILED)) {
            // GIVEN an execution that ended
            String id = requestId();
            store.claim(id, INCIDENT, T0, LEASE);
            store.finish(id, 1, end, Optional.of("done: " + end), T0.plusSeconds(5));
            // WHEN a late redelivery claims it, long after the lease
            Claim claim = store.claim(id, INCIDENT, T0.plus(Duration.ofHours(1)), LEASE);
            // THEN finished: nothing to do, and no take-over
            assertThat(claim).isInstanceOf(Claim.Finished.class);
            assertThat(((Claim.Finished) claim).record().status()).isEqualTo(end);
            assertThat(((Claim.Finished) claim).record().attempt()).isEqualTo(1);
        }
    }

    @Test
    void claim_zeroLease_throwsIllegalArgument() {
        assertThatThrownBy(() -> store.claim(requestId(), INCIDENT, T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finish_byTheOwningAttempt_endsItWithReasonAndTime() {
        // GIVEN a claimed execution
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        // WHEN its attempt finishes it
        boolean finished = store.finish(id, 1, ExecutionStatus.EXECUTED, Optional.of("restarted shop/checkout"),
                T0.plusSeconds(7));
        // THEN the record is EXECUTED, with what was done and when
        assertThat(finished).isTrue();
        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(record.reason()).contains("restarted shop/checkout");
        assertThat(record.finishedAt()).contains(T0.plusSeconds(7));
        assertThat(record.outcome()).isEmpty();
    }

    @Test
    void finish_withoutReason_leavesNoReasonAttribute() {
        // GIVEN a claimed execution
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        // WHEN it is voided without a reason
        assertThat(store.finish(id, 1, ExecutionStatus.VOIDED, Optional.empty(), T0.plusSeconds(1))).isTrue();
        // THEN no reason is stored
        assertThat(store.find(id).orElseThrow().reason()).isEmpty();
        assertThat(row(id)).doesNotContainKey("reason");
    }

    @Test
    void finish_byAnotherAttempt_isFalseAndChangesNothing() {
        // GIVEN an execution claimed by attempt 1
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        // WHEN attempt 2 (which never owned it) tries to finish it
        boolean finished = store.finish(id, 2, ExecutionStatus.FAILED, Optional.of("403"), T0.plusSeconds(1));
        // THEN refused
        assertThat(finished).isFalse();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
    }

    @Test
    void finish_staleAttemptAfterATakeOver_isFalseAndTheNewAttemptFinishes() {
        // GIVEN attempt 1 stalled past its lease and attempt 2 took over
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(store.claim(id, INCIDENT, later, LEASE)).isInstanceOf(Claim.TakenOver.class);
        // WHEN the stale attempt 1 wakes up and finishes
        boolean stale = store.finish(id, 1, ExecutionStatus.FAILED, Optional.of("timeout"), later.plusSeconds(1));
        // THEN refused; attempt 2's finish counts
        assertThat(stale).isFalse();
        assertThat(store.finish(id, 2, ExecutionStatus.EXECUTED, Optional.of("restarted"), later.plusSeconds(2)))
                .isTrue();
        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(record.attempt()).isEqualTo(2);
        assertThat(record.reason()).contains("restarted");
    }

    @Test
    void finish_twice_secondIsFalseAndTheFirstStands() {
        // GIVEN an execution that failed
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        store.finish(id, 1, ExecutionStatus.FAILED, Optional.of("403 forbidden"), T0.plusSeconds(1));
        // WHEN the same attempt finishes it again, differently
        boolean again = store.finish(id, 1, ExecutionStatus.EXECUTED, Optional.empty(), T0.plusSeconds(2));
        // THEN refused
        assertThat(again).isFalse();
        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(record.reason()).contains("403 forbidden");
        assertThat(record.finishedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void finish_unknownExecution_isFalse() {
        assertThat(store.finish(requestId(), 1, ExecutionStatus.EXECUTED, Optional.empty(), T0)).isFalse();
    }

    @Test
    void finish_toInProgress_throwsIllegalArgument() {
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        assertThatThrownBy(() -> store.finish(id, 1, ExecutionStatus.IN_PROGRESS, Optional.empty(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordOutcome_executedTwice_firstOutcomeStays() {
        // GIVEN an executed request
        String id = requestId();
        store.claim(id, INCIDENT, T0, LEASE);
        store.finish(id, 1, ExecutionStatus.EXECUTED, Optional.of("restarted"), T0.plusSeconds(5));
        // WHEN the check records EFFECTIVE, then a redelivered check INEFFECTIVE
        boolean first = store.recordOutcome(id, Outcome.EFFECTIVE, T0.plusSeconds(300));
        boolean second = store.recordOutcome(id, Outcome.INEFFECTIVE, T0.plusSeconds(400));
        // THEN only the first is written
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.outcome()).contains(Outcome.EFFECTIVE);
        assertThat(record.verifiedAt()).contains(T0.plusSeconds(300));
        assertThat(record.status()).isEqualTo(ExecutionStatus.EXECUTED);
    }

    @Test
    void recordOutcome_notExecuted_isFalseAndWritesNothing() {
        // GIVEN one execution in progress, one failed, and one never claimed
        String inProgress = requestId();
        store.claim(inProgress, INCIDENT, T0, LEASE);
        String failed = requestId();
        store.claim(failed, INCIDENT, T0, LEASE);
        store.finish(failed, 1, ExecutionStatus.FAILED, Optional.of("404"), T0.plusSeconds(1));
        String unknown = requestId();
        // WHEN outcomes are recorded on them / THEN refused, and nothing is written
        assertThat(store.recordOutcome(inProgress, Outcome.EFFECTIVE, T0.plusSeconds(300))).isFalse();
        assertThat(store.recordOutcome(failed, Outcome.EFFECTIVE, T0.plusSeconds(300))).isFalse();
        assertThat(store.recordOutcome(unknown, Outcome.EFFECTIVE, T0.plusSeconds(300))).isFalse();
        assertThat(store.find(inProgress).orElseThrow().outcome()).isEmpty();
        assertThat(store.find(failed).orElseThrow().outcome()).isEmpty();
        assertThat(store.find(unknown)).isEmpty();
    }

    @Test
    void find_unknownExecution_isEmpty() {
        assertThat(store.find(requestId())).isEmpty();
    }

    @Test
    void find_approvalRequestBeside_isNotAnExecution() {
        // GIVEN an approval request row, and no execution
        DynamoDbApprovalStore approvals = new DynamoDbApprovalStore(AWS.dynamo().client(), table);
        var request = ApprovalFixtures.pendingRequest();
        approvals.create(request);
        // WHEN / THEN the execution row alone is read, and claiming leaves the request as it was
        assertThat(store.find(request.id())).isEmpty();
        assertThat(store.claim(request.id(), request.incidentId(), T0, LEASE)).isInstanceOf(Claim.Fresh.class);
        assertThat(approvals.find(request.id())).contains(request);
    }

    @Test
    void everyCall_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbClient nowhere = ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9"));
        DynamoDbExecutionStore down = new DynamoDbExecutionStore(nowhere, table);
        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.claim("apr_x", INCIDENT, T0, LEASE)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.finish("apr_x", 1, ExecutionStatus.EXECUTED, Optional.empty(), T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.recordOutcome("apr_x", Outcome.EFFECTIVE, T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.find("apr_x")).isInstanceOf(StoreUnavailableException.class);
    }

    // ---------------------------------------------------------------- helpers

    private interface Attempt {
        Claim run(int index) throws Exception;
    }

    /** Runs n attempts on n threads released at the same moment; the results in attempt order. */
    private static List<Claim> race(int n, Attempt attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Claim> task = () -> {
                ready.countDown();
                go.await();
                return attempt.run(index);
            };
            futures.add(threads.submit(task));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Claim> results = new ArrayList<>();
        for (Future<Claim> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static String requestId() {
        return "apr_exec_" + UUID.randomUUID();
    }

    private Map<String, AttributeValue> row(String requestId) {
        return AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("APPROVAL#" + requestId), "SK", AttributeValue.fromS("EXECUTION")))).item();
    }
}
