package io.awoooi.core.execution;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.failure.TopologyUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A fake cluster: records every call with the action exactly as it arrived (real names once the
 * executor rehydrated them) and answers what the test set. {@link #apply} answers the scripted
 * answers in order ({@link #nextApply}, {@link #nextApplyUnavailable}), then the default
 * ({@link #answerApplies}, {@code Applied} unless told otherwise). Thread-safe.
 */
public final class FakeClusterActions implements ClusterActions {
    /** One call as the cluster saw it. */
    public record Call(ProposedAction action, String requestId) {
    }

    private final List<Call> applies = new ArrayList<>();
    private final List<Call> alreadyAppliedAsks = new ArrayList<>();
    private final List<ProposedAction> healthAsks = new ArrayList<>();
    private final Deque<Supplier<ActionResult>> script = new ArrayDeque<>();
    private Supplier<ActionResult> byDefault = () -> new ActionResult.Applied("rollout restarted");
    private boolean alreadyApplied;
    private TargetHealth health = new TargetHealth(true, List.of("3/3 replicas ready"));
    private RuntimeException healthFailure;

    // ---------------------------------------------------------------- set-up

    /** What every apply answers once the script is used up. */
    public synchronized FakeClusterActions answerApplies(ActionResult result) {
        Objects.requireNonNull(result, "result");
        byDefault = () -> result;
        return this;
    }

    /** The answer of the next unscripted apply. */
    public synchronized FakeClusterActions nextApply(ActionResult result) {
        Objects.requireNonNull(result, "result");
        script.add(() -> result);
        return this;
    }

    /** The next unscripted apply throws this (recorded as a call all the same). */
    public synchronized FakeClusterActions nextApplyThrows(RuntimeException failure) {
        Objects.requireNonNull(failure, "failure");
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    /** The next unscripted apply finds the cluster unreachable. */
    public FakeClusterActions nextApplyUnavailable() {
        return nextApplyThrows(new TopologyUnavailableException("injected: API server unreachable", null));
    }

    /** What {@link #alreadyApplied} answers. */
    public synchronized FakeClusterActions alreadyApplied(boolean done) {
        alreadyApplied = done;
        return this;
    }

    /** What {@link #health} answers. */
    public synchronized FakeClusterActions health(TargetHealth next) {
        health = Objects.requireNonNull(next, "next");
        healthFailure = null;
        return this;
    }

    /** {@link #health} throws this from now on. */
    public synchronized FakeClusterActions healthFails(RuntimeException failure) {
        healthFailure = Objects.requireNonNull(failure, "failure");
        return this;
    }

    // ---------------------------------------------------------------- the port

    @Override
    public ActionResult apply(ProposedAction action, String requestId) {
        Supplier<ActionResult> answer;
        synchronized (this) {
            applies.add(new Call(action, requestId));
            answer = script.isEmpty() ? byDefault : script.poll();
        }
        return answer.get();
    }

    @Override
    public synchronized boolean alreadyApplied(ProposedAction action, String requestId, java.time.Instant approvedAt) {
        alreadyAppliedAsks.add(new Call(action, requestId));
        return alreadyApplied;
    }

    @Override
    public synchronized TargetHealth health(ProposedAction action) {
        healthAsks.add(action);
        if (healthFailure != null) {
            throw healthFailure;
        }
        return health;
    }

    // ---------------------------------------------------------------- what happened

    /** Every apply, in order, failed and refused ones included. */
    public synchronized List<Call> applies() {
        return List.copyOf(applies);
    }

    public synchronized List<Call> alreadyAppliedAsks() {
        return List.copyOf(alreadyAppliedAsks);
    }

    public synchronized List<ProposedAction> healthAsks() {
        return List.copyOf(healthAsks);
    }
}
