package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A fake dry-runner: answers a given report whatever the action, and counts its calls. Thread-safe. */
public final class StaticDryRunner implements DryRunner {
    private volatile DryRunReport report;
    private final List<ProposedAction> actions = new ArrayList<>();
    private final java.util.Map<ProposedAction, DryRunReport> byAction = new java.util.concurrent.ConcurrentHashMap<>();

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
        return byAction.getOrDefault(action, report);
    }

    /** What a dry-run of this very action answers (others get {@link #answer}'s report). */
    public void answerFor(ProposedAction action, DryRunReport forIt) {
        byAction.put(action, forIt);
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
