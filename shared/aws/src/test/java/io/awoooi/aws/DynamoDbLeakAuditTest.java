package io.awoooi.aws;

import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.LeakAuditContract;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The leak audit contract on the DynamoDB adapter (dynalite, the template's state table): the rows are
 * read back from the incident's {@code AUDIT#} rows of operation {@code leak_blocked}.
 */
class DynamoDbLeakAuditTest extends LeakAuditContract {
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("StateTable");

    @Override
    protected LeakGuard.LeakAudit audit() {
        return new DynamoDbLeakAudit(AWS.dynamo().client(), table);
    }

    @Override
    protected List<LeakGuard.LeakReport> recorded(String incidentId) {
        return AWS.dynamo().client().queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :audit)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId),
                        ":audit", AttributeValue.fromS("AUDIT#"))))
                .items().stream().filter(row -> "leak_blocked".equals(row.get("operation").s()))
                .map(row -> report(incidentId, row)).toList();
    }

    private static LeakGuard.LeakReport report(String incidentId, Map<String, AttributeValue> row) {
        Map<PiiType, Integer> findings = new EnumMap<>(PiiType.class);
        row.get("findings").m().forEach((type, n) -> findings.put(PiiType.valueOf(type), Integer.parseInt(n.n())));
        return new LeakGuard.LeakReport(row.get("channel").s(), incidentId, Map.copyOf(findings),
                Instant.parse(row.get("at").s()));
    }

    @Override
    protected LeakGuard.LeakAudit unreachable() {
        return new DynamoDbLeakAudit(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);
    }
}
