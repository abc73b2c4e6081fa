package io.awoooi.core.drift;

/** How much a drift item matters, lowest first. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH;
}
