package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.Label;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Vault;
import io.awoooi.testing.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Privacy Shield's DynamoDB adapters on dynalite, tables from the SAM template (the redacted-alert
 * store runs its port's contract in {@link DynamoDbRedactedAlertStoreTest}).
 */
class ShieldStoresOnDynamoDbTest {
    private final LocalAws aws = LocalAws.shared();
    private final String incident = "inc_" + UUID.randomUUID();

    @Test
    void vault_sealThenRevealThroughTheTable_rowsCarryNoPlaintextAndExpireIn30Days() {
        DynamoDbVaultStore store = new DynamoDbVaultStore(aws.dynamo().client(),
                aws.resources().tableName("VaultTable"));
        Vault vault = new Vault(store, new LocalKeyRing(), Clock.systemUTC());
        LabelBook book = vault.open(incident);
        Label ip = book.labelFor(PiiType.IP, "10.20.30.40");
        Label email = book.labelFor(PiiType.EMAIL, "carol@example.com");
        vault.seal(book);

        assertThat(vault.reveal(incident, ip)).isEqualTo("10.20.30.40");
        assertThat(vault.reveal(incident, email)).isEqualTo("carol@example.com");
        assertThat(vault.open(incident).labelFor(PiiType.IP, "10.20.30.40")).isEqualTo(ip);

        var rows = aws.dynamo().client().query(b -> b.tableName(aws.resources().tableName("VaultTable"))
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incident)))).items();
        assertThat(rows).hasSize(2);
        assertThat(rows.toString()).doesNotContain("10.20.30.40", "carol@example.com");
        long expires = Long.parseLong(rows.get(0).get("expiresAt").n());
        assertThat(expires - Instant.now().getEpochSecond()).isBetween(29L * 86400, 30L * 86400 + 60);
    }

    @Test
    void leakAudit_blockedSend_appendsAnAuditRowWithCountsOnly() {
        var audit = new DynamoDbLeakAudit(aws.dynamo().client(), aws.resources().tableName("StateTable"));
        var guard = new io.awoooi.core.shield.LeakGuard(new io.awoooi.core.privacy.PiiScanner(), audit,
                Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.check("notification", incident,
                "page dave@example.com now")).isInstanceOf(io.awoooi.core.shield.LeakGuard.LeakBlockedException.class);
        var rows = aws.dynamo().client().query(b -> b.tableName(aws.resources().tableName("StateTable"))
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incident),
                        ":sk", AttributeValue.fromS("AUDIT#"))))
                .items();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("operation").s()).isEqualTo("leak_blocked");
            assertThat(r.get("channel").s()).isEqualTo("notification");
            assertThat(r.get("findings").m()).containsEntry("EMAIL", AttributeValue.fromN("1"));
            assertThat(r.toString()).doesNotContain("dave@example.com");
        });
    }
}
