package io.awoooi.aws;

import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.Baselines;
import io.awoooi.core.drift.DriftReport;
import io.awoooi.core.drift.DriftReportCodec;
import io.awoooi.core.drift.DriftReports;
import io.awoooi.core.drift.WorkloadRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Drift reports, baselines and notification claims on the state table (issue #15), the same shape
 * as the FinOps reports:
 * <pre>
 * DRIFT#{reportId} / REPORT            reportId, scannedAt, scannedAtMs (N), document (B: the JSON, gzip)
 * DRIFT / LATEST                       reportId, scannedAtMs (N): moved only forward (conditional)
 * DRIFT#BASELINE#{namespace} / {kind}/{name}   uid, fields (M), acceptedBy, acceptedAt, reportId
 * DRIFT#NOTIFIED / {fingerprint}       atMs (N): claimed when absent or older than the reminder (conditional)
 * </pre>
 * Env values are digests in every row (the detector never keeps them). Reads are strongly consistent.
 */
public final class DynamoDbDriftStore implements DriftReports, Baselines, io.awoooi.core.drift.DriftDecisions {
    static final Pattern REPORT_ID = Pattern.compile("drf_[0-9]{12}_[0-9a-f]{10}");

    private final DynamoDbClient dynamo;
    private final String table;
    private final String what;

    public DynamoDbDriftStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.what = "state table " + table;
    }

    @Override
    public void save(DriftReport report) {
        Map<String, AttributeValue> item = Map.of(
                "PK", s("DRIFT#" + report.id()), "SK", s("REPORT"),
                "reportId", s(report.id()),
                "scannedAt", s(report.scannedAt().toString()),
                "scannedAtMs", n(report.scannedAt().toEpochMilli()),
                "document",
                AttributeValue.fromB(SdkBytes.fromByteArray(Gzip.compress(DriftReportCodec.toJson(report)))));
        AwsFailures.storeCall(what, "drift report", () -> dynamo.putItem(b -> b.tableName(table).item(item)));
        Map<String, AttributeValue> latest = Map.of("PK", s("DRIFT"), "SK", s("LATEST"), "reportId", s(report.id()),
                "scannedAtMs", n(report.scannedAt().toEpochMilli()));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(latest)
                    .conditionExpression("attribute_not_exists(PK) OR scannedAtMs <= :ms")
                    .expressionAttributeValues(Map.of(":ms", n(report.scannedAt().toEpochMilli())))));
        } catch (ConditionalCheckFailedException newer) {
            // a later scan is already the latest
        }
    }

    @Override
    public Optional<DriftReport> find(String id) {
        if (id == null || !REPORT_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return get("DRIFT#" + id, "REPORT").map(row -> DriftReportCodec.fromJson(
                Gzip.decompress(row.get("document").b().asByteArray(), "a stored drift report")));
    }

    @Override
    public Optional<DriftReport> latest() {
        return get("DRIFT", "LATEST").map(row -> row.get("reportId").s()).flatMap(this::find);
    }

    @Override
    public boolean claimNotification(String fingerprint, Instant now, Duration reminder) {
        long due = now.minus(reminder).toEpochMilli();
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("PK", s("DRIFT#NOTIFIED"), "SK", s(fingerprint), "atMs", n(now.toEpochMilli())))
                    .conditionExpression("attribute_not_exists(PK) OR atMs <= :due")
                    .expressionAttributeValues(Map.of(":due", n(due)))));
            return true;
        } catch (ConditionalCheckFailedException notifiedLately) {
            return false;
        }
    }

    @Override
    public Optional<Baseline> find(WorkloadRef ref) {
        return get("DRIFT#BASELINE#" + ref.namespace(), ref.kind() + "/" + ref.name()).map(this::baseline);
    }

    @Override
    public List<Baseline> inNamespace(String namespace) {
        var items = AwsFailures.storeCall(what, () -> dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s("DRIFT#BASELINE#" + namespace)))).items().stream().toList());
        return items.stream().map(this::baseline).toList();
    }

    @Override
    public void save(Baseline b) {
        Map<String, AttributeValue> fields = new HashMap<>();
        b.fields().forEach((k, v) -> fields.put(k, v == null ? AttributeValue.fromNul(true) : s(v)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("DRIFT#BASELINE#" + b.ref().namespace()));
        item.put("SK", s(b.ref().kind() + "/" + b.ref().name()));
        item.put("kind", s(b.ref().kind()));
        item.put("name", s(b.ref().name()));
        item.put("uid", s(b.uid().isEmpty() ? "-" : b.uid()));
        item.put("fields", AttributeValue.fromM(fields));
        item.put("acceptedBy", s(b.acceptedBy()));
        item.put("acceptedAt", s(b.acceptedAt().toString()));
        item.put("reportId", s(b.reportId().isEmpty() ? "-" : b.reportId()));
        AwsFailures.storeCall(what, "drift baseline", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    // ---------------------------------------------------------------- decisions (Accept / Rollback links)

    @Override
    public Optional<io.awoooi.core.drift.DriftDecision> findDecision(String id) {
        return get("DRIFT#DECISION", id).map(row -> new io.awoooi.core.drift.DriftDecision(id, row.get("reportId").s(),
                row.get("workload").s(), io.awoooi.core.drift.DriftChoice.valueOf(row.get("choice").s()),
                row.get("approver").s(), Instant.parse(row.get("at").s()),
                io.awoooi.core.drift.DriftDecision.State.valueOf(row.get("state").s()),
                row.containsKey("detail") && !"-".equals(row.get("detail").s()) ? row.get("detail").s() : ""));
    }

    @Override
    public boolean claimDecision(io.awoooi.core.drift.DriftDecision d) {
        try {
            AwsFailures.storeCall(what, "drift decision", () -> dynamo.putItem(r -> r.tableName(table).item(decision(d))
                    .conditionExpression("attribute_not_exists(PK)")));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void finishDecision(io.awoooi.core.drift.DriftDecision d) {
        AwsFailures.storeCall(what, "drift decision", () -> dynamo.putItem(r -> r.tableName(table).item(decision(d))));
    }

    private static Map<String, AttributeValue> decision(io.awoooi.core.drift.DriftDecision d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", s("DRIFT#DECISION"));
        item.put("SK", s(d.id()));
        item.put("reportId", s(d.reportId()));
        item.put("workload", s(d.workloadKey()));
        item.put("choice", s(d.choice().name()));
        item.put("approver", s(d.approverId()));
        item.put("at", s(d.at().toString()));
        item.put("state", s(d.state().name()));
        item.put("detail", s(d.detail().isEmpty() ? "-" : d.detail()));
        return item;
    }

    private Baseline baseline(Map<String, AttributeValue> row) {
        String namespace = row.get("PK").s().substring("DRIFT#BASELINE#".length());
        Map<String, String> fields = new LinkedHashMap<>();
        row.get("fields").m().forEach((k, v) -> {
            if (v.s() != null) {
                fields.put(k, v.s());
            }
        });
        String uid = row.get("uid").s();
        String reportId = row.get("reportId").s();
        return new Baseline(new WorkloadRef(row.get("kind").s(), namespace, row.get("name").s()),
                "-".equals(uid) ? "" : uid, fields, row.get("acceptedBy").s(), Instant.parse(row.get("acceptedAt").s()),
                "-".equals(reportId) ? "" : reportId);
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var response = AwsFailures.storeCall(what, () -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", s(pk), "SK", s(sk)))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
