package io.awoooi.core.narrative;

import java.time.Instant;

/**
 * Port: closes the loop on the AI collaboration trace: once the effectiveness check knows whether
 * the action the analysis proposed helped, every trace of the incident gets that outcome.
 */
public interface AiOutcomes {
    /** @param outcome {@code EFFECTIVE}, {@code INEFFECTIVE}, or how the execution ended otherwise */
    void recordOutcome(String incidentId, String outcome, Instant at);
}
