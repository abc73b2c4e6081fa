package io.awoooi.core.approval;

import io.awoooi.core.action.RiskLevel;

/**
 * Progressive trust: a pattern approved often enough needs fewer signatures. At
 * {@value #HIGH_TO_MEDIUM} or more, a HIGH action needs what a MEDIUM one needs; at
 * {@value #MEDIUM_TO_LOW} or more, a MEDIUM action needs what a LOW one needs (none). One row at
 * most, and CRITICAL never moves. The risk shown stays the assessed one; only the quorum changes.
 */
public final class TrustPolicy {
    public static final int HIGH_TO_MEDIUM = 10;
    public static final int MEDIUM_TO_LOW = 5;

    private TrustPolicy() {
    }

    public static Quorum quorumFor(RiskLevel risk, int trust) {
        RiskLevel row = switch (risk) {
            case HIGH -> trust >= HIGH_TO_MEDIUM ? RiskLevel.MEDIUM : RiskLevel.HIGH;
            case MEDIUM -> trust >= MEDIUM_TO_LOW ? RiskLevel.LOW : RiskLevel.MEDIUM;
            case LOW, CRITICAL -> risk;
        };
        return Quorum.forLevel(row);
    }
}
