package io.awoooi.core.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A fake of the analysis store port: the latest analysis of each incident as its API document
 * ({@link AnalysisDocument}), a later save replacing it. Thread-safe.
 */
public final class InMemoryAnalysisStore implements AnalysisStore {
    private final Map<String, Map<String, Object>> latest = new HashMap<>();

    @Override
    public synchronized void save(Analysis analysis) {
        latest.put(analysis.incidentId(), AnalysisDocument.of(analysis));
    }

    @Override
    public synchronized Optional<Map<String, Object>> latestDocument(String incidentId) {
        return Optional.ofNullable(latest.get(incidentId));
    }
}
