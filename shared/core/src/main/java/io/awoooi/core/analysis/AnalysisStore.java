package io.awoooi.core.analysis;

import io.awoooi.core.incident.view.AnalysisView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the latest analysis of each incident, kept beside it (stored as its {@link AnalysisView}'s
 * document, {@link AnalysisDocument}).
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface AnalysisStore {
    /** Writes the analysis as the incident's latest (a later notification's analysis replaces it). */
    void save(Analysis analysis);

    /** The latest analysis as the incident API shows it. */
    Optional<AnalysisView> latest(String incidentId);

    /**
     * The latest analyses of several incidents at once (the incident list), by incident id; those
     * without one are left out. This default reads them one by one; stores that can batch should.
     */
    default Map<String, AnalysisView> latestOf(Collection<String> incidentIds) {
        Map<String, AnalysisView> out = new LinkedHashMap<>();
        for (String id : incidentIds) {
            latest(id).ifPresent(view -> out.put(id, view));
        }
        return out;
    }
}
