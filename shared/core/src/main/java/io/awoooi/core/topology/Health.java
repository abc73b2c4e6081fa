package io.awoooi.core.topology;

import java.util.List;

/**
 * A service's health as observed, with the evidence behind an unhealthy verdict (readiness,
 * restarts, CrashLoopBackOff, available &lt; desired, a firing incident on it). Evidence strings
 * name facts, never personal data.
 */
public record Health(boolean healthy, List<String> evidence) {
    public Health {
        evidence = List.copyOf(evidence);
    }

    public static Health ok() {
        return new Health(true, List.of());
    }

    public static Health unhealthy(List<String> evidence) {
        return new Health(false, evidence);
    }
}
