package io.awoooi.core.incident;

/** Where an incident stands. Later issues add the analysis, approval and execution states. */
public enum IncidentStatus {
    /** At least one of its alerts fires. */
    FIRING,
    /** Every one of its alerts has resolved; a later firing of the group opens a new incident. */
    RESOLVED
}
