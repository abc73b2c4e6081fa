package io.awoooi.core.analysis;

import io.awoooi.core.topology.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the incidents firing elsewhere say about the services of a graph.
 *
 * @param byService per service, one short line per firing incident on it
 *     ({@code "firing incident inc_…: PostgresDown"}): facts and ids, no label values but the
 *     alert's name
 * @param complete false when some or all of the incidents could not be read: the evidence may be
 *     missing, never wrong
 */
public record FiringEvidence(Map<ServiceId, List<String>> byService, boolean complete) {
    public FiringEvidence {
        Objects.requireNonNull(byService, "byService");
        TreeMap<ServiceId, List<String>> copy = new TreeMap<>();
        byService.forEach((id, lines) -> copy.put(Objects.requireNonNull(id, "service"), List.copyOf(lines)));
        byService = java.util.Collections.unmodifiableMap(copy);
    }

    /** Nothing fires elsewhere, and that is known. */
    public static FiringEvidence none() {
        return new FiringEvidence(Map.of(), true);
    }

    /** The other incidents could not be read: no evidence, and the analysis should say so. */
    public static FiringEvidence unavailable() {
        return new FiringEvidence(Map.of(), false);
    }
}
