package io.awoooi.core.incident.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of the incident list, newest first: {incidents, nextToken?}; {@code nextToken} asks for the
 * next page and is absent on the last one.
 */
public record IncidentPage(List<IncidentSummary> incidents, Optional<String> nextToken) {
    public IncidentPage {
        incidents = List.copyOf(incidents);
        Objects.requireNonNull(nextToken, "nextToken");
    }

    public Map<String, Object> document() {
        return Documents.object().put("incidents", incidents.stream().map(IncidentSummary::document).toList())
                .put("nextToken", nextToken).build();
    }
}
