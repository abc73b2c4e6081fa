package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.Baselines;
import io.awoooi.core.drift.DriftChoice;
import io.awoooi.core.drift.DriftDecision;
import io.awoooi.core.drift.DriftDecisions;
import io.awoooi.core.drift.DriftReports;
import io.awoooi.core.drift.DriftStoreContract;
import io.awoooi.core.drift.WorkloadRef;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The drift store on dynalite, the state table created from the SAM template: the drift ports'
 * contract ({@link DriftStoreContract}, which the in-memory fake passes too), and what only this
 * adapter has: an unreachable table, the drift narrator's tagged operation rows beside the reports.
 */
class DynamoDbDriftStoreTest extends DriftStoreContract {
    private static final LocalAws AWS = LocalAws.shared();

    private final DynamoDbDriftStore store = new DynamoDbDriftStore(AWS.dynamo().client(),
            AWS.resources().tableName("StateTable"));

    @Override
    protected DriftReports reports() {
        return store;
    }

    @Override
    protected Baselines baselines() {
        return store;
    }

    @Override
    protected DriftDecisions decisions() {
        return store;
    }

    @Test
    void everyMethod_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store whose server does not answer
        DynamoDbDriftStore down = new DynamoDbDriftStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")),
                AWS.resources().tableName("StateTable"));
        WorkloadRef ref = new WorkloadRef("Deployment", "shop", "api");
        DriftDecision decision = new DriftDecision("drf_203101010000_aaaaaaaaaa.w0123456789abcdef",
                "drf_203101010000_aaaaaaaaaa", ref.key(), DriftChoice.ACCEPT, "alice", Instant.EPOCH,
                DriftDecision.State.CLAIMED, "");
        // WHEN / THEN every call says the store is unavailable now (a retry may succeed)
        assertThatThrownBy(() -> down.find("drf_203101010000_aaaaaaaaaa"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(down::latest).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.claimNotification("fp", Instant.EPOCH, Duration.ofHours(1)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.find(ref)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.inNamespace("shop")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.save(new Baseline(ref, "", Map.of(), "alice", Instant.EPOCH, "")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.claimDecision(decision)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.finishDecision(decision)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.findDecision(decision.id())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void operationLog_tagsKeptAndReadBack_untaggedStayUntagged() {
        // GIVEN the drift narrator's row (tagged) and an untagged row under a fresh report id
        var log = new DynamoDbOperationLog(AWS.dynamo().client(), AWS.resources().tableName("StateTable"));
        String reportId = "drf_203001010000_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        log.append(
                new io.awoooi.core.audit.Operation("op_a", reportId, "alert_received", "intake", Map.of(), Map.of(), 1,
                        java.util.Optional.empty(), at));
        log.append(new io.awoooi.core.audit.Operation("op_b", reportId, "notification_formatted", "drift_narrator",
                Map.of("report_id", reportId), Map.of("items_count", "2"), 5, java.util.Optional.of("op_a"),
                at.plusSeconds(1), List.of("drift", "llm_summary")));
        // WHEN read back
        var trail = log.trail(reportId);
        // THEN
        assertThat(trail).extracting(io.awoooi.core.audit.Operation::tags)
                .containsExactly(List.of(), List.of("drift", "llm_summary"));
        assertThat(trail.get(1).parentOpId()).contains("op_a");
    }
}
