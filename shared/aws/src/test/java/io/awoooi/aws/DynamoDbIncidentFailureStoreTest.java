package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.incident.IncidentFailureStore;
import io.awoooi.core.incident.IncidentFailureStoreContract;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incidents' failure summaries on dynalite, the state table from the SAM template: the port's
 * contract ({@link IncidentFailureStoreContract}, which the in-memory fake passes too), and what only
 * this adapter has: the row beside the incident with its message ids, transient failures.
 */
class DynamoDbIncidentFailureStoreTest extends IncidentFailureStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private static final LocalAws AWS = LocalAws.shared();
    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbIncidentFailureStore store = new DynamoDbIncidentFailureStore(AWS.dynamo().client(), table);

    @Override
    protected IncidentFailureStore store() {
        return store;
    }

    @Test
    void record_row_isBesideTheIncidentWithTheMessageIdsAsASet() {
        // GIVEN / WHEN two messages of an incident are parked
        String incident = "inc_" + UUID.randomUUID();
        store.record(incident, "redaction", "the message body is not a raw-alert envelope", "m-1", T0);
        store.record(incident, "redaction", "the message body is not a raw-alert envelope", "m-2", T0);

        // THEN INCIDENT#{id} / FAILURE holds both ids, the count the API shows is the set's size
        Map<String, AttributeValue> row = AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incident),
                        "SK", AttributeValue.fromS("FAILURE"))))
                .item();
        assertThat(row.get("messageIds").ss()).containsExactlyInAnyOrder("m-1", "m-2");
        assertThat(row.get("stage").s()).isEqualTo("redaction");
    }

    @Test
    void everyCall_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbIncidentFailureStore down = new DynamoDbIncidentFailureStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);

        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.record("inc_x", "analysis", "r", "m", T0))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.find("inc_x")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.findAll(List.of("inc_x"))).isInstanceOf(StoreUnavailableException.class);
    }
}
