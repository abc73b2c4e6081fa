package io.awoooi.aws;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Operation-log rows beside the incident: {@code INCIDENT#{id}} / {@code OP#{opId}}; first write wins. */
public final class DynamoDbOperationLog implements OperationLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbOperationLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void append(Operation op) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("INCIDENT#" + op.incidentId()));
        item.put("SK", AttributeValue.fromS("OP#" + op.opId()));
        item.put("opId", AttributeValue.fromS(op.opId()));
        item.put("operation_type", AttributeValue.fromS(op.type()));
        item.put("actor", AttributeValue.fromS(op.actor()));
        item.put("input", strings(op.input()));
        item.put("output", strings(op.output()));
        item.put("duration_ms", AttributeValue.fromN(Long.toString(op.durationMs())));
        op.parentOpId().ifPresent(p -> item.put("parent_op_id", AttributeValue.fromS(p)));
        item.put("at", AttributeValue.fromS(op.at().toString()));
        if (!op.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromL(op.tags().stream().map(AttributeValue::fromS).toList()));
        }
        try {
            AwsFailures.storeCall("state table " + table, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")));
        } catch (ConditionalCheckFailedException alreadyLogged) {
            // a redelivered message: the first entry stands
        }
    }

    @Override
    public List<Operation> trail(String incidentId) {
        var items = AwsFailures.storeCall("state table " + table, () -> dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                        ":sk", AttributeValue.fromS("OP#")))))
                .items();
        return items.stream().map(i -> new Operation(i.get("opId").s(), incidentId, i.get("operation_type").s(),
                i.get("actor").s(), unstrings(i.get("input")), unstrings(i.get("output")),
                Long.parseLong(i.get("duration_ms").n()),
                Optional.ofNullable(i.get("parent_op_id")).map(AttributeValue::s), Instant.parse(i.get("at").s()),
                i.get("tags") != null && i.get("tags").hasL()
                        ? i.get("tags").l().stream().map(AttributeValue::s).toList() : List.of()))
                .sorted(Comparator.comparing(Operation::at)).toList();
    }

    private static AttributeValue strings(Map<String, String> map) {
        Map<String, AttributeValue> m = new HashMap<>();
        map.forEach((k, v) -> m.put(k, AttributeValue.fromS(v.isEmpty() ? "-" : v)));
        return AttributeValue.fromM(m);
    }

    private static Map<String, String> unstrings(AttributeValue value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> out.put(k, v.s()));
        }
        return out;
    }
}
