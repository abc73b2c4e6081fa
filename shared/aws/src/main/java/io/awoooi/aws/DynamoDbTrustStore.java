package io.awoooi.aws;

import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.TrustScores;
import io.awoooi.core.approval.TrustStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Trust per action pattern on the trust table: one row per pattern, {@code PK} = the pattern
 * ({@code restart_pod:shop/nginx-*}), {@code score} (number) and {@code updatedAt}. An increment is
 * an atomic {@code ADD} (two approvals at once both count); a reset sets 0 and answers the score
 * it replaced. A pattern without a row has 0, and resetting it writes nothing. {@link #all} scans the
 * table (one row per pattern: a small table) for the console.
 */
public final class DynamoDbTrustStore implements TrustStore, TrustScores {
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final AttributeValue ZERO = AttributeValue.fromN("0");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final String what;

    /** {@code table}: the trust table (TRUST_TABLE). */
    public DynamoDbTrustStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.what = "trust table " + table;
    }

    public DynamoDbTrustStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Clock.systemUTC());
    }

    @Override
    public int score(ActionPattern pattern) {
        var response = AwsFailures.storeCall(what, () -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(pattern))));
        return response.hasItem() ? score(response.item()) : 0;
    }

    @Override
    public int increment(ActionPattern pattern) {
        var response = AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pattern))
                .updateExpression("ADD score :one SET updatedAt = :now")
                .expressionAttributeValues(Map.of(":one", ONE, ":now", now()))
                .returnValues(ReturnValue.UPDATED_NEW)));
        return score(response.attributes());
    }

    @Override
    public int reset(ActionPattern pattern) {
        try {
            var response = AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table).key(key(pattern))
                    .updateExpression("SET score = :zero, updatedAt = :now")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":zero", ZERO, ":now", now()))
                    .returnValues(ReturnValue.UPDATED_OLD)));
            return score(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            return 0; // never earned any: nothing to reset
        }
    }

    @Override
    public List<Entry> all(int max) {
        List<Entry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = AwsFailures.storeCall(what, () -> dynamo.scan(b -> {
                b.tableName(table);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue pk = item.get("PK");
                if (pk != null && pk.s() != null) {
                    out.add(new Entry(pk.s(), score(item), updatedAt(item)));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < 10_000);
        out.sort(Comparator.comparingInt(Entry::score).reversed().thenComparing(Entry::pattern));
        return List.copyOf(out.subList(0, Math.min(Math.max(0, max), out.size())));
    }

    private static Optional<Instant> updatedAt(Map<String, AttributeValue> item) {
        AttributeValue at = item.get("updatedAt");
        try {
            return at == null || at.s() == null ? Optional.empty() : Optional.of(Instant.parse(at.s()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private AttributeValue now() {
        return AttributeValue.fromS(clock.instant().toString());
    }

    private static Map<String, AttributeValue> key(ActionPattern pattern) {
        return Map.of("PK", AttributeValue.fromS(pattern.value()));
    }

    private static int score(Map<String, AttributeValue> attributes) {
        AttributeValue score = attributes == null ? null : attributes.get("score");
        return score == null || score.n() == null ? 0 : Integer.parseInt(score.n());
    }
}
