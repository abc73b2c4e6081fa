package io.awoooi.core.execution;

/**
 * Where one approved request's execution stands. IN_PROGRESS is held under a lease: a crash leaves it
 * behind, and the next attempt after the lease looks at the cluster before doing anything.
 */
public enum ExecutionStatus {
    IN_PROGRESS,
    EXECUTED,
    VOIDED,
    FAILED;

    public boolean finished() {
        return this != IN_PROGRESS;
    }
}
