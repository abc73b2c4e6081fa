package io.awoooi.aws;

import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceSink;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AI collaboration trace rows on the incident: {@code INCIDENT#{id}} / {@code AUDIT#{at}#ai_trace#{attempt}}
 * with agent, model, prompt (at most 8000 chars, pseudonymized), response, its first 500 chars,
 * accepted, duration and outcome. Append-only; a failed write is the caller's to ignore.
 */
public final class DynamoDbAiTraceSink implements AiTraceSink {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAiTraceSink(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(AiTrace t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("INCIDENT#" + t.incidentId()));
        item.put("SK", AttributeValue.fromS("AUDIT#" + t.at() + "#ai_trace#" + t.attempt()));
        item.put("operation", AttributeValue.fromS("ai_trace"));
        item.put("agent", AttributeValue.fromS(t.agent()));
        item.put("model", AttributeValue.fromS(t.model()));
        item.put("attempt", AttributeValue.fromN(Integer.toString(t.attempt())));
        item.put("prompt", AttributeValue.fromS(t.prompt().isEmpty() ? "-" : t.prompt()));
        item.put("response", AttributeValue.fromS(t.response().isEmpty() ? "-" : t.response()));
        item.put("responseHead", AttributeValue.fromS(t.responseHead().isEmpty() ? "-" : t.responseHead()));
        item.put("accepted", AttributeValue.fromBool(t.accepted()));
        item.put("durationMs", AttributeValue.fromN(Long.toString(t.durationMs())));
        item.put("outcome", AttributeValue.fromS(t.outcome()));
        item.put("at", AttributeValue.fromS(t.at().toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
