package io.awoooi.core.execution;

/** What the effectiveness check found some time after a successful action. */
public enum Outcome {
    /** The target is healthy again or the incident's alerts resolved. */
    EFFECTIVE,
    /** Neither: the action ran and did not help. */
    INEFFECTIVE
}
