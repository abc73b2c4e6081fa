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
}
