package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.AcceptedNotification;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentAlert;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.incident.IncidentStoreContract;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incident store on dynalite, the state table (and its GSI1) created from the SAM template: the
 * port's contract ({@link IncidentStoreContract}, which the in-memory fake passes too), and what only
 * this adapter has: the rows' keys and index attributes, the notifications' TTL, transient failures.
 * (Rows at DynamoDB's item size limit: {@link AlertIntakeOnDynamoDbTest}.)
 */
class DynamoDbIncidentStoreTest extends IncidentStoreContract {
    private static final LocalAws AWS = LocalAws.shared();
    private static final Instant AT = Instant.parse("2026-11-25T03:00:00.123456Z");

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbIncidentStore store = new DynamoDbIncidentStore(AWS.dynamo().client(), table);

    @Override
    protected IncidentStore store() {
        return store;
    }

    @Test
    void create_row_isKeyedByIdAndIndexedByCreationForTheNewestFirstListing() {
        // GIVEN / WHEN an incident is created
        String id = "inc_" + UUID.randomUUID().toString().replace("-", "");
        store.create(new Incident(id, "g1", IncidentStatus.FIRING, AT, AT, Optional.empty(), List.of(
                new IncidentAlert("fp", AT, "A", "", AlertStatus.FIRING, Optional.empty())), 0));

        // THEN INCIDENT#{id} / INCIDENT, in GSI1's one partition sorted by createdAt#id (nine fraction digits,
        // so the text sorts as the time does); an empty severity is left out
        Map<String, AttributeValue> row = row("INCIDENT#" + id, "INCIDENT");
        assertThat(row.get("GSI1PK").s()).isEqualTo("INCIDENTS");
        assertThat(row.get("GSI1SK").s()).isEqualTo("2026-11-25T03:00:00.123456000Z#" + id);
        assertThat(row.get("version").n()).isEqualTo("1");
        assertThat(row.get("alerts").l().get(0).m()).containsKeys("fingerprint", "startsAt", "status", "alertname")
                .doesNotContainKey("severity");
    }

    @Test
    void recordNotification_row_expiresSevenDaysAfterItWasReceived() {
        // GIVEN / WHEN a notification is recorded
        String key = "nk-" + UUID.randomUUID();
        store.recordNotification(new AcceptedNotification(key, "inc_1", AT, false));

        // THEN NOTIFICATION#{key} / NOTIFICATION, with the table's TTL attribute 7 days on
        Map<String, AttributeValue> row = row("NOTIFICATION#" + key, "NOTIFICATION");
        assertThat(Long.parseLong(row.get("expiresAt").n())).isEqualTo(AT.plus(Duration.ofDays(7)).getEpochSecond());
    }

    @Test
    void everyCall_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbIncidentStore down = new DynamoDbIncidentStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);

        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.find("inc_x")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.currentIncident("g")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.moveCurrentIncident("g", Optional.empty(), "inc_x"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.markQueued("nk")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.listNewest(5, Optional.empty())).isInstanceOf(StoreUnavailableException.class);
    }

    private Map<String, AttributeValue> row(String pk, String sk) {
        return AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }
}
