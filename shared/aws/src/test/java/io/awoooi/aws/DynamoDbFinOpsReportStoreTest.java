package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsReportStore;
import io.awoooi.core.finops.FinOpsReportStoreContract;
import io.awoooi.testing.LocalAws;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The FinOps report store on dynalite, the state table created from the SAM template: the port's
 * contract ({@link FinOpsReportStoreContract}, which the in-memory fake passes too), and what only
 * this adapter has: the document kept gzipped, an unreachable table.
 */
class DynamoDbFinOpsReportStoreTest extends FinOpsReportStoreContract {
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbFinOpsReportStore store = new DynamoDbFinOpsReportStore(AWS.dynamo().client(), table);

    @Override
    protected FinOpsReportStore store() {
        return store;
    }

    private static FinOpsReport report(Instant at) {
        return new FinOpsReport(FinOpsReport.idFor(at), at, at.minusSeconds(7 * 86400), "p", List.of(), List.of(),
                new FinOpsReport.Totals(BigDecimal.ONE, BigDecimal.ZERO), new FinOpsReport.Scope(1, 2, 3));
    }

    @Test
    void save_largeDocument_keptGzippedInTheRow() {
        // GIVEN a 50 KB document of a report
        FinOpsReport report = report(Instant.parse("2019-03-04T05:06:07Z"));
        String document = "{\"id\":\"" + report.id() + "\",\"text\":\"" + "x".repeat(50_000) + "\"}";
        // WHEN saved
        store.save(report, document);
        // THEN the row holds it compressed (far below the 400 KB item limit), and it reads back whole
        var row = AWS.dynamo().client().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("FINOPS#" + report.id()), "SK", AttributeValue.fromS("REPORT")))).item();
        assertThat(row.get("document").b().asByteArray().length).isLessThan(5_000);
        assertThat(row.get("scannedAtMs").n()).isEqualTo(Long.toString(report.scannedAt().toEpochMilli()));
        assertThat(store.find(report.id())).contains(document);
    }

    @Test
    void everyMethod_serverUnreachable_throwsStoreUnavailable() {
        // GIVEN a store whose server does not answer
        DynamoDbFinOpsReportStore down = new DynamoDbFinOpsReportStore(
                ApprovalFixtures.client(DynamoDbClient.builder(), URI.create("http://127.0.0.1:9")), table);
        FinOpsReport report = report(Instant.parse("2019-03-04T05:06:07Z"));
        // WHEN / THEN every call says the store is unavailable now (a retry may succeed)
        assertThatThrownBy(() -> down.save(report, "{}")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.promote(report.id(), report.scannedAt()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(down::latest).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.find(report.id())).isInstanceOf(StoreUnavailableException.class);
    }
}
