package io.awoooi.core.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A part of the incident's read view that a later stage contributes (the approval, the execution):
 * its view for one incident, and its short form for the incident list.
 *
 * @param <V> the part in the incident's view
 * @param <S> the part in the incident list
 */
public interface IncidentSection<V, S> {
    /** The part for this incident, empty when the stage has nothing for it (yet). */
    Optional<V> of(String incidentId);

    /** The short forms for several incidents at once, by incident id (incidents without one left out). */
    Map<String, S> listed(List<String> incidentIds);

    /** A section that never has anything: the reader of a function that does not show this part. */
    static <V, S> IncidentSection<V, S> none() {
        return new IncidentSection<>() {
            @Override
            public Optional<V> of(String incidentId) {
                return Optional.empty();
            }

            @Override
            public Map<String, S> listed(List<String> incidentIds) {
                return Map.of();
            }
        };
    }
}
