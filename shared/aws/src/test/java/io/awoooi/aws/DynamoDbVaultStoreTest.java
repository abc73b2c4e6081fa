package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.Label;
import io.awoooi.core.shield.VaultEntry;
import io.awoooi.core.shield.VaultStore;
import io.awoooi.core.shield.VaultStoreContract;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The vault store on dynalite, the vault table created from the SAM template: the port's contract
 * ({@link VaultStoreContract}, which the in-memory fake passes too), and what only this adapter has:
 * the row's key, its TTL, transient failures. (The seal-and-reveal round trip through this table is
 * {@link ShieldStoresOnDynamoDbTest}; who may read the table, {@link VaultStoreIamTest}.)
 */
class DynamoDbVaultStoreTest extends VaultStoreContract {
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("VaultTable");
    private final DynamoDbVaultStore store = new DynamoDbVaultStore(AWS.dynamo().client(), table);

    @Override
    protected VaultStore store() {
        return store;
    }

    @Test
    void add_row_isKeyedByIncidentAndLabelAndExpiresThirtyDaysAfterItsCreation() {
        // GIVEN a sealed value
        String incident = "inc_" + UUID.randomUUID();
        Instant created = Instant.parse("2026-11-25T03:00:00Z");
        VaultEntry entry = new VaultEntry(incident, new Label(PiiType.EMAIL, 2), "h",
                "n".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8),
                "w".getBytes(StandardCharsets.UTF_8), created);

        // WHEN it is added
        store.add(entry);

        // THEN the row is INCIDENT#{id} / LABEL#{label}, typed, and its TTL is 30 days after its creation
        Map<String, AttributeValue> row = AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("INCIDENT#" + incident),
                        "SK", AttributeValue.fromS("LABEL#[EMAIL_2]"))))
                .item();
        assertThat(row.get("type").s()).isEqualTo("EMAIL");
        assertThat(Long.parseLong(row.get("expiresAt").n()))
                .isEqualTo(created.plus(DynamoDbVaultStore.RETENTION).getEpochSecond());
    }

    @Test
    void everyCall_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store on a port nobody listens to
        DynamoDbVaultStore down = new DynamoDbVaultStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);
        VaultEntry entry = new VaultEntry("inc_x", new Label(PiiType.IP, 1), "h", new byte[1], new byte[1],
                new byte[1], Instant.now());

        // WHEN / THEN every call is a transient failure
        assertThatThrownBy(() -> down.entries("inc_x")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.add(entry)).isInstanceOf(StoreUnavailableException.class);
    }
}
