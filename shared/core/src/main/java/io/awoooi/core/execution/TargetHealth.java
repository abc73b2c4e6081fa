package io.awoooi.core.execution;

import java.util.List;

/** The health of an action's target, with the facts behind the verdict (names and counts only). */
public record TargetHealth(boolean healthy, List<String> evidence) {
    public TargetHealth {
        evidence = List.copyOf(evidence);
    }
}
