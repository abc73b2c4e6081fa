package io.awoooi.core.approval;

import io.awoooi.core.action.RiskLevel;

/**
 * Progressive trust: a pattern approved often enough needs fewer signatures. At
 * {@value #HIGH_TO_MEDIUM} or more, a HIGH action needs what a MEDIUM one needs; at
 * {@value #MEDIUM_TO_LOW} or more, a MEDIUM action needs what a LOW one needs (none). One row at
 * most, and CRITICAL never moves. The risk shown stays the assessed one; only the quorum changes.
 *
 * <p>An outside agent's proposal ({@link #quorumForAgent}) is never run without a person: its quorum
 * is at least one operator's signature whatever the risk, and only the trust that agent earned in
 * that pattern counts (never the rules' trust in it). A person signs every proposal of each pattern
 * from each agent at its full quorum until {@value #AGENT_SUPERVISED} of them were approved and
 * effective; from then on a HIGH one needs one signature instead of two. ADR "mcp-bridge".
 */
public final class TrustPolicy {
    public static final int HIGH_TO_MEDIUM = 10;
    public static final int MEDIUM_TO_LOW = 5;
    /** How many approved, effective proposals of a pattern an agent makes at the full quorum. */
    public static final int AGENT_SUPERVISED = 10;

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

    /**
     * The quorum of an outside agent's proposal: never automatic (LOW and MEDIUM need one operator),
     * HIGH needs two until the agent's own trust in the pattern reaches {@value #AGENT_SUPERVISED},
     * CRITICAL never moves.
     *
     * @param agentTrust the trust of the agent's pattern ({@link ActionPattern#forAgent}), not the rules'
     */
    public static Quorum quorumForAgent(RiskLevel risk, int agentTrust) {
        RiskLevel row = switch (risk) {
            case LOW, MEDIUM -> RiskLevel.MEDIUM;
            case HIGH -> agentTrust >= AGENT_SUPERVISED ? RiskLevel.MEDIUM : RiskLevel.HIGH;
            case CRITICAL -> RiskLevel.CRITICAL;
        };
        return Quorum.forLevel(row);
    }
}
