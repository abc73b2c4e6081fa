package io.awoooi.core.analysis;

import java.util.Map;
import java.util.Optional;

/** Port: the latest analysis of each incident, kept beside it. */
public interface AnalysisStore {
    /** Writes the analysis as the incident's latest (a later notification's analysis replaces it). */
    void save(Analysis analysis);

    /** The latest analysis as the incident API shows it ({@link AnalysisDocument}). */
    Optional<Map<String, Object>> latestDocument(String incidentId);
}
