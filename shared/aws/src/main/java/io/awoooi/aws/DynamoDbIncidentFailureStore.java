package io.awoooi.aws;

import io.awoooi.core.incident.IncidentFailure;
import io.awoooi.core.incident.IncidentFailureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Permanent processing failures beside the incident on the state table:
 * <pre>
 * INCIDENT#{id} / FAILURE   stage, reason, at (the first failure), lastStage, lastReason, lastAt,
 *                           messageIds (string set: one per parked message)
 * </pre>
 * One UpdateItem per parked message, conditional on the message not being in the set yet: the
 * first failure stays ({@code if_not_exists}), the latest and the set move, and a redelivered message
 * is a lost condition, not a second count. A single-item write, so no transaction (ADR 0004, 0010).
 * The incident row itself is not touched: intake replaces it whole on every notification.
 */
public final class DynamoDbIncidentFailureStore implements IncidentFailureStore {
    /** BatchGetItem's limit, and the read API's largest page. */
    static final int MAX_BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIncidentFailureStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(String incidentId, String stage, String reason, String messageId, Instant at) {
        Map<String, AttributeValue> values = Map.of(
                ":stage", AttributeValue.fromS(stage),
                ":reason", AttributeValue.fromS(reason),
                ":at", AttributeValue.fromS(at.toString()),
                ":ids", AttributeValue.fromSs(List.of(messageId)),
                ":id", AttributeValue.fromS(messageId));
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(incidentId))
                    .updateExpression(
                            "SET #stage = if_not_exists(#stage, :stage), #reason = if_not_exists(#reason, :reason), "
                                    + "#at = if_not_exists(#at, :at), lastStage = :stage, lastReason = :reason, lastAt = :at "
                                    + "ADD messageIds :ids")
                    .conditionExpression("attribute_not_exists(messageIds) OR NOT contains(messageIds, :id)")
                    .expressionAttributeNames(Map.of("#stage", "stage", "#reason", "reason", "#at", "at"))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // a redelivered message whose parking was not acknowledged: it counts once
        }
    }

    @Override
    public Optional<IncidentFailure> find(String incidentId) {
        var response = call(() -> dynamo.getItem(b -> b.tableName(table).key(key(incidentId)).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(failure(incidentId, response.item()))
                : Optional.empty();
    }

    @Override
    public Map<String, IncidentFailure> findAll(Collection<String> incidentIds) {
        List<String> ids = incidentIds.stream().distinct().toList();
        if (ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " incidents at once");
        }
        Map<String, IncidentFailure> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>(
                ids.stream().map(DynamoDbIncidentFailureStore::key).toList());
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        // unprocessed keys (throttling) are asked again; the SDK's retries cover transient errors
        for (int round = 0; !pending.isEmpty() && round < 5; round++) {
            Map<String, KeysAndAttributes> request = pending;
            var response = call(() -> dynamo.batchGetItem(b -> b.requestItems(request)));
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                String pk = item.get("PK").s();
                String id = pk.substring("INCIDENT#".length());
                out.put(id, failure(id, item));
            });
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return out;
    }

    private static IncidentFailure failure(String incidentId, Map<String, AttributeValue> item) {
        Instant at = Instant.parse(item.get("at").s());
        int messages = item.containsKey("messageIds") ? item.get("messageIds").ss().size() : 1;
        IncidentFailure.Latest latest = item.containsKey("lastAt")
                ? new IncidentFailure.Latest(item.get("lastStage").s(), item.get("lastReason").s(),
                        Instant.parse(item.get("lastAt").s()))
                : new IncidentFailure.Latest(item.get("stage").s(), item.get("reason").s(), at);
        return new IncidentFailure(incidentId, item.get("stage").s(), item.get("reason").s(), at, messages, latest);
    }

    private static Map<String, AttributeValue> key(String incidentId) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("PK", AttributeValue.fromS("INCIDENT#" + incidentId));
        key.put("SK", AttributeValue.fromS("FAILURE"));
        return key;
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        return AwsFailures.storeCall("state table " + table, request);
    }
}
