package io.awoooi.core.finops;

/**
 * Headroom on measured usage before anything is called waste: {@code wasted = requested - actual x
 * factor}, never below zero. The factor (1.2 by default, the {@code FINOPS_SAFETY_BUFFER} setting)
 * also sizes what a pod needs on another node and what a smaller instance must hold.
 */
public record SafetyBuffer(double factor) {
    public static final SafetyBuffer DEFAULT = new SafetyBuffer(1.2);

    public SafetyBuffer {
        if (!(factor >= 1.0 && factor <= 10.0)) {
            throw new IllegalArgumentException("the safety buffer factor must be from 1 to 10");
        }
    }

    /** {@code actual x factor}. */
    public double buffered(double actual) {
        return Math.max(0, actual) * factor;
    }

    /** {@code requested - actual x factor}, never below zero. */
    public double wasted(double requested, double actual) {
        return Math.max(0, requested - buffered(actual));
    }
}
