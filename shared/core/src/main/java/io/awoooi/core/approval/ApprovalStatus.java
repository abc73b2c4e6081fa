package io.awoooi.core.approval;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an approval request. PENDING waits for signatures; APPROVED is on its way to the
 * executor; the executor ends it EXECUTED, FAILED or VOIDED (the state changed since the dry-run);
 * REJECTED, EXPIRED and CANCELLED (the alert resolved) end it without acting.
 */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    VOIDED,
    CANCELLED,
    EXECUTED,
    FAILED;

    /** Whether a request may move from this status to {@code next}. */
    public boolean canMoveTo(ApprovalStatus next) {
        return switch (this) {
            case PENDING -> EnumSet.of(APPROVED, REJECTED, EXPIRED, CANCELLED).contains(next);
            case APPROVED -> EnumSet.of(EXECUTED, FAILED, VOIDED).contains(next);
            default -> false;
        };
    }

    public boolean open() {
        return this == PENDING;
    }

    public static Set<ApprovalStatus> finals() {
        return EnumSet.of(REJECTED, EXPIRED, VOIDED, CANCELLED, EXECUTED, FAILED);
    }
}
