package io.awoooi.core.execution;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ApprovalLedger;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.shield.UnknownLabelException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Use case: carries out one approved request, at most once, and never on stale approval.
 * <ol>
 *   <li>The order must match its request (same action, same hash) and the request must be APPROVED;
 *       a request already ended is left alone.
 *   <li>An execution record is claimed with a condition before anything happens: a redelivered
 *       order finds it. A record left IN_PROGRESS by a crashed attempt is taken over after its
 *       lease, and the cluster is asked whether the action already happened before anything else.
 *   <li>Rehydration, here and only here: labels in the parameters become the vault's values; an
 *       unknown label FAILs the execution.
 *   <li>TOCTOU: the dry-run runs again on the action the approvers saw, on its real objects; a
 *       different state fingerprint VOIDs the request and nothing runs. A check nobody may override
 *       failing now (RBAC denied, target gone) FAILs it.
 *   <li>The action through the cluster's typed API. Applied: EXECUTED, and the effectiveness check
 *       is scheduled first (so a crash cannot lose it). Refused by the API: FAILED with its reason.
 * </ol>
 * Every end is written to the request, to the operation log (chained to "approved") and told to
 * the approvers and the operators; what the API server said comes
 * back with the labels in place of the real names. Nothing here logs: real values exist in this
 * class only as method locals.
 */
public final class ExecuteApproved {
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final ApprovalLedger ledger;
    private final ApproverNotices notices;
    private final ExecutionStore executions;
    private final DryRunner dryRunner;
    private final ClusterActions cluster;
    private final BiFunction<String, String, String> rehydrate;
    private final VerificationQueue verifications;
    private final Duration verificationDelay;
    private final Duration lease;
    private BiFunction<String, String, String> heldNames = (incidentId, text) -> text;
    private io.awoooi.core.narrative.AiOutcomes aiOutcomes = (subject, outcome, at) -> {
    };

    /** Outcome of a rolled-back drift report's AI traces, set when the rollback executes. */
    public static final String ROLLED_BACK = "rolled_back";

    /**
     * Where a drift rollback's execution closes the human feedback loop (issue #15): when a
     * {@code restore_fields} request made from a drift report's Rollback link is EXECUTED, that
     * report's AI traces get the outcome {@value #ROLLED_BACK}. A rollback that is VOIDED, FAILED,
     * rejected or expired sets nothing (nothing was rolled back; the drift is still open for an
     * Accept or a later Rollback); one found INEFFECTIVE later keeps it (people chose to roll back;
     * the effectiveness is the execution's record, not the narrator's).
     */
    public ExecuteApproved withAiOutcomes(io.awoooi.core.narrative.AiOutcomes outcomes) {
        this.aiOutcomes = Objects.requireNonNull(outcomes, "outcomes");
        return this;
    }

    /**
     * @param rehydrate (incident id, text) -> the text with its labels replaced by the vault's values
     *     ({@link io.awoooi.core.shield.Rehydrator#rehydrate}); throws {@link UnknownLabelException}
     */
    public ExecuteApproved(ApprovalLedger ledger, ApproverNotices notices, ExecutionStore executions,
            DryRunner dryRunner, ClusterActions cluster,
            BiFunction<String, String, String> rehydrate, VerificationQueue verifications, Duration verificationDelay,
            Duration lease) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.dryRunner = Objects.requireNonNull(dryRunner, "dryRunner");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.rehydrate = Objects.requireNonNull(rehydrate, "rehydrate");
        this.verifications = Objects.requireNonNull(verifications, "verifications");
        this.verificationDelay = Objects.requireNonNull(verificationDelay, "verificationDelay");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /**
     * With Kubernetes names labelled: (incident id, text) -> the text with the names the vault holds
     * labels for replaced ({@link io.awoooi.core.shield.Rehydrator#maskHeld}), for what the cluster
     * says about objects the action does not name.
     */
    public ExecuteApproved withHeldNames(BiFunction<String, String, String> mask) {
        this.heldNames = Objects.requireNonNull(mask, "mask");
        return this;
    }

    /** How an order ended. */
    public sealed interface Result {
        record Executed(String requestId, String detail) implements Result {
        }

        record Voided(String requestId, String reason) implements Result {
        }

        record Failed(String requestId, String reason) implements Result {
        }

        /** Nothing to do: the request had already ended (a redelivery), or is not approved. */
        record Skipped(String requestId, String why) implements Result {
        }
    }

    /** Another attempt holds the execution's lease: the order must come back later. */
    public static final class ExecutionBusyException extends RuntimeException {
        public ExecutionBusyException(String requestId) {
            super("execution of " + requestId + " is in progress elsewhere; retry after its lease");
        }
    }

    /**
     * @throws ExecutionBusyException another attempt is running it (retry later)
     * @throws io.awoooi.core.failure.TopologyUnavailableException the cluster cannot be reached
     *     (retry; the record keeps its lease and the next attempt checks the cluster first)
     * @throws IllegalStateException the order's request does not exist
     */
    public Result execute(ExecutionOrder order) {
        Instant started = ledger.clock().instant();
        ApprovalRequest request = ledger.store().find(order.requestId())
                .orElseThrow(() -> new IllegalStateException("no approval request " + order.requestId()));
        if (request.status() != ApprovalStatus.APPROVED) {
            return new Result.Skipped(request.id(), "the request is " + request.status());
        }
        ExecutionStore.Claim claim = executions.claim(request.id(), request.incidentId(), started, lease);
        ExecutionRecord record;
        switch (claim) {
            case ExecutionStore.Claim.Finished f -> {
                // the record ended but the request is still APPROVED: the attempt that ended it
                // stopped before moving the request (a crash); finish that, or a retry never will
                ExecutionRecord done = f.record();
                complete(request, done.status(), done.reason().orElse("ended " + done.status()), done.attempt(),
                        started);
                return new Result.Skipped(request.id(), "already " + done.status());
            }
            case ExecutionStore.Claim.Busy b -> throw new ExecutionBusyException(request.id());
            case ExecutionStore.Claim.Fresh f -> record = f.record();
            case ExecutionStore.Claim.TakenOver t -> record = t.record();
        }
        if (!matches(order, request)) {
            return fail(request, record, "the execution order does not match its approved request", started);
        }
        if (claim instanceof ExecutionStore.Claim.TakenOver) {
            Optional<ProposedAction> real = rehydrated(request);
            if (real.isPresent() && cluster.alreadyApplied(real.get(), request.id(), request.createdAt())) {
                return executed(request, record, "found done by an earlier attempt", started);
            }
        }
        ProposedAction real;
        try {
            real = rehydrateOrFail(request);
        } catch (UnknownLabelException e) {
            return fail(request, record, "a parameter holds a label the vault does not know", started);
        } catch (IllegalArgumentException e) {
            return fail(request, record, "a rehydrated parameter is refused by the catalog: " + e.getMessage(),
                    started);
        }
        // the dry-run asks about the real objects, as the analysis did for the approvers (its labelled
        // names mapped in memory), so the two fingerprints describe the same state
        DryRunReport now = dryRunner.dryRun(real);
        if (!now.stateFingerprint().equals(order.stateFingerprint()) && request.action().needsRehydration()) {
            // approved on a dry-run of the labels themselves (a proposal made without the names mapped,
            // e.g. an agent's, or a request from before ADR 0014): compare like with like
            DryRunReport onLabels = dryRunner.dryRun(request.action());
            if (onLabels.stateFingerprint().equals(order.stateFingerprint())) {
                now = onLabels;
            }
        }
        if (!now.stateFingerprint().equals(order.stateFingerprint())) {
            return voided(request, record, "the cluster changed since the approval (the dry-run's state "
                    + "fingerprint differs)" + changedChecks(request.dryRun(), shown(now, request, real),
                            request.action().needsRehydration()),
                    started);
        }
        Optional<DryRunCheck> blocking = now.checks().stream().filter(c -> !c.passed() && !c.overridable()).findFirst();
        if (blocking.isPresent()) {
            return fail(request, record, "dry-run check " + blocking.get().name() + " failed: "
                    + shown(blocking.get(), request, real), started);
        }
        ActionResult result = cluster.apply(real, request.id());
        // the API's words name the real objects: they leave this class with the labels back in
        return switch (result) {
            case ActionResult.Applied applied -> executed(request, record,
                    shown(applied.detail(), request, real), started);
            case ActionResult.Refused refused -> fail(request, record, "the API server refused (HTTP "
                    + refused.httpStatus() + "): " + shown(refused.reason(), request, real),
                    started);
        };
    }

    private static boolean matches(ExecutionOrder order, ApprovalRequest request) {
        return order.action().equals(request.action()) && order.actionHash().equals(request.actionHash())
                && ApprovalRequest.hashOf(order.action()).equals(order.actionHash())
                && order.incidentId().equals(request.incidentId())
                // the fingerprint the TOCTOU check compares with must be the one the approvers saw
                && order.stateFingerprint().equals(request.dryRun().stateFingerprint());
    }

    private Optional<ProposedAction> rehydrated(ApprovalRequest request) {
        try {
            return Optional.of(rehydrateOrFail(request));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The action with every label replaced by its value, checked by the catalog again. */
    private ProposedAction rehydrateOrFail(ApprovalRequest request) {
        return RealNames.rehydrated(request.action(), request.incidentId(), rehydrate);
    }

    private Result executed(ApprovalRequest request, ExecutionRecord record, String detail, Instant started) {
        // the check is scheduled before the record ends: a crash in between is retried, never lost
        verifications.schedule(new VerificationOrder(request.id(), request.incidentId()), verificationDelay);
        end(request, record, ExecutionStatus.EXECUTED, detail, started);
        io.awoooi.core.drift.RollbackDrift.reportOf(request).ifPresent(report -> {
            try {
                aiOutcomes.recordOutcome(report, ROLLED_BACK, ledger.clock().instant());
            } catch (RuntimeException e) {
                // the feedback loop is audit: it never fails an execution that happened
            }
        });
        return new Result.Executed(request.id(), detail);
    }

    private Result voided(ApprovalRequest request, ExecutionRecord record, String reason, Instant started) {
        end(request, record, ExecutionStatus.VOIDED, reason, started);
        return new Result.Voided(request.id(), reason);
    }

    private Result fail(ApprovalRequest request, ExecutionRecord record, String reason, Instant started) {
        end(request, record, ExecutionStatus.FAILED, reason, started);
        return new Result.Failed(request.id(), reason);
    }

    private void end(ApprovalRequest request, ExecutionRecord record, ExecutionStatus status, String reason,
            Instant started) {
        executions.finish(request.id(), record.attempt(), status, Optional.of(reason), ledger.clock().instant());
        complete(request, status, reason, record.attempt(), started);
    }

    /**
     * Logs the execution's end (the entry's id is derived: writing it again is a no-op) and moves the
     * request to it; only the winner of that conditional write tells the approvers, so an attempt
     * finishing what a crashed one left does not tell them twice.
     */
    private void complete(ApprovalRequest request, ExecutionStatus status, String reason, int attempt,
            Instant started) {
        String opType = status.name().toLowerCase(java.util.Locale.ROOT);
        ledger.log(request, opType, opType, "executor", Map.of("request", request.id(),
                "action", request.action().type().id(), "attempt", String.valueOf(attempt)),
                Map.of("status", status.name(), "reason", reason),
                Optional.of(ApprovalLedger.opIdFor(request, "approved")), started);
        if (!ledger.store().transition(request.id(), ApprovalStatus.APPROVED, ApprovalStatus.valueOf(status.name()),
                Optional.of(reason), ledger.clock().instant())) {
            return;
        }
        Instant now = ledger.clock().instant();
        ApprovalRequest ended = request.withStatus(ApprovalStatus.valueOf(status.name()), Optional.of(reason), now);
        var card = notices.cardOf(ended);
        notices.tell(ended, ExecutionMessages.recipients(notices, request), switch (status) {
            case EXECUTED -> ExecutionMessages.executed(card, now);
            case VOIDED -> ExecutionMessages.voided(card, reason, now);
            case FAILED -> ExecutionMessages.failed(card, reason, now);
            case IN_PROGRESS -> throw new IllegalArgumentException("an execution does not end IN_PROGRESS");
        });
    }

    /** The report as it may be shown: reasons with labels in place of real names. */
    private DryRunReport shown(DryRunReport now, ApprovalRequest request, ProposedAction real) {
        return new DryRunReport(now.checks().stream().map(c -> new DryRunCheck(c.name(), c.passed(),
                shown(c, request, real), c.overridable())).toList(), now.stateFingerprint());
    }

    private String shown(DryRunCheck check, ApprovalRequest request, ProposedAction real) {
        return shown(check.reason(), request, real);
    }

    private String shown(String text, ApprovalRequest request, ProposedAction real) {
        return RealNames.shown(text, request, real, heldNames);
    }

    /** The checks that moved; by outcome only when the reasons cannot be compared (labelled names). */
    private static String changedChecks(DryRunReport before, DryRunReport now, boolean outcomesOnly) {
        java.util.function.Function<DryRunCheck, String> key = c -> outcomesOnly ? String.valueOf(c.passed())
                : c.passed() + c.reason();
        Map<String, String> then = before.checks().stream()
                .collect(Collectors.toMap(DryRunCheck::name, key, (a, b) -> a));
        String changed = now.checks().stream().filter(c -> !Objects.equals(then.get(c.name()), key.apply(c)))
                .map(c -> c.name() + ": " + c.reason()).collect(Collectors.joining("; "));
        return changed.isEmpty() ? "" : "; now " + changed;
    }
}
