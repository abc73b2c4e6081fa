package io.awoooi.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem over one table for any number of keys: 100 keys per request, unprocessed keys
 * (throttling) asked again a few times, strongly consistent. For the incident list, which reads the
 * parts of a page of incidents (analyses, approvals, executions) in a few calls instead of one each.
 */
final class BatchGet {
    static final int MAX_KEYS = 100;

    private BatchGet() {
    }

    /** The items found, in no particular order; keys without an item are left out. */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(from + MAX_KEYS, keys.size()));
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            for (int round = 0; !pending.isEmpty() && round < 5; round++) {
                Map<String, KeysAndAttributes> request = pending;
                var response = AwsFailures.storeCall("state table " + table,
                        () -> dynamo.batchGetItem(b -> b.requestItems(request)));
                out.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return out;
    }
}
