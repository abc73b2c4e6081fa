package io.awoooi.core.incident;

import java.util.Optional;

/**
 * One more part of the incident document, contributed by a later stage (the approval, the
 * execution): a field name and its value for an incident, or empty to leave the field out.
 */
public interface IncidentSection {
    String field();

    /** A JSON-ready value (maps, lists, strings, numbers) for this incident. */
    Optional<Object> of(String incidentId);

    /**
     * The field's short form for the incident list, for several incidents at once, by incident id
     * (incidents without one left out). A map value may carry {@code updatedAt} (ISO-8601): the
     * incident's {@code updatedAt} is the latest of its parts'. None by default.
     */
    default java.util.Map<String, Object> listed(java.util.List<String> incidentIds) {
        return java.util.Map.of();
    }
}
