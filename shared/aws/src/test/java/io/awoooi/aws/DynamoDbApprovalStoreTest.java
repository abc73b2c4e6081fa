package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.ApprovalStore;
import io.awoooi.core.approval.ApprovalStoreContract;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.Role;
import io.awoooi.core.approval.Signature;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The approval store on dynalite, the state table created from the SAM template: the port's contract
 * ({@link ApprovalStoreContract}, which the in-memory fake passes too), and what only this adapter
 * has: the row's mirrors of the document, the version, message rows beside signatures, transient
 * failures.
 */
class DynamoDbApprovalStoreTest extends ApprovalStoreContract {
    private static final Instant AT = Instant.parse("2026-11-25T03:05:00Z");
    private static final LocalAws AWS = LocalAws.shared();
    private static ExecutorService threads;

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbApprovalStore store = new DynamoDbApprovalStore(AWS.dynamo().client(), table);

    @Override
    protected ApprovalStore store() {
        return store;
    }

    @BeforeAll
    static void startThreads() {
        threads = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void create_thenFind_roundTripsEveryField() {
        // GIVEN a new request
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        // WHEN it is created and read back
        boolean created = store.create(request);
        // THEN it comes back equal, and the row carries the mirrors the conditions use
        assertThat(created).isTrue();
        assertThat(store.find(request.id())).contains(request);
        Map<String, AttributeValue> row = row(request.id(), "REQUEST");
        assertThat(row.get("status").s()).isEqualTo("PENDING");
        assertThat(row.get("incidentId").s()).isEqualTo(request.incidentId());
        assertThat(row.get("dispatched").bool()).isFalse();
        assertThat(row.get("updatedAt").s()).isEqualTo(request.updatedAt().toString());
        assertThat(row).doesNotContainKey("expiresAt"); // the state table's TTL attribute
    }

    @Test
    void transition_pendingToRejected_updatesDocumentAndMirrorsTogether() {
        // GIVEN a pending request
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        // WHEN it is rejected
        boolean moved = store.transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.REJECTED,
                Optional.of("bob rejected"), AT);
        // THEN the document and the top-level attributes say the same
        assertThat(moved).isTrue();
        assertThat(store.find(request.id())).contains(request.withStatus(ApprovalStatus.REJECTED,
                Optional.of("bob rejected"), AT));
        Map<String, AttributeValue> row = row(request.id(), "REQUEST");
        assertThat(row.get("status").s()).isEqualTo("REJECTED");
        assertThat(row.get("updatedAt").s()).isEqualTo(AT.toString());
    }

    @Test
    void transition_illegalMove_throwsBeforeAnyWrite() {
        // GIVEN a pending request
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        // WHEN it is moved straight to EXECUTED / THEN refused, and the row is untouched
        assertThatThrownBy(() -> store.transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.EXECUTED,
                Optional.empty(), AT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(request.id())).contains(request);
        assertThat(row(request.id(), "REQUEST").get("version").n()).isEqualTo("1");
    }

    @Test
    void markNotifiedAndTransition_racing_neitherChangeIsLost() throws Exception {
        for (int round = 0; round < 5; round++) {
            // GIVEN a pending request nobody was told about yet
            ApprovalRequest request = ApprovalFixtures.pendingRequest().withNotified(List.of());
            store.create(request);
            // WHEN the links go out while an approval already lands
            race(2, i -> {
                if (i == 0) {
                    store.markNotified(request.id(), List.of("alice", "bob"));
                    return true;
                }
                return store.transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
                        Optional.empty(), AT);
            });
            // THEN both are in the document
            ApprovalRequest stored = store.find(request.id()).orElseThrow();
            assertThat(stored.notified()).containsExactly("alice", "bob");
            assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        }
    }

    @Test
    void markDispatched_approvedRequest_setsTheFlagInDocumentAndRow() {
        // GIVEN an approved request
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        store.transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED, Optional.empty(), AT);
        // WHEN it is marked dispatched, twice (a retried dispatch)
        store.markDispatched(request.id());
        store.markDispatched(request.id());
        // THEN the flag is set and the status kept
        ApprovalRequest stored = store.find(request.id()).orElseThrow();
        assertThat(stored.dispatched()).isTrue();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(row(request.id(), "REQUEST").get("dispatched").bool()).isTrue();
    }

    @Test
    void addSignature_manyThreadsForTwoApprovers_eachRecordedOnce() throws Exception {
        // GIVEN a pending request
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        // WHEN 16 threads sign at once, half of them as alice, half as bob (double clicks, retries)
        List<Boolean> results = race(16, i -> store.addSignature(request.id(), new Signature(
                i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? Role.DEVOPS : Role.SRE, Decision.APPROVE,
                "nonce-" + i, AT.plusMillis(i))));
        // THEN one signature each, the others refused
        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(2);
        assertThat(store.signatures(request.id())).extracting(Signature::approverId)
                .containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void signatures_requestRowBeside_isNotASignature() {
        // GIVEN a request with one signature
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        store.addSignature(request.id(), new Signature("alice", Role.ADMIN, Decision.APPROVE, "n", AT));
        // WHEN / THEN only the SIG# row is read
        assertThat(store.signatures(request.id())).hasSize(1);
    }

    @Test
    void find_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbClient nowhere = ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9"));
        DynamoDbApprovalStore down = new DynamoDbApprovalStore(nowhere, table);
        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.find("apr_x")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.create(ApprovalFixtures.pendingRequest()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(
                () -> down.addSignature("apr_x", new Signature("alice", Role.SRE, Decision.APPROVE, "n", AT)))
                .isInstanceOf(StoreUnavailableException.class);
    }

    // ---------------------------------------------------------------- helpers

    private interface Attempt {
        boolean run(int index) throws Exception;
    }

    /** Runs n attempts on n threads released at the same moment; the results in attempt order. */
    private static List<Boolean> race(int n, Attempt attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Boolean> task = () -> {
                ready.countDown();
                go.await();
                return attempt.run(index);
            };
            futures.add(threads.submit(task));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private Map<String, AttributeValue> row(String requestId, String sortKey) {
        return AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("APPROVAL#" + requestId), "SK", AttributeValue.fromS(sortKey)))).item();
    }

    @Test
    void saveMessage_firstPerChannelAndRecipientStays_messagesReadsThemBackBesideTheSignatures() {
        // GIVEN a request with a signature
        ApprovalRequest request = ApprovalFixtures.pendingRequest();
        store.create(request);
        store.addSignature(request.id(), new io.awoooi.core.approval.Signature("alice",
                io.awoooi.core.approval.Role.DEVOPS, io.awoooi.core.approval.Decision.APPROVE, "n1", AT));

        // WHEN two messages are kept, and a second one for the same channel and recipient
        boolean first = store.saveMessage(request.id(), new io.awoooi.core.notify.MessageRef("telegram", "bob",
                "456789/42", java.util.Optional.of("https://api.example.test")));
        boolean other = store.saveMessage(request.id(), new io.awoooi.core.notify.MessageRef("slack", "bob",
                "D0123/1700000000.000100", java.util.Optional.empty()));
        boolean again = store.saveMessage(request.id(), new io.awoooi.core.notify.MessageRef("telegram", "bob",
                "456789/43", java.util.Optional.empty()));

        // THEN the first of each stays; the signatures are untouched by the message rows
        assertThat(first).isTrue();
        assertThat(other).isTrue();
        assertThat(again).isFalse();
        assertThat(store.messages(request.id())).containsExactlyInAnyOrder(
                new io.awoooi.core.notify.MessageRef("telegram", "bob", "456789/42",
                        java.util.Optional.of("https://api.example.test")),
                new io.awoooi.core.notify.MessageRef("slack", "bob", "D0123/1700000000.000100",
                        java.util.Optional.empty()));
        assertThat(store.signatures(request.id())).hasSize(1);
        assertThat(store.messages("apr_unknown")).isEmpty();
    }
}
