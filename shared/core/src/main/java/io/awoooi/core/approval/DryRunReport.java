package io.awoooi.core.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a dry-run found: every check, and a fingerprint of the cluster state it looked at (uids,
 * resourceVersions, replicas, PDB status), which the executor compares before acting (TOCTOU).
 */
public record DryRunReport(List<DryRunCheck> checks, String stateFingerprint) {
    public DryRunReport {
        checks = List.copyOf(checks);
        Objects.requireNonNull(stateFingerprint, "stateFingerprint");
    }

    /** Every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(DryRunCheck::passed);
    }

    /** A check failed that nobody may override: the action must not be offered. */
    public boolean blocked() {
        return checks.stream().anyMatch(c -> !c.passed() && !c.overridable());
    }

    public List<DryRunCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The same report with one more check. */
    public DryRunReport with(DryRunCheck check) {
        List<DryRunCheck> all = new ArrayList<>(checks);
        all.add(check);
        return new DryRunReport(all, stateFingerprint);
    }
}
