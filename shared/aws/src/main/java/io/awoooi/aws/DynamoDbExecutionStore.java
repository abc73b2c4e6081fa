package io.awoooi.aws;

import io.awoooi.core.execution.ExecutionRecord;
import io.awoooi.core.execution.ExecutionStatus;
import io.awoooi.core.execution.ExecutionStore;
import io.awoooi.core.execution.Outcome;
import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Execution records on the state table, beside the approval request they carry out:
 * <pre>
 * APPROVAL#{requestId} / EXECUTION   status, attempt (N), incidentId, startedAt, leaseUntil,
 *                                    leaseUntilMs (N), reason?, finishedAt?, outcome?, verifiedAt?
 * </pre>
 * Every write is one conditional request, no transaction (dynalite has none) and no
 * {@code ALL_OLD} on a failed condition (dynalite does not return it): a lost condition is followed
 * by a strongly consistent read. The lease is stored twice: {@code leaseUntil} (ISO-8601, exact, for
 * people and for {@link #find}) and {@code leaseUntilMs} (epoch milliseconds) for the take-over
 * condition, since DynamoDB compares strings character by character and ISO instants of different
 * precision do not sort as time. A lease counts as expired when {@code leaseUntilMs < now} in
 * milliseconds, here and in the condition alike. {@code startedAt} is when the first attempt began;
 * a take-over keeps it. The row has no {@code expiresAt}: that is the table's TTL attribute, and an
 * execution is kept as long as its approval.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
    /**
     * Puts after a failed {@code attribute_not_exists} that then read nothing. Only a row deleted
     * between the two requests does that (nothing deletes these rows), so this is a guard, not a retry
     * policy.
     */
    static final int MAX_CLAIM_ROUNDS = 3;
    private static final String SORT_KEY = "EXECUTION";

    // Every attribute goes through a placeholder: STATUS is a DynamoDB reserved word, and the others
    // cost nothing to keep safe.
    private static final Map<String, String> NAMES = Map.of("#status", "status", "#attempt", "attempt",
            "#leaseUntil", "leaseUntil", "#leaseUntilMs", "leaseUntilMs", "#reason", "reason",
            "#finishedAt", "finishedAt", "#outcome", "outcome", "#verifiedAt", "verifiedAt");

    private final DynamoDbClient dynamo;
    private final String table;
    private final String what;

    /** {@code table}: the state table (STATE_TABLE). */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.what = "state table " + table;
    }

    @Override
    public Claim claim(String requestId, String incidentId, Instant now, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be positive");
        }
        Instant leaseUntil = now.plus(lease);
        for (int round = 1;; round++) {
            ExecutionRecord fresh = ExecutionRecord.started(requestId, incidentId, 1, now, leaseUntil);
            if (putIfAbsent(fresh)) {
                return new Claim.Fresh(fresh);
            }
            Optional<Map<String, AttributeValue>> current = readRow(requestId);
            if (current.isPresent()) {
                return claimExisting(requestId, current.get(), now, leaseUntil);
            }
            if (round >= MAX_CLAIM_ROUNDS) {
                throw new StoreUnavailableException("execution " + requestId
                        + " exists for the condition and not for the read, " + MAX_CLAIM_ROUNDS + " times", null);
            }
        }
    }

    /** What an existing record means to a claimer; takes it over when its lease ended before {@code now}. */
    private Claim claimExisting(String requestId, Map<String, AttributeValue> row, Instant now, Instant leaseUntil) {
        ExecutionRecord seen = record(row);
        if (seen.status().finished()) {
            return new Claim.Finished(seen);
        }
        if (leaseUntilMs(row) >= now.toEpochMilli()) {
            return new Claim.Busy(seen);
        }
        try {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":inProgress", AttributeValue.fromS(ExecutionStatus.IN_PROGRESS.name()));
            values.put(":seen", number(seen.attempt()));
            values.put(":next", number(seen.attempt() + 1));
            values.put(":now", number(now.toEpochMilli()));
            values.put(":leaseUntil", AttributeValue.fromS(leaseUntil.toString()));
            values.put(":leaseUntilMs", number(leaseUntil.toEpochMilli()));
            var response = AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table)
                    .key(key(requestId))
                    .updateExpression("SET #attempt = :next, #leaseUntil = :leaseUntil, #leaseUntilMs = :leaseUntilMs")
                    .conditionExpression("#status = :inProgress AND #attempt = :seen AND #leaseUntilMs < :now")
                    .expressionAttributeNames(names("#status", "#attempt", "#leaseUntil", "#leaseUntilMs"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)));
            return new Claim.TakenOver(record(response.attributes()));
        } catch (ConditionalCheckFailedException lostRace) {
            // Another attempt took it over (and holds a live lease) or finished it in the meantime.
            // Never take over twice in one claim: the winner owns it now.
            ExecutionRecord after = find(requestId).orElseThrow(() -> new IllegalStateException(
                    "execution " + requestId + " vanished during a take-over"));
            return after.status().finished() ? new Claim.Finished(after) : new Claim.Busy(after);
        }
    }

    @Override
    public boolean finish(String requestId, int attempt, ExecutionStatus status, Optional<String> reason,
            Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException("an execution finishes as EXECUTED, VOIDED or FAILED, not " + status);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":inProgress", AttributeValue.fromS(ExecutionStatus.IN_PROGRESS.name()));
        values.put(":attempt", number(attempt));
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":finishedAt", AttributeValue.fromS(at.toString()));
        reason.ifPresent(r -> values.put(":reason", AttributeValue.fromS(r)));
        String update = "SET #status = :status, #finishedAt = :finishedAt"
                + (reason.isPresent() ? ", #reason = :reason" : "");
        try {
            AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table).key(key(requestId))
                    .updateExpression(update)
                    .conditionExpression("#status = :inProgress AND #attempt = :attempt")
                    .expressionAttributeNames(reason.isPresent()
                            ? names("#status", "#attempt", "#finishedAt", "#reason")
                            : names("#status", "#attempt", "#finishedAt"))
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // finished already, taken over by a later attempt, or never claimed
        }
    }

    @Override
    public boolean recordOutcome(String requestId, Outcome outcome, Instant at) {
        try {
            AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table).key(key(requestId))
                    .updateExpression("SET #outcome = :outcome, #verifiedAt = :verifiedAt")
                    .conditionExpression("#status = :executed AND attribute_not_exists(#outcome)")
                    .expressionAttributeNames(names("#status", "#outcome", "#verifiedAt"))
                    .expressionAttributeValues(Map.of(
                            ":executed", AttributeValue.fromS(ExecutionStatus.EXECUTED.name()),
                            ":outcome", AttributeValue.fromS(outcome.name()),
                            ":verifiedAt", AttributeValue.fromS(at.toString())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // verified already (a redelivered check), or not an EXECUTED record
        }
    }

    @Override
    public Optional<ExecutionRecord> find(String requestId) {
        return readRow(requestId).map(DynamoDbExecutionStore::record);
    }

    @Override
    public Map<String, ExecutionRecord> findAll(java.util.Collection<String> requestIds) {
        java.util.List<Map<String, AttributeValue>> keys = requestIds.stream().distinct()
                .map(DynamoDbExecutionStore::key)
                .toList();
        Map<String, ExecutionRecord> out = new java.util.LinkedHashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys)) {
            ExecutionRecord r = record(item);
            out.put(r.requestId(), r);
        }
        return out;
    }

    // ---------------------------------------------------------------- the row

    private boolean putIfAbsent(ExecutionRecord record) {
        Map<String, AttributeValue> item = key(record.requestId());
        item.put("status", AttributeValue.fromS(record.status().name()));
        item.put("attempt", number(record.attempt()));
        item.put("incidentId", AttributeValue.fromS(record.incidentId()));
        item.put("startedAt", AttributeValue.fromS(record.startedAt().toString()));
        item.put("leaseUntil", AttributeValue.fromS(record.leaseUntil().toString()));
        item.put("leaseUntilMs", number(record.leaseUntil().toEpochMilli()));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<Map<String, AttributeValue>> readRow(String requestId) {
        var response = AwsFailures.storeCall(what, () -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(requestId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static ExecutionRecord record(Map<String, AttributeValue> row) {
        String pk = row.get("PK").s();
        return new ExecutionRecord(pk.substring("APPROVAL#".length()), row.get("incidentId").s(),
                ExecutionStatus.valueOf(row.get("status").s()), Integer.parseInt(row.get("attempt").n()),
                Instant.parse(row.get("startedAt").s()), Instant.parse(row.get("leaseUntil").s()),
                text(row, "reason"), text(row, "finishedAt").map(Instant::parse),
                text(row, "outcome").map(Outcome::valueOf), text(row, "verifiedAt").map(Instant::parse));
    }

    private static long leaseUntilMs(Map<String, AttributeValue> row) {
        return Long.parseLong(row.get("leaseUntilMs").n());
    }

    private static Optional<String> text(Map<String, AttributeValue> row, String name) {
        return Optional.ofNullable(row.get(name)).map(AttributeValue::s);
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    /** The placeholders an expression uses; DynamoDB rejects names an expression does not use. */
    private static Map<String, String> names(String... placeholders) {
        Map<String, String> out = new HashMap<>();
        for (String p : placeholders) {
            out.put(p, NAMES.get(p));
        }
        return out;
    }

    private static Map<String, AttributeValue> key(String requestId) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("PK", AttributeValue.fromS("APPROVAL#" + requestId));
        key.put("SK", AttributeValue.fromS(SORT_KEY));
        return key;
    }
}
