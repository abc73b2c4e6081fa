package io.awoooi.core.analysis;

import java.util.Map;
import java.util.Optional;

/**
 * Port: the latest analysis of each incident, kept beside it.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface AnalysisStore {
    /** Writes the analysis as the incident's latest (a later notification's analysis replaces it). */
    void save(Analysis analysis);

    /** The latest analysis as the incident API shows it ({@link AnalysisDocument}). */
    Optional<Map<String, Object>> latestDocument(String incidentId);

    /**
     * The latest analyses of several incidents at once (the incident list), by incident id; those
     * without one are left out. This default reads them one by one; stores that can batch should.
     */
    default Map<String, Map<String, Object>> latestDocuments(java.util.Collection<String> incidentIds) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (String id : incidentIds) {
            latestDocument(id).ifPresent(doc -> out.put(id, doc));
        }
        return out;
    }
}
