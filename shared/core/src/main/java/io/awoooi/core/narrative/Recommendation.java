package io.awoooi.core.narrative;

import io.awoooi.core.OrderedMaps;
import java.util.Map;
import java.util.Objects;

/**
 * One action from the fixed catalog with its parameters as the narrator proposed them. The
 * parameters are not checked here beyond shape and size: the action catalog validates them.
 */
public record Recommendation(String actionId, Map<String, String> params) {
    public Recommendation {
        Objects.requireNonNull(actionId, "actionId");
        params = params == null ? Map.of() : OrderedMaps.copyOf(params);
    }
}
