package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.execution.ExecutionRecord;
import io.awoooi.core.execution.ExecutionStatus;
import io.awoooi.core.execution.ExecutionStore;
import io.awoooi.core.execution.ExecutionStore.Claim;
import io.awoooi.core.execution.ExecutionStoreContract;
import io.awoooi.core.execution.Outcome;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The execution store on dynalite, the state table created from the SAM template: the port's contract
 * ({@link ExecutionStoreContract}, which the in-memory fake passes too; its claim races are the
 * double-execution guard's), and what only this adapter has: the row beside the approval request, its
 * attributes (the lease in milliseconds for the condition), transient failures.
 */
class DynamoDbExecutionStoreTest extends ExecutionStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T03:15:00.123456789Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String INCIDENT = "inc_01JDX0EXEC0000000000000000";
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbExecutionStore store = new DynamoDbExecutionStore(AWS.dynamo().client(), table);

    @Override
    protected ExecutionStore store() {
        return store;
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
        assertThatThrownBy(() -> down.claim("apr_x", INCIDENT, T0, LEASE))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.finish("apr_x", 1, ExecutionStatus.EXECUTED, Optional.empty(), T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.recordOutcome("apr_x", Outcome.EFFECTIVE, T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.find("apr_x")).isInstanceOf(StoreUnavailableException.class);
    }

    // ---------------------------------------------------------------- helpers

    private static String requestId() {
        return "apr_exec_" + UUID.randomUUID();
    }

    private Map<String, AttributeValue> row(String requestId) {
        return AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("APPROVAL#" + requestId), "SK", AttributeValue.fromS("EXECUTION")))).item();
    }
}
