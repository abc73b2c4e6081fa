package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The FinOps report store on dynalite, the state table created from the SAM template. */
class DynamoDbFinOpsReportStoreTest {
    private static final LocalAws AWS = LocalAws.shared();
    /** Each test its own era, since all share the one LATEST row of the shared table. */
    private static final AtomicLong ERA = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

    private final DynamoDbFinOpsReportStore store = new DynamoDbFinOpsReportStore(AWS.dynamo().client(),
            AWS.resources().tableName("StateTable"));

    private static FinOpsReport report(Instant at) {
        return new FinOpsReport(FinOpsReport.idFor(at), at, at.minusSeconds(7 * 86400), "p", List.of(), List.of(),
                new FinOpsReport.Totals(java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO),
                new FinOpsReport.Scope(1, 2, 3));
    }

    private static Instant era() {
        return Instant.ofEpochSecond(ERA.addAndGet(1_000_000));
    }

    @Test
    void saveThenPromote_reportReadableByIdAndAsLatest() {
        // GIVEN a report saved and promoted
        Instant at = era();
        FinOpsReport r = report(at);
        store.save(r, "{\"id\":\"" + r.id() + "\",\"text\":\"" + "x".repeat(50_000) + "\"}");
        // WHEN
        boolean latest = store.promote(r.id(), at);
        // THEN (the 50 KB document goes through gzip and back)
        assertThat(latest).isTrue();
        assertThat(store.find(r.id())).get().asString().startsWith("{\"id\":\"" + r.id())
                .endsWith("x".repeat(100) + "\"}").hasSizeGreaterThan(50_000);
        assertThat(store.latest()).isEqualTo(store.find(r.id()));
    }

    @Test
    void promote_olderThanTheLatest_refusedAndLatestUnchanged() {
        // GIVEN a newer report is the latest
        Instant newer = era();
        FinOpsReport n = report(newer);
        store.save(n, "{\"id\":\"new\"}");
        store.promote(n.id(), newer);
        FinOpsReport old = report(newer.minusSeconds(3600));
        store.save(old, "{\"id\":\"old\"}");
        // WHEN the older scan finishes late
        boolean promoted = store.promote(old.id(), old.scannedAt());
        // THEN
        assertThat(promoted).isFalse();
        assertThat(store.latest()).contains("{\"id\":\"new\"}");
        assertThat(store.find(old.id())).contains("{\"id\":\"old\"}");
    }

    @Test
    void saveWithoutPromote_isNotTheLatest() {
        // GIVEN the latest, then a scan that dies after saving but before promoting
        Instant at = era();
        FinOpsReport first = report(at);
        store.save(first, "{\"id\":\"first\"}");
        store.promote(first.id(), at);
        FinOpsReport half = report(at.plusSeconds(86400));
        store.save(half, "{\"id\":\"half\"}");
        // WHEN / THEN
        assertThat(store.latest()).contains("{\"id\":\"first\"}");
    }

    @Test
    void find_unknownOrMalformedId_empty() {
        assertThat(store.find("fin_19700101T000000Z")).isEmpty();
        assertThat(store.find("../etc")).isEmpty();
    }
}
