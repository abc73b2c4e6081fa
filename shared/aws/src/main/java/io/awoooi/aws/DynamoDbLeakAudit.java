package io.awoooi.aws;

import io.awoooi.core.shield.LeakGuard;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records a blocked send on the incident: {@code INCIDENT#{id}} / {@code AUDIT#{at}#leak_blocked#{channel}},
 * with the channel and the finding counts per type (never values). Append-only: the channel is in the
 * key, so two sends blocked at the same moment on two channels are two rows. A failed write is a
 * {@link io.awoooi.core.failure.DependencyUnavailableException} (the guard blocks the send anyway).
 */
public final class DynamoDbLeakAudit implements LeakGuard.LeakAudit {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLeakAudit(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void blocked(LeakGuard.LeakReport report) {
        Map<String, AttributeValue> findings = new HashMap<>();
        report.findings().forEach((type, n) -> findings.put(type.name(), AttributeValue.fromN(Integer.toString(n))));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("INCIDENT#" + report.incidentId()));
        item.put("SK", AttributeValue.fromS("AUDIT#" + report.at() + "#leak_blocked#" + report.channel()));
        item.put("operation", AttributeValue.fromS("leak_blocked"));
        item.put("channel", AttributeValue.fromS(report.channel()));
        item.put("findings", AttributeValue.fromM(findings));
        item.put("at", AttributeValue.fromS(report.at().toString()));
        AwsFailures.storeCall("state table " + table, "leak audit",
                () -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }
}
