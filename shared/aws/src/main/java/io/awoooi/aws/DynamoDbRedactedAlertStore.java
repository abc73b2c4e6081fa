package io.awoooi.aws;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Redacted alerts as rows beside their incident on the state table:
 * {@code INCIDENT#{id}} / {@code ALERT#{fingerprint}#{startsAt}}. One row per alert instance keeps
 * the incident row small and lets each notification overwrite only what it re-states.
 */
public final class DynamoDbRedactedAlertStore implements RedactedAlertStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRedactedAlertStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void save(String incidentId, List<RedactedAlert> alerts) {
        for (RedactedAlert a : alerts) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("PK", AttributeValue.fromS("INCIDENT#" + incidentId));
            item.put("SK", AttributeValue.fromS("ALERT#" + a.fingerprint() + "#" + a.startsAt()));
            item.put("fingerprint", AttributeValue.fromS(a.fingerprint()));
            item.put("startsAt", AttributeValue.fromS(a.startsAt().toString()));
            item.put("status", AttributeValue.fromS(a.status().name()));
            a.endsAt().ifPresent(t -> item.put("endsAt", AttributeValue.fromS(t.toString())));
            item.put("labels", pairs(a.labels()));
            item.put("annotations", pairs(a.annotations()));
            if (!a.generatorURL().isEmpty()) {
                item.put("generatorURL", AttributeValue.fromS(a.generatorURL()));
            }
            AwsFailures.storeCall("state table " + table, "redacted alert",
                    () -> dynamo.putItem(b -> b.tableName(table).item(item)));
        }
    }

    @Override
    public List<RedactedAlert> alerts(String incidentId) {
        var response = call(() -> dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                        ":sk", AttributeValue.fromS("ALERT#")))));
        List<RedactedAlert> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            out.add(new RedactedAlert(item.get("fingerprint").s(), Instant.parse(item.get("startsAt").s()),
                    AlertStatus.valueOf(item.get("status").s()),
                    item.containsKey("endsAt") ? Optional.of(Instant.parse(item.get("endsAt").s())) : Optional.empty(),
                    unpairs(item.get("labels")), unpairs(item.get("annotations")),
                    item.containsKey("generatorURL") ? item.get("generatorURL").s() : ""));
        }
        return out;
    }

    /** A list of [key, value] pairs: keeps the order, and allows empty values (map values may not be). */
    private static AttributeValue pairs(Map<String, String> map) {
        List<AttributeValue> list = new ArrayList<>();
        map.forEach((k, v) -> list.add(AttributeValue.fromL(List.of(AttributeValue.fromS(k),
                v.isEmpty() ? AttributeValue.fromNul(true) : AttributeValue.fromS(v)))));
        return AttributeValue.fromL(list);
    }

    private static Map<String, String> unpairs(AttributeValue value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && value.hasL()) {
            for (AttributeValue pair : value.l()) {
                AttributeValue v = pair.l().get(1);
                out.put(pair.l().get(0).s(), v.s() == null ? "" : v.s());
            }
        }
        return out;
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        return AwsFailures.storeCall("state table " + table, request);
    }
}
