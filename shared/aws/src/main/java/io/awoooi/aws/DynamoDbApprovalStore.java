package io.awoooi.aws;

import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.ApprovalStore;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.Role;
import io.awoooi.core.approval.Signature;
import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Approval requests and their signatures on the state table:
 * <pre>
 * APPROVAL#{requestId} / REQUEST           document (the request as JSON, {@link ApprovalRequestCodec}),
 *                                          status, incidentId, dispatched, updatedAt, version
 * APPROVAL#{requestId} / SIG#{approverId}  approverId, role, decision, nonce, at
 * APPROVAL#{requestId} / MSG#{channel}#{recipientId}  channel, recipientId, ref, linkBase?, at
 * </pre>
 * The document is the request; {@code status}, {@code incidentId}, {@code dispatched} and
 * {@code updatedAt} mirror it at the top level for conditions and for reading the table by hand.
 * Every change rewrites the document and its mirrors in one UpdateItem guarded by {@code version}
 * (and, for a transition, by {@code status = from}), so the two never disagree and a change racing
 * another (a transition against markNotified) is retried on the fresh row instead of lost. A
 * signature is its own row, put only if absent: the approver's single use of a link, with no read
 * and no transaction (dynalite has none). The row has no {@code expiresAt}: that is the table's
 * TTL attribute, and an approval is kept as long as its incident.
 *
 * <p>A PENDING request row also carries {@code pendingPK = PENDING} and {@code pendingUntil} (its
 * expiry, epoch milliseconds): the keys of the sparse index {@value #PENDING_INDEX}, which therefore
 * holds the pending requests and nothing else. Every rewrite that moves a request out of PENDING
 * removes both in the same conditional UpdateItem, so the expiry sweep ({@link #overdue}) reads only
 * what may be overdue.
 */
public final class DynamoDbApprovalStore implements ApprovalStore {
    /** Optimistic rewrites of one request before giving up; only concurrent changes of it use them. */
    static final int MAX_ATTEMPTS = 8;
    private static final String REQUEST = "REQUEST";
    private static final String SIGNATURE_PREFIX = "SIG#";
    private static final String MESSAGE_PREFIX = "MSG#";
    /** The sparse index of pending requests by expiry (template: StateTable's GlobalSecondaryIndexes). */
    public static final String PENDING_INDEX = "PendingExpiry";
    private static final String PENDING_PK = "pendingPK";
    private static final String PENDING_UNTIL = "pendingUntil";
    private static final String PENDING = "PENDING";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String what;

    /** {@code table}: the state table (STATE_TABLE). */
    public DynamoDbApprovalStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.what = "state table " + table;
    }

    @Override
    public boolean create(ApprovalRequest request) {
        Map<String, AttributeValue> item = key(request.id(), REQUEST);
        item.putAll(mirrors(request, 1));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<ApprovalRequest> find(String requestId) {
        return read(requestId).map(Stored::request);
    }

    @Override
    public Map<String, ApprovalRequest> findAll(java.util.Collection<String> requestIds) {
        List<Map<String, AttributeValue>> keys = requestIds.stream().distinct().map(id -> key(id, REQUEST)).toList();
        Map<String, ApprovalRequest> out = new java.util.LinkedHashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, keys)) {
            ApprovalRequest r = ApprovalRequestCodec.fromJson(item.get("document").s());
            out.put(r.id(), r);
        }
        return out;
    }

    @Override
    public List<String> overdue(Instant now, int limit) {
        return pendingIndex("#until <= :now", now, limit);
    }

    @Override
    public List<String> pending(Instant now, int limit) {
        return pendingIndex("#until > :now", now, limit);
    }

    /** The pending index in expiry order, on one side of {@code now}. */
    private List<String> pendingIndex(String untilCondition, Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String condition = "#pk = :pending AND " + untilCondition;
        Map<String, String> names = Map.of("#pk", PENDING_PK, "#until", PENDING_UNTIL);
        Map<String, AttributeValue> values = Map.of(":pending", AttributeValue.fromS(PENDING), ":now",
                AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsFailures.storeCall(what, () -> dynamo.query(b -> b.tableName(table)
                    .indexName(PENDING_INDEX)
                    .keyConditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .projectionExpression("PK")
                    .limit(Math.min(limit - out.size(), 1000))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                out.add(item.get("PK").s().substring("APPROVAL#".length()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return List.copyOf(out);
    }

    @Override
    public boolean transition(String requestId, ApprovalStatus from, ApprovalStatus to, Optional<String> reason,
            Instant at) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException("an approval request cannot move from " + from + " to " + to);
        }
        return change(requestId, Optional.of(from), current -> current.status() == from
                ? Optional.of(current.withStatus(to, reason, at))
                : Optional.empty()) == Outcome.WRITTEN;
    }

    @Override
    public void markNotified(String requestId, List<String> approverIds) {
        List<String> notified = List.copyOf(approverIds);
        if (change(requestId, Optional.empty(), current -> current.notified().equals(notified)
                ? Optional.empty()
                : Optional.of(current.withNotified(notified))) == Outcome.MISSING) {
            throw new IllegalStateException("no approval request " + requestId);
        }
    }

    @Override
    public void markDispatched(String requestId) {
        if (change(requestId, Optional.empty(), current -> current.dispatched()
                ? Optional.empty()
                : Optional.of(current.withDispatched())) == Outcome.MISSING) {
            throw new IllegalStateException("no approval request " + requestId);
        }
    }

    @Override
    public boolean addSignature(String requestId, Signature signature) {
        Map<String, AttributeValue> item = key(requestId, SIGNATURE_PREFIX + signature.approverId());
        item.put("approverId", AttributeValue.fromS(signature.approverId()));
        item.put("role", AttributeValue.fromS(signature.role().wireName()));
        item.put("decision", AttributeValue.fromS(signature.decision().wireName()));
        item.put("nonce", AttributeValue.fromS(signature.nonce()));
        item.put("at", AttributeValue.fromS(signature.at().toString()));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Signature> signatures(String requestId) {
        List<Signature> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsFailures.storeCall(what, () -> dynamo.query(b -> {
                b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :sig)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(requestId)),
                                ":sig", AttributeValue.fromS(SIGNATURE_PREFIX)));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            page.items().forEach(item -> out.add(signature(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort(Comparator.comparing(Signature::at).thenComparing(Signature::approverId));
        return List.copyOf(out);
    }

    /** A message reference is its own row, put only if absent: the first message stays the one edited. */
    @Override
    public boolean saveMessage(String requestId, io.awoooi.core.notify.MessageRef ref) {
        Map<String, AttributeValue> item = key(requestId, MESSAGE_PREFIX + ref.channel() + "#" + ref.recipientId());
        item.put("channel", AttributeValue.fromS(ref.channel()));
        item.put("recipientId", AttributeValue.fromS(ref.recipientId()));
        item.put("ref", AttributeValue.fromS(ref.ref()));
        ref.linkBase().ifPresent(b -> item.put("linkBase", AttributeValue.fromS(b)));
        item.put("at", AttributeValue.fromS(java.time.Instant.now().toString()));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<io.awoooi.core.notify.MessageRef> messages(String requestId) {
        List<io.awoooi.core.notify.MessageRef> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = AwsFailures.storeCall(what, () -> dynamo.query(b -> {
                b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :msg)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(requestId)),
                                ":msg", AttributeValue.fromS(MESSAGE_PREFIX)));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            }));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue link = item.get("linkBase");
                out.add(new io.awoooi.core.notify.MessageRef(item.get("channel").s(), item.get("recipientId").s(),
                        item.get("ref").s(), link == null ? Optional.empty() : Optional.ofNullable(link.s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- the request row

    private enum Outcome {
        WRITTEN,
        UNCHANGED,
        MISSING
    }

    private record Stored(ApprovalRequest request, long version) {
    }

    /**
     * Reads the request, lets {@code next} decide its new state (empty: nothing to write) and
     * writes it if the row is still the version read; on a lost race, reads again and asks again.
     */
    private Outcome change(String requestId, Optional<ApprovalStatus> expectedStatus,
            Function<ApprovalRequest, Optional<ApprovalRequest>> next) {
        for (int attempt = 1;; attempt++) {
            Optional<Stored> stored = read(requestId);
            if (stored.isEmpty()) {
                return Outcome.MISSING;
            }
            Optional<ApprovalRequest> changed = next.apply(stored.get().request());
            if (changed.isEmpty()) {
                return Outcome.UNCHANGED;
            }
            try {
                rewrite(changed.get(), stored.get().version(), expectedStatus);
                return Outcome.WRITTEN;
            } catch (ConditionalCheckFailedException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new StoreUnavailableException("approval request " + requestId
                            + " kept changing under " + MAX_ATTEMPTS + " attempts to update it", e);
                }
            }
        }
    }

    private void rewrite(ApprovalRequest request, long version, Optional<ApprovalStatus> expectedStatus) {
        Map<String, AttributeValue> values = new HashMap<>();
        mirrors(request, version + 1).forEach((name, value) -> values.put(":" + name, value));
        values.put(":expected", AttributeValue.fromN(Long.toString(version)));
        expectedStatus.ifPresent(s -> values.put(":from", AttributeValue.fromS(s.name())));
        String condition = "version = :expected" + (expectedStatus.isPresent() ? " AND #status = :from" : "");
        // the pending index's keys while PENDING, none after: the row leaves the index when it moves on
        String pending = request.status() == ApprovalStatus.PENDING
                ? ", " + PENDING_PK + " = :" + PENDING_PK + ", " + PENDING_UNTIL + " = :" + PENDING_UNTIL
                : " REMOVE " + PENDING_PK + ", " + PENDING_UNTIL;
        AwsFailures.storeCall(what, () -> dynamo.updateItem(b -> b.tableName(table).key(key(request.id(), REQUEST))
                .updateExpression("SET #document = :document, #status = :status, incidentId = :incidentId,"
                        + " dispatched = :dispatched, updatedAt = :updatedAt, version = :version" + pending)
                .conditionExpression(condition)
                // STATUS is a DynamoDB reserved word; the document gets a placeholder to be safe
                .expressionAttributeNames(Map.of("#status", "status", "#document", "document"))
                .expressionAttributeValues(values)));
    }

    private Optional<Stored> read(String requestId) {
        var response = AwsFailures.storeCall(what, () -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(requestId, REQUEST))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Stored(ApprovalRequestCodec.fromJson(item.get("document").s()),
                Long.parseLong(item.get("version").n())));
    }

    /** Every attribute of the request row but its key. */
    private static Map<String, AttributeValue> mirrors(ApprovalRequest request, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("document", AttributeValue.fromS(ApprovalRequestCodec.toJson(request)));
        item.put("status", AttributeValue.fromS(request.status().name()));
        item.put("incidentId", AttributeValue.fromS(request.incidentId()));
        item.put("dispatched", AttributeValue.fromBool(request.dispatched()));
        item.put("updatedAt", AttributeValue.fromS(request.updatedAt().toString()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        if (request.status() == ApprovalStatus.PENDING) {
            item.put(PENDING_PK, AttributeValue.fromS(PENDING));
            item.put(PENDING_UNTIL, AttributeValue.fromN(Long.toString(request.expiresAt().toEpochMilli())));
        }
        return item;
    }

    private static Signature signature(Map<String, AttributeValue> item) {
        return new Signature(item.get("approverId").s(),
                Role.fromWire(item.get("role").s())
                        .orElseThrow(() -> new IllegalStateException("stored signature has an unknown role")),
                Decision.fromWire(item.get("decision").s())
                        .orElseThrow(() -> new IllegalStateException("stored signature has an unknown decision")),
                item.get("nonce").s(), Instant.parse(item.get("at").s()));
    }

    private static String partition(String requestId) {
        return "APPROVAL#" + requestId;
    }

    private static Map<String, AttributeValue> key(String requestId, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("PK", AttributeValue.fromS(partition(requestId)));
        key.put("SK", AttributeValue.fromS(sortKey));
        return key;
    }
}
