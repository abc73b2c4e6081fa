package io.awoooi.core.action;

/**
 * How much harm an action can do, which decides how many approvals it needs (the risk matrix:
 * LOW none, MEDIUM one, HIGH two, CRITICAL the CTO and the CISO). Ordered from least to most.
 */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
