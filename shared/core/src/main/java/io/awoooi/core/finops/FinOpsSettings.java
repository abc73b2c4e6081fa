package io.awoooi.core.finops;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The scan's thresholds, each a setting with a documented default.
 *
 * @param orphanAfter how long a claim must have been unused before it is an orphan ({@code FINOPS_ORPHAN_DAYS}, 7)
 * @param zombieWindow how long a pod must have idled to be a zombie, and the usage window of the
 *     whole scan ({@code FINOPS_ZOMBIE_DAYS}, 7)
 * @param zombieCpuFraction idle means every hourly CPU rate below this fraction of the pod's CPU
 *     request, or of one core without a request ({@code FINOPS_ZOMBIE_CPU_PERCENT}, 1 = 1%)
 * @param buffer the safety buffer on measured usage ({@code FINOPS_SAFETY_BUFFER}, 1.2)
 * @param top how many recommendations the summary lists ({@code FINOPS_TOP_RECOMMENDATIONS}, 5)
 */
public record FinOpsSettings(Duration orphanAfter, Duration zombieWindow, double zombieCpuFraction,
        SafetyBuffer buffer, int top) {
    public static final String ORPHAN_DAYS = "FINOPS_ORPHAN_DAYS";
    public static final String ZOMBIE_DAYS = "FINOPS_ZOMBIE_DAYS";
    public static final String ZOMBIE_CPU_PERCENT = "FINOPS_ZOMBIE_CPU_PERCENT";
    public static final String SAFETY_BUFFER = "FINOPS_SAFETY_BUFFER";
    public static final String TOP = "FINOPS_TOP_RECOMMENDATIONS";

    public FinOpsSettings {
        Objects.requireNonNull(orphanAfter, "orphanAfter");
        Objects.requireNonNull(zombieWindow, "zombieWindow");
        Objects.requireNonNull(buffer, "buffer");
        if (orphanAfter.isNegative() || zombieWindow.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the windows must be at least a day");
        }
        if (!(zombieCpuFraction > 0 && zombieCpuFraction < 1)) {
            throw new IllegalArgumentException("the zombie CPU fraction must be between 0 and 1");
        }
        if (top < 1) {
            throw new IllegalArgumentException("top must be positive");
        }
    }

    public static FinOpsSettings defaults() {
        return new FinOpsSettings(Duration.ofDays(7), Duration.ofDays(7), 0.01, SafetyBuffer.DEFAULT, 5);
    }

    /**
     * The settings from the environment; an absent or empty variable keeps its default.
     *
     * @throws InvalidFinOpsSettingException naming the variable when a value cannot work
     */
    public static FinOpsSettings fromEnvironment(Map<String, String> env) {
        FinOpsSettings d = defaults();
        // 0: every claim nothing uses (the local demo, whose API server stamps objects with the time it made them)
        int orphanDays = intOf(env, ORPHAN_DAYS, 7, 0, 3650);
        int zombieDays = intOf(env, ZOMBIE_DAYS, 7, 1, 90);
        double cpuPercent = doubleOf(env, ZOMBIE_CPU_PERCENT, 1.0, 0.001, 50);
        double factor = doubleOf(env, SAFETY_BUFFER, SafetyBuffer.DEFAULT.factor(), 1.0, 10.0);
        int top = intOf(env, TOP, d.top(), 1, 100);
        return new FinOpsSettings(Duration.ofDays(orphanDays), Duration.ofDays(zombieDays), cpuPercent / 100.0,
                new SafetyBuffer(factor), top);
    }

    private static int intOf(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new InvalidFinOpsSettingException(name, "must be a whole number from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFinOpsSettingException(name, "must be a whole number from " + min + " to " + max);
        }
    }

    private static double doubleOf(Map<String, String> env, String name, double fallback, double min, double max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v.strip());
            if (!(n >= min && n <= max)) {
                throw new InvalidFinOpsSettingException(name, "must be a number from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFinOpsSettingException(name, "must be a number from " + min + " to " + max);
        }
    }
}
