package io.awoooi.core.analysis;

import io.awoooi.core.incident.view.AnalysisView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis store in memory: the latest analysis of each incident, read back from its stored
 * document ({@link AnalysisDocument}) as the DynamoDB store does, a later save replacing it. Thread-safe.
 */
public final class InMemoryAnalysisStore implements AnalysisStore {
    private final Map<String, Map<String, Object>> latest = new HashMap<>();

    @Override
    public synchronized void save(Analysis analysis) {
        latest.put(analysis.incidentId(), AnalysisDocument.of(analysis));
    }

    @Override
    public synchronized Optional<AnalysisView> latest(String incidentId) {
        return Optional.ofNullable(latest.get(incidentId)).map(AnalysisView::from);
    }
}
