package io.awoooi.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stress scenario found: its figures (name and value, in the order measured) and its
 * violations (each a sentence naming what broke, never a sent value). Passed when there is no violation.
 */
final class StressReport {

    /** Violations shown in full; the count goes on. */
    private static final int SHOWN = 40;

    private final String name;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private int violationCount;

    StressReport(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized StressReport figure(String key, Object value) {
        figures.put(key, String.valueOf(value));
        return this;
    }

    synchronized String figure(String key) {
        return figures.get(key);
    }

    synchronized Map<String, String> figures() {
        return new LinkedHashMap<>(figures);
    }

    synchronized void violation(String what) {
        violationCount++;
        if (violations.size() < SHOWN) {
            violations.add(what);
        }
    }

    /**
     * Records something the run saw that breaks none of the properties it checks but is worth a look
     * (printed, not failing the run).
     */
    synchronized void finding(String what) {
        if (findings.size() < SHOWN) {
            findings.add(what);
        }
    }

    synchronized List<String> findings() {
        return List.copyOf(findings);
    }

    /** Records a violation unless {@code holds}. */
    void check(boolean holds, String what) {
        if (!holds) {
            violation(what);
        }
    }

    synchronized int violationCount() {
        return violationCount;
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    boolean passed() {
        return violationCount() == 0;
    }

    synchronized void print(PrintStream out) {
        out.println("stress " + name + ": figures");
        figures.forEach((k, v) -> out.println("stress " + name + ":   " + k + ": " + v));
        if (!findings.isEmpty()) {
            out.println("stress " + name + ": findings (no property of the run is broken by them)");
            findings.forEach(f -> out.println("stress " + name + ":   * " + f));
        }
        if (violationCount == 0) {
            out.println("stress " + name + ": PASSED (0 violations)");
        } else {
            out.println("stress " + name + ": FAILED (" + violationCount + " violation(s))");
            violations.forEach(v -> out.println("stress " + name + ":   - " + v));
            if (violationCount > violations.size()) {
                out.println("stress " + name + ":   ... and " + (violationCount - violations.size()) + " more");
            }
        }
    }
}
