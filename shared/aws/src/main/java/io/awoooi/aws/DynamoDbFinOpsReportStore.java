package io.awoooi.aws;

import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsReportStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * FinOps reports on the state table:
 * <pre>
 * FINOPS#{reportId} / REPORT   reportId, scannedAt, scannedAtMs (N), document (B: the JSON, gzip)
 * FINOPS / LATEST              reportId, scannedAt, scannedAtMs (N)
 * </pre>
 * The report row is written whole (one PutItem; a retried scan of the same trigger overwrites it
 * with the same content), and only afterwards does the pointer move, with the condition
 * {@code attribute_not_exists(PK) OR scannedAtMs <= :ms}: a scan that died before that leaves the
 * previous report as the latest, and an older scan finishing after a newer one does not take its
 * place. Reads are strongly consistent (the API reads right after a scan in the demo).
 */
public final class DynamoDbFinOpsReportStore implements FinOpsReportStore {
    static final String LATEST_PK = "FINOPS";
    static final String LATEST_SK = "LATEST";
    static final String REPORT_SK = "REPORT";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String what;

    /** {@code table}: the state table (STATE_TABLE). */
    public DynamoDbFinOpsReportStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.what = "state table " + table;
    }

    @Override
    public void save(FinOpsReport report, String document) {
        Map<String, AttributeValue> item = Map.of(
                "PK", s("FINOPS#" + report.id()), "SK", s(REPORT_SK),
                "reportId", s(report.id()),
                "scannedAt", s(report.scannedAt().toString()),
                "scannedAtMs", n(report.scannedAt().toEpochMilli()),
                "document", AttributeValue.fromB(SdkBytes.fromByteArray(Gzip.compress(document))));
        AwsFailures.storeCall(what, "FinOps report", () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public boolean promote(String reportId, Instant scannedAt) {
        Map<String, AttributeValue> item = Map.of("PK", s(LATEST_PK), "SK", s(LATEST_SK), "reportId", s(reportId),
                "scannedAt", s(scannedAt.toString()), "scannedAtMs", n(scannedAt.toEpochMilli()));
        try {
            AwsFailures.storeCall(what, () -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR scannedAtMs <= :ms")
                    .expressionAttributeValues(Map.of(":ms", n(scannedAt.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException newer) {
            return false;
        }
    }

    @Override
    public Optional<String> latest() {
        return get(LATEST_PK, LATEST_SK).map(row -> row.get("reportId").s()).flatMap(this::find);
    }

    @Override
    public Optional<String> find(String reportId) {
        if (!FinOpsReport.isId(reportId)) {
            return Optional.empty();
        }
        return get("FINOPS#" + reportId, REPORT_SK)
                .map(row -> Gzip.decompress(row.get("document").b().asByteArray(), "a stored FinOps report"));
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
