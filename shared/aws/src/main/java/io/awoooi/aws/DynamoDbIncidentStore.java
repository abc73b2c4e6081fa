package io.awoooi.aws;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.AcceptedNotification;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentAlert;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.incident.InvalidPageTokenException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The incident store on the single state table (PK/SK, GSI1 for the newest-first listing).
 * <pre>
 * GROUP#{groupKeyHash}        / GROUP         current incident pointer of an Alertmanager group (version)
 * INCIDENT#{id}               / INCIDENT      the incident (version; GSI1: INCIDENTS / createdAt#id)
 * NOTIFICATION#{key}          / NOTIFICATION  an accepted notification (queued flag; TTL 7 days)
 * </pre>
 * Conditional puts guard every row two writers can meet; a failed condition is a lost race, not an
 * error. dynalite has no transactions, and the design needs none (ADR 0004).
 */
public final class DynamoDbIncidentStore implements IncidentStore {
    /**
     * GSI1SK's time: always nine fraction digits, so the text sorts as the time does within one second
     * too ({@code Instant.toString} writes 0, 3, 6 or 9 digits, and "…:00Z" sorts after "…:00.5Z").
     * Rows written before this carry the short form; any write of an incident rewrites its key.
     */
    static final java.time.format.DateTimeFormatter SORTABLE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    static final String INCIDENTS_PARTITION = "INCIDENTS";
    private static final Duration NOTIFICATION_TTL = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIncidentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<GroupPointer> currentIncident(String groupKeyHash) {
        return get(key("GROUP#" + groupKeyHash, "GROUP"))
                .map(item -> new GroupPointer(s(item, "incidentId"), n(item, "version")));
    }

    @Override
    public boolean moveCurrentIncident(String groupKeyHash, Optional<GroupPointer> expected, String newIncidentId) {
        Map<String, AttributeValue> item = key("GROUP#" + groupKeyHash, "GROUP");
        long version = expected.map(GroupPointer::version).orElse(0L) + 1;
        item.put("incidentId", str(newIncidentId));
        item.put("version", num(version));
        item.put("updatedAt", str(Instant.now().toString()));
        return expected.isEmpty()
                ? putIf(item, "attribute_not_exists(PK)", Map.of())
                : putIf(item, "version = :v", Map.of(":v", num(expected.get().version())));
    }

    @Override
    public Optional<Incident> find(String incidentId) {
        return get(key("INCIDENT#" + incidentId, "INCIDENT")).map(DynamoDbIncidentStore::incident);
    }

    @Override
    public boolean create(Incident incident) {
        return putIf(item(incident, 1), "attribute_not_exists(PK)", Map.of());
    }

    @Override
    public boolean update(Incident incident) {
        return putIf(item(incident, incident.version() + 1), "version = :v", Map.of(":v", num(incident.version())));
    }

    @Override
    public Optional<AcceptedNotification> findNotification(String notificationKey) {
        return get(key("NOTIFICATION#" + notificationKey, "NOTIFICATION")).map(item -> new AcceptedNotification(
                notificationKey, s(item, "incidentId"), Instant.parse(s(item, "receivedAt")),
                item.containsKey("queued") && Boolean.TRUE.equals(item.get("queued").bool())));
    }

    @Override
    public boolean recordNotification(AcceptedNotification n) {
        Map<String, AttributeValue> item = key("NOTIFICATION#" + n.key(), "NOTIFICATION");
        item.put("incidentId", str(n.incidentId()));
        item.put("receivedAt", str(n.receivedAt().toString()));
        item.put("queued", AttributeValue.fromBool(n.queued()));
        item.put("expiresAt", num(n.receivedAt().plus(NOTIFICATION_TTL).getEpochSecond()));
        return putIf(item, "attribute_not_exists(PK)", Map.of());
    }

    @Override
    public void markQueued(String notificationKey) {
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table)
                    .key(key("NOTIFICATION#" + notificationKey, "NOTIFICATION"))
                    .updateExpression("SET queued = :t")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))));
        } catch (ConditionalCheckFailedException e) {
            // only a notification recorded first can be queued: a caller's bug, not a lost race
            throw new IllegalStateException("no recorded notification to mark queued", e);
        }
    }

    @Override
    public IncidentPage listNewest(int limit, Optional<String> pageToken) {
        Optional<Map<String, AttributeValue>> start = pageToken.map(DynamoDbIncidentStore::decodeToken);
        QueryResponse response = call(() -> dynamo.query(b -> {
            b.tableName(table).indexName("GSI1")
                    .keyConditionExpression("GSI1PK = :p")
                    .expressionAttributeValues(Map.of(":p", str(INCIDENTS_PARTITION)))
                    .scanIndexForward(false)
                    .limit(limit);
            start.ifPresent(b::exclusiveStartKey);
        }));
        List<Incident> incidents = response.items().stream().map(DynamoDbIncidentStore::incident).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encodeToken(response.lastEvaluatedKey()))
                : Optional.empty();
        return new IncidentPage(incidents, next);
    }

    /**
     * The filtered listing on the index: {@code since} and {@code until} become a range of GSI1SK
     * ({@code createdAt#id}; bounds at whole seconds, since an instant's text sorts by its second only,
     * then each incident checked exactly), {@code status} a filter expression. A filtered query reads up
     * to {@code limit} items and may return fewer, so it goes on with the rest of the limit from where
     * it stopped, a few times at most; the token is where the last query stopped.
     */
    @Override
    public IncidentPage listNewest(int limit, Optional<String> pageToken,
            io.awoooi.core.incident.IncidentFilter filter) {
        if (filter.isNone()) {
            return listNewest(limit, pageToken);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", str(INCIDENTS_PARTITION));
        String condition = "GSI1PK = :p";
        Optional<String> low = filter.since().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString().replace("Z", ""));
        // past every key of the last second: '~' sorts after the digits, '.', 'Z' and '#'
        Optional<String> high = filter.until().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString().replace("Z", "") + "~");
        if (low.isPresent() && high.isPresent()) {
            condition += " AND GSI1SK BETWEEN :lo AND :hi";
            values.put(":lo", str(low.get()));
            values.put(":hi", str(high.get()));
        } else if (low.isPresent()) {
            condition += " AND GSI1SK >= :lo";
            values.put(":lo", str(low.get()));
        } else if (high.isPresent()) {
            condition += " AND GSI1SK <= :hi";
            values.put(":hi", str(high.get()));
        }
        filter.status().ifPresent(st -> values.put(":s", str(st.name())));
        String keyCondition = condition;
        List<Incident> out = new java.util.ArrayList<>();
        Optional<Map<String, AttributeValue>> start = pageToken.map(DynamoDbIncidentStore::decodeToken);
        for (int round = 0; round < 10 && out.size() < limit; round++) {
            Optional<Map<String, AttributeValue>> from = start;
            int room = limit - out.size();
            QueryResponse response = call(() -> dynamo.query(b -> {
                b.tableName(table).indexName("GSI1").keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values).scanIndexForward(false).limit(room);
                filter.status().ifPresent(st -> b.filterExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status")));
                from.ifPresent(b::exclusiveStartKey);
            }));
            response.items().stream().map(DynamoDbIncidentStore::incident).filter(filter::accepts).forEach(out::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(response.lastEvaluatedKey()) : Optional.empty();
            if (start.isEmpty()) {
                break;
            }
        }
        return new IncidentPage(out, start.map(DynamoDbIncidentStore::encodeToken));
    }

    // ---------------------------------------------------------------- mapping

    private static Map<String, AttributeValue> item(Incident incident, long version) {
        Map<String, AttributeValue> item = key("INCIDENT#" + incident.id(), "INCIDENT");
        item.put("id", str(incident.id()));
        item.put("groupKeyHash", str(incident.groupKeyHash()));
        item.put("status", str(incident.status().name()));
        item.put("createdAt", str(incident.createdAt().toString()));
        item.put("updatedAt", str(incident.updatedAt().toString()));
        incident.resolvedAt().ifPresent(t -> item.put("resolvedAt", str(t.toString())));
        item.put("alerts", AttributeValue.fromL(incident.alerts().stream().map(DynamoDbIncidentStore::alert).toList()));
        item.put("version", num(version));
        item.put("GSI1PK", str(INCIDENTS_PARTITION));
        item.put("GSI1SK", str(SORTABLE_TIME.format(incident.createdAt()) + "#" + incident.id()));
        return item;
    }

    private static AttributeValue alert(IncidentAlert a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("fingerprint", str(a.fingerprint()));
        m.put("startsAt", str(a.startsAt().toString()));
        m.put("status", str(a.status().name()));
        // empty strings are left out: older DynamoDB-compatible servers reject them
        if (!a.alertname().isEmpty()) {
            m.put("alertname", str(a.alertname()));
        }
        if (!a.severity().isEmpty()) {
            m.put("severity", str(a.severity()));
        }
        a.endsAt().ifPresent(t -> m.put("endsAt", str(t.toString())));
        return AttributeValue.fromM(m);
    }

    private static Incident incident(Map<String, AttributeValue> item) {
        List<IncidentAlert> alerts = item.containsKey("alerts")
                ? item.get("alerts").l().stream().map(v -> {
                    Map<String, AttributeValue> m = v.m();
                    return new IncidentAlert(s(m, "fingerprint"), Instant.parse(s(m, "startsAt")),
                            m.containsKey("alertname") ? s(m, "alertname") : "",
                            m.containsKey("severity") ? s(m, "severity") : "",
                            AlertStatus.valueOf(s(m, "status")),
                            m.containsKey("endsAt") ? Optional.of(Instant.parse(s(m, "endsAt"))) : Optional.empty());
                }).toList()
                : List.of();
        return new Incident(s(item, "id"), s(item, "groupKeyHash"), IncidentStatus.valueOf(s(item, "status")),
                Instant.parse(s(item, "createdAt")), Instant.parse(s(item, "updatedAt")),
                item.containsKey("resolvedAt") ? Optional.of(Instant.parse(s(item, "resolvedAt"))) : Optional.empty(),
                alerts, n(item, "version"));
    }

    // ---------------------------------------------------------------- page tokens

    private static String encodeToken(Map<String, AttributeValue> lastKey) {
        String joined = String.join("\n", s(lastKey, "PK"), s(lastKey, "SK"), s(lastKey, "GSI1PK"),
                s(lastKey, "GSI1SK"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeToken(String token) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException("nextToken is not one this API issued");
        }
        if (parts.length != 4 || !parts[0].startsWith("INCIDENT#") || !INCIDENTS_PARTITION.equals(parts[2])) {
            throw new InvalidPageTokenException("nextToken is not one this API issued");
        }
        return Map.of("PK", str(parts[0]), "SK", str(parts[1]), "GSI1PK", str(parts[2]), "GSI1SK", str(parts[3]));
    }

    // ---------------------------------------------------------------- plumbing

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var response = call(() -> dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private boolean putIf(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        try {
            call(() -> dynamo.putItem(b -> {
                b.tableName(table).item(item).conditionExpression(condition);
                if (!values.isEmpty()) {
                    b.expressionAttributeValues(values);
                }
            }));
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        }
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        return AwsFailures.storeCall("DynamoDB table " + table, request);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("PK", str(pk));
        key.put("SK", str(sk));
        return key;
    }

    private static AttributeValue str(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue num(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null) {
            throw new IllegalStateException("stored row lacks string attribute " + name);
        }
        return v.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
