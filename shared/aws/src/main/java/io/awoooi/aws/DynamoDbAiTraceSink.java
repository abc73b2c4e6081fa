package io.awoooi.aws;

import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.AiTraces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AI collaboration trace rows on the incident: {@code INCIDENT#{id}} /
 * {@code AUDIT#{at}#ai_trace#{attempt}#{random}}
 * with agent, model, prompt (at most 8000 chars, pseudonymized), response, its first 500 chars,
 * accepted, duration and outcome. Append-only; a failed write throws a
 * {@link io.awoooi.core.failure.DependencyUnavailableException} the caller ignores. {@link #of} reads
 * the newest {@value AiTraces#SHOWN} back, oldest first by their time and attempt (a strongly
 * consistent Query of the incident's {@code AUDIT#} rows, newest first, paged until it has them,
 * sorted here: the sort key's text does not order times within one second).
 */
public final class DynamoDbAiTraceSink implements AiTraceSink, AiTraces {
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
        // the writer's own suffix: two narrations of one incident at the same instant with the same
        // attempt (two deliveries of one analysis at once) are two rows, never one overwriting the other
        item.put("SK", AttributeValue.fromS("AUDIT#" + t.at() + "#ai_trace#" + t.attempt() + "#" + uniqueSuffix()));
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
        AwsFailures.storeCall("state table " + table, "AI trace",
                () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public List<AiTrace> of(String incidentId) {
        List<AiTrace> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsFailures.storeCall("state table " + table, () -> dynamo.query(b -> {
                // newest first: the sort key's time orders whole seconds right, and the last page read
                // may go past SHOWN; the exact order is made below
                b.tableName(table).consistentRead(true).scanIndexForward(false)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :audit)")
                        .filterExpression("#operation = :trace")
                        .expressionAttributeNames(Map.of("#operation", "operation"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                                ":audit", AttributeValue.fromS("AUDIT#"), ":trace", AttributeValue.fromS("ai_trace")));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.get("SK").s().contains("#ai_trace#")) {
                    out.add(trace(incidentId, item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < SHOWN);
        // the sort key's time is Instant.toString, whose text does not sort by time within a second
        // ("03:01:00.500Z" before "03:01:00Z"): the order is the traces' own
        out.sort(Comparator.comparing(AiTrace::at).thenComparingInt(AiTrace::attempt));
        return List.copyOf(out.subList(Math.max(0, out.size() - SHOWN), out.size()));
    }

    private static String uniqueSuffix() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static AiTrace trace(String incidentId, Map<String, AttributeValue> item) {
        return new AiTrace(incidentId, s(item, "agent"), s(item, "model"), (int) n(item, "attempt"),
                dash(s(item, "prompt")), dash(s(item, "response")), dash(s(item, "responseHead")),
                item.containsKey("accepted") && Boolean.TRUE.equals(item.get("accepted").bool()),
                n(item, "durationMs"), s(item, "outcome"), at(s(item, "at")),
                item.containsKey("actionOutcome") ? item.get("actionOutcome").s() : "");
    }

    private static Instant at(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        try {
            return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** "-" stands for an empty text (DynamoDB keeps no empty strings in older servers). */
    private static String dash(String s) {
        return "-".equals(s) ? "" : s;
    }
}
