package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A fake dry-runner: answers a given report whatever the action, and counts its calls. Thread-safe. */
public final class StaticDryRunner implements DryRunner {
    private volatile DryRunReport report;
    private final List<ProposedAction> actions = new ArrayList<>();

    public StaticDryRunner(DryRunReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Every check passed, on a fixed state fingerprint. */
    public static StaticDryRunner passing() {
        return new StaticDryRunner(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed"),
                DryRunCheck.pass("exists", "the target exists")), "state-1"));
    }

    @Override
    public synchronized DryRunReport dryRun(ProposedAction action) {
        actions.add(action);
        return report;
    }

    public void answer(DryRunReport next) {
        this.report = Objects.requireNonNull(next, "next");
    }

    public synchronized int calls() {
        return actions.size();
    }

    public synchronized List<ProposedAction> actions() {
        return List.copyOf(actions);
    }
}
