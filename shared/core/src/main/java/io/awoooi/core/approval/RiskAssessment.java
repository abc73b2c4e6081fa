package io.awoooi.core.approval;

import io.awoooi.core.action.RiskLevel;
import java.util.List;
import java.util.Objects;

/**
 * The risk of one proposed action: its catalog base, the level after raises, and why each raise
 * happened (shown to approvers).
 */
public record RiskAssessment(RiskLevel base, RiskLevel level, List<String> reasons) {
    public RiskAssessment {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
        if (level.compareTo(base) < 0) {
            throw new IllegalArgumentException("risk is never lowered below its base");
        }
    }
}
