package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.analysis.AnalysisStoreContract;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The analysis store on dynalite, the state table created from the SAM template: the port's contract
 * ({@link AnalysisStoreContract}, which the in-memory fake passes too), and what only this adapter
 * has: the row beside the incident, transient failures.
 */
class DynamoDbAnalysisStoreTest extends AnalysisStoreContract {
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbAnalysisStore store = new DynamoDbAnalysisStore(AWS.dynamo().client(), table);

    @Override
    protected AnalysisStore store() {
        return store;
    }

    @Test
    void save_row_isBesideTheIncidentWithItsTime() {
        // GIVEN / WHEN an analysis is saved
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "");
        Analysis analysis = ApprovalFixture.analysis(incident, ApprovalFixture.restartPod("api-0"), 1);
        store.save(analysis);

        // THEN its row is INCIDENT#{id} / ANALYSIS with the document as JSON and when it was made
        Map<String, AttributeValue> row = AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incident),
                        "SK", AttributeValue.fromS("ANALYSIS"))))
                .item();
        assertThat(row.get("analyzedAt").s()).isEqualTo(analysis.analyzedAt().toString());
        assertThat(row.get("document").s()).startsWith("{\"targets\":[\"shop/order-api\"]");
    }

    @Test
    void everyCall_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbAnalysisStore down = new DynamoDbAnalysisStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);

        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.save(ApprovalFixture.analysis("inc_x", null, 0)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.latest("inc_x")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.latestOf(List.of("inc_x"))).isInstanceOf(StoreUnavailableException.class);
    }
}
