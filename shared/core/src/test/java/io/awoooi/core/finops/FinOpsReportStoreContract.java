package io.awoooi.core.finops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link FinOpsReportStore} port, run against the in-memory fake here and the
 * DynamoDB adapter in shared/aws on dynalite (through the core test-jar). What the scan and the read
 * API rely on: a report is readable by its id once saved, whole; it becomes the latest only when
 * promoted, so a scan that dies in between leaves the previous latest; an older scan promoted late
 * does not replace a newer one; a retried scan of the same trigger overwrites its report and may
 * promote it again. Each test has an era of its own, so a shared table is fine.
 */
public abstract class FinOpsReportStoreContract {
    /** Each test its own era: on a shared table all tests share the one latest pointer. */
    private static final AtomicLong ERA = new AtomicLong(Instant.parse("2032-01-01T00:00:00Z").getEpochSecond());

    /** A store, possibly shared between tests. */
    protected abstract FinOpsReportStore store();

    private static Instant era() {
        return Instant.ofEpochSecond(ERA.addAndGet(1_000_000));
    }

    private static FinOpsReport report(Instant at) {
        return new FinOpsReport(FinOpsReport.idFor(at), at, at.minusSeconds(7 * 86400), "p", List.of(), List.of(),
                new FinOpsReport.Totals(BigDecimal.ONE, BigDecimal.ZERO), new FinOpsReport.Scope(1, 2, 3));
    }

    private static String document(FinOpsReport report, String text) {
        return "{\"id\":\"" + report.id() + "\",\"text\":\"" + text + "\"}";
    }

    /** A report of a scan at {@code at} saved with {@code text}, not promoted. */
    private FinOpsReport saved(Instant at, String text) {
        FinOpsReport report = report(at);
        store().save(report, document(report, text));
        return report;
    }

    /** A report saved and made the latest. */
    private FinOpsReport promoted(Instant at, String text) {
        FinOpsReport report = saved(at, text);
        store().promote(report.id(), at);
        return report;
    }

    @Test
    void saveThenPromote_readableByIdAndAsTheLatest() {
        // GIVEN a large report saved (50 KB of text)
        Instant at = era();
        FinOpsReport report = report(at);
        String document = document(report, "x".repeat(50_000));
        store().save(report, document);
        // WHEN it is promoted
        boolean latest = store().promote(report.id(), at);
        // THEN it is the latest, and both reads give the document as saved
        assertThat(latest).isTrue();
        assertThat(store().find(report.id())).contains(document);
        assertThat(store().latest()).contains(document);
    }

    @Test
    void saveWithoutPromote_previousStaysTheLatest() {
        // GIVEN the latest report, then a later scan that dies after saving but before promoting
        Instant at = era();
        FinOpsReport first = promoted(at, "first");
        FinOpsReport half = saved(at.plusSeconds(86400), "half");
        // WHEN / THEN the first stays the latest; the half one is readable by its id only
        assertThat(store().latest()).contains(document(first, "first"));
        assertThat(store().find(half.id())).contains(document(half, "half"));
    }

    @Test
    void promote_olderScanFinishingLate_refusedAndTheLatestUnchanged() {
        // GIVEN a newer report is the latest, and an older scan's report saved after it
        Instant newer = era();
        FinOpsReport recent = promoted(newer, "new");
        FinOpsReport old = saved(newer.minusSeconds(3600), "old");
        // WHEN the older scan promotes its report
        boolean promoted = store().promote(old.id(), old.scannedAt());
        // THEN it is not the latest; both are still readable by id
        assertThat(promoted).isFalse();
        assertThat(store().latest()).contains(document(recent, "new"));
        assertThat(store().find(old.id())).contains(document(old, "old"));
    }

    @Test
    void promote_laterScan_replacesTheLatest() {
        // GIVEN the latest report
        Instant at = era();
        promoted(at, "first");
        FinOpsReport next = saved(at.plusSeconds(86400), "next");
        // WHEN the next day's scan promotes its report / THEN it is the latest
        assertThat(store().promote(next.id(), next.scannedAt())).isTrue();
        assertThat(store().latest()).contains(document(next, "next"));
    }

    @Test
    void retriedScan_sameTrigger_overwritesItsReportAndPromotesAgain() {
        // GIVEN a scan saved and promoted
        Instant at = era();
        FinOpsReport report = promoted(at, "try 1");
        // WHEN its trigger is redelivered and the scan runs again
        store().save(report, document(report, "try 2"));
        boolean promoted = store().promote(report.id(), at);
        // THEN the second run's document is the report, still the latest
        assertThat(promoted).isTrue();
        assertThat(store().find(report.id())).contains(document(report, "try 2"));
        assertThat(store().latest()).contains(document(report, "try 2"));
    }

    @Test
    void find_unknownOrMalformedId_empty() {
        // GIVEN / WHEN / THEN an id never saved, a path and nothing find nothing
        assertThat(store().find(FinOpsReport.idFor(era()))).isEmpty();
        assertThat(store().find("../etc")).isEmpty();
        assertThat(store().find("")).isEmpty();
    }
}
