package io.awoooi.aws;

import io.awoooi.core.shield.Label;
import io.awoooi.core.shield.VaultEntry;
import io.awoooi.core.shield.VaultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The vault table: {@code INCIDENT#{id}} / {@code LABEL#{label}} with the sealed value, its wrapped
 * data key and the value hash; rows expire after 30 days (TTL attribute expiresAt). Its own table so
 * that IAM can let only the redaction and executor functions read it.
 */
public final class DynamoDbVaultStore implements VaultStore {
    static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbVaultStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<VaultEntry> entries(String incidentId) {
        List<VaultEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                            ":sk", AttributeValue.fromS("LABEL#")))
                    .consistentRead(true);
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = call(() -> dynamo.query(q.build()));
            for (Map<String, AttributeValue> item : page.items()) {
                String labelText = item.get("SK").s().substring("LABEL#".length());
                Label label = Label.parse(labelText)
                        .orElseThrow(() -> new IllegalStateException("vault row with an unknown label type"));
                out.add(new VaultEntry(incidentId, label, item.get("valueHash").s(),
                        item.get("nonce").b().asByteArray(), item.get("ciphertext").b().asByteArray(),
                        item.get("wrappedKey").b().asByteArray(), Instant.parse(item.get("createdAt").s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public boolean add(VaultEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("INCIDENT#" + e.incidentId()));
        item.put("SK", AttributeValue.fromS("LABEL#" + e.label().text()));
        item.put("type", AttributeValue.fromS(e.label().type().name()));
        item.put("valueHash", AttributeValue.fromS(e.valueHash()));
        item.put("nonce", AttributeValue.fromB(SdkBytes.fromByteArray(e.nonce())));
        item.put("ciphertext", AttributeValue.fromB(SdkBytes.fromByteArray(e.ciphertext())));
        item.put("wrappedKey", AttributeValue.fromB(SdkBytes.fromByteArray(e.wrappedKey())));
        item.put("createdAt", AttributeValue.fromS(e.createdAt().toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(e.createdAt().plus(RETENTION).getEpochSecond())));
        try {
            call(() -> dynamo
                    .putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        return AwsFailures.storeCall("vault table " + table, request);
    }
}
