package io.awoooi.aws;

import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.narrative.AiOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Writes the effectiveness outcome onto the AI trace rows {@link DynamoDbAiTraceSink} left on the
 * incident ({@code INCIDENT#{id}} / {@code AUDIT#{at}#ai_trace#{attempt}#{random}}): {@code actionOutcome} and
 * {@code actionOutcomeAt} on each of them (the trace's own {@code outcome} is the narration's:
 * accepted, rejected, timeout; both stay).
 *
 * <p>The rows are found with one strongly consistent Query of the incident's {@code AUDIT#} rows,
 * filtered on {@code operation = ai_trace} (a filter may not name the sort key; the sort key is
 * checked again here), then updated one by one, each only if it still exists so that no half row is
 * ever created. Repeating it writes the same values again. Any AWS failure, transient or not, is a
 * {@link StoreUnavailableException}: the trace is an audit aid, and the caller goes on without it.
 */
public final class DynamoDbAiOutcomes implements AiOutcomes {
    private static final String TRACE_OPERATION = "ai_trace";
    private static final String TRACE_MARK = "#ai_trace#";

    private final DynamoDbClient dynamo;
    private final String table;

    /** {@code table}: the state table (STATE_TABLE), where the trace sink writes. */
    public DynamoDbAiOutcomes(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void recordOutcome(String incidentId, String outcome, Instant at) {
        try {
            for (Map<String, AttributeValue> key : traceKeys(incidentId)) {
                mark(key, outcome, at);
            }
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (SdkException e) {
            throw new StoreUnavailableException("state table " + table + " did not take the AI outcome: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private List<Map<String, AttributeValue>> traceKeys(String incidentId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsFailures.storeCall("state table " + table, () -> dynamo.query(b -> {
                b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :audit)")
                        .filterExpression("#operation = :trace")
                        .projectionExpression("PK, SK")
                        .expressionAttributeNames(Map.of("#operation", "operation"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                                ":audit", AttributeValue.fromS("AUDIT#"),
                                ":trace", AttributeValue.fromS(TRACE_OPERATION)));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            page.items().stream().filter(item -> item.get("SK").s().contains(TRACE_MARK))
                    .forEach(item -> keys.add(Map.of("PK", item.get("PK"), "SK", item.get("SK"))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private void mark(Map<String, AttributeValue> key, String outcome, Instant at) {
        try {
            AwsFailures.storeCall("state table " + table, () -> dynamo.updateItem(b -> b.tableName(table).key(key)
                    .updateExpression("SET #outcome = :outcome, actionOutcomeAt = :at")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#outcome", "actionOutcome"))
                    .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromS(outcome),
                            ":at", AttributeValue.fromS(at.toString())))));
        } catch (ConditionalCheckFailedException gone) {
            // the row went away since the query: nothing to mark
        }
    }
}
