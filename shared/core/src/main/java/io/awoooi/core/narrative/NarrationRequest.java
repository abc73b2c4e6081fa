package io.awoooi.core.narrative;

import java.util.List;
import java.util.Objects;

/**
 * What a narrator may see, and nothing else.
 *
 * @param incidentId the incident (for traces; never sent to a model)
 * @param incidentText the pseudonymized incident text ({@code [IP_1]} etc.); untrusted: it comes
 *     from alerts, so it is data and never instructions
 * @param graphFacts lines computed from the topology, see {@link GraphFacts}
 * @param catalogDescription the action catalog as text (ids, what they do, their parameters)
 * @param allowedActionIds the only action ids a narrative may recommend
 */
public record NarrationRequest(String incidentId, String incidentText, List<String> graphFacts,
        String catalogDescription, List<String> allowedActionIds) {
    public NarrationRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        incidentText = incidentText == null ? "" : incidentText;
        graphFacts = graphFacts == null ? List.of() : List.copyOf(graphFacts);
        catalogDescription = catalogDescription == null ? "" : catalogDescription;
        allowedActionIds = allowedActionIds == null ? List.of() : List.copyOf(allowedActionIds);
    }
}
