package io.awoooi.core.finops;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A fake of the report store with the promotion rule of the real one: the latest moves only to a scan
 * at least as late. Thread-safe. It passes {@link FinOpsReportStoreContract}, as the DynamoDB adapter
 * does.
 */
public final class InMemoryFinOpsReportStore implements FinOpsReportStore {
    private final Map<String, String> documents = new HashMap<>();
    private String latestId;
    private Instant latestAt;

    @Override
    public synchronized void save(FinOpsReport report, String document) {
        documents.put(report.id(), document);
    }

    @Override
    public synchronized boolean promote(String reportId, Instant scannedAt) {
        if (latestAt != null && latestAt.isAfter(scannedAt)) {
            return false;
        }
        latestId = reportId;
        latestAt = scannedAt;
        return true;
    }

    @Override
    public synchronized Optional<String> latest() {
        return Optional.ofNullable(latestId).map(documents::get);
    }

    @Override
    public synchronized Optional<String> find(String reportId) {
        return Optional.ofNullable(documents.get(reportId));
    }

    /** The id the latest pointer names, if any. */
    public synchronized Optional<String> latestId() {
        return Optional.ofNullable(latestId);
    }
}
