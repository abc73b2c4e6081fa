package io.awoooi.core.execution;

import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.failure.TopologyUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecuteApprovedTest {
    private static final String INCIDENT = incidentId(7);
    /** The real names behind [NAMESPACE_1] and [DEPLOYMENT_1]: they appear nowhere but in the fake cluster. */
    private static final String REAL_NAMESPACE = "acme-payments";
    private static final String REAL_WORKLOAD = "ledger-writer-blue";
    private static final ProposedAction REAL_ACTION = new ProposedAction(ActionType.ROLLOUT_RESTART,
            Map.of("namespace", REAL_NAMESPACE, "workload", REAL_WORKLOAD));
    /** What a Kubernetes API server says: the real names in its own words. */
    private static final String APPLIED_IN_API_WORDS = "deployment.apps/" + REAL_WORKLOAD + " in " + REAL_NAMESPACE
            + " restarted";
    private static final String FORBIDDEN_IN_API_WORDS = "deployments.apps \"" + REAL_WORKLOAD
            + "\" is forbidden: User \"system:serviceaccount:awoooi:executor\" cannot patch resource"
            + " \"deployments\" in API group \"apps\" in the namespace \"" + REAL_NAMESPACE + "\"";
    private static final List<String> APPROVERS = List.of("alice", "bob", "erin");

    private final ExecutionFixture f = new ExecutionFixture();

    /** A MEDIUM rollout_restart on labels, approved by alice (links went to alice, bob and erin). */
    private ExecutionOrder approved() {
        f.cluster.answerApplies(new ActionResult.Applied(APPLIED_IN_API_WORDS));
        return f.approvedByPeople(INCIDENT, f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD),
                "alice");
    }

    private ExecuteApproved.Result execute(ExecutionOrder order) {
        return f.executeApproved().execute(order);
    }

    private Operation op(ApprovalRequest request, String opKey) {
        return f.approvals.operations.find(ApprovalDesk.opIdFor(request, opKey))
                .orElseThrow(() -> new AssertionError("no operation " + opKey));
    }

    /** No real name in anything that left the executor, nor in what it answered. */
    private void assertNoRealName(ExecutionOrder order, Object result) {
        String written = f.everythingWritten(order.requestId()) + "\n" + result;
        assertThat(written).doesNotContain(REAL_NAMESPACE).doesNotContain(REAL_WORKLOAD);
    }

    /** Attempt 1 claimed the record and crashed; the clock is moved past its lease. */
    private void crashedAttemptLeaseExpired(ExecutionOrder order) {
        assertThat(f.executions.claim(order.requestId(), order.incidentId(), f.approvals.clock.instant(),
                ExecutionFixture.LEASE)).isInstanceOf(ExecutionStore.Claim.Fresh.class);
        f.approvals.clock.advance(ExecutionFixture.LEASE.plusSeconds(1));
    }

    // ---------------------------------------------------------------- executed

    @Test
    void execute_approvedRequest_appliesOnceWithTheRealNamesAndEndsExecuted() {
        // GIVEN an approved request whose parameters are labels
        ExecutionOrder order = approved();
        ApprovalRequest request = f.request(order);
        assertThat(request.action().params()).containsValues("[NAMESPACE_1]", "[DEPLOYMENT_1]");

        // WHEN its order is executed
        ExecuteApproved.Result result = execute(order);

        // THEN the cluster saw exactly one apply, with the vault's real values, for this request
        assertThat(f.cluster.applies()).containsExactly(new FakeClusterActions.Call(REAL_ACTION, request.id()));
        // and the execution and the request ended EXECUTED, the API's words with the labels back in
        String detail = "deployment.apps/[DEPLOYMENT_1] in [NAMESPACE_1] restarted";
        assertThat(result).isEqualTo(new ExecuteApproved.Result.Executed(request.id(), detail));
        assertThat(f.executions.stored(request.id())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.reason()).contains(detail);
            assertThat(r.finishedAt()).contains(ApprovalFixture.NOW);
            assertThat(r.outcome()).isEmpty();
        });
        assertThat(f.approvals.stored(request.id()).status()).isEqualTo(ApprovalStatus.EXECUTED);
        // and the effectiveness check waits on its queue for the configured delay
        assertThat(f.verifications.scheduled()).containsExactly(new RecordingVerificationQueue.Scheduled(
                new VerificationOrder(request.id(), INCIDENT), ExecutionFixture.VERIFICATION_DELAY));
    }

    @Test
    void execute_approvedRequest_auditedAsExecutedChainedToApprovedAndApproversTold() {
        // GIVEN an approved request
        ExecutionOrder order = approved();
        ApprovalRequest request = f.request(order);

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN "executed" follows "approved" in the trail, by the executor
        Operation approvedOp = op(request, "approved");
        Operation executed = op(request, "executed");
        assertThat(approvedOp.type()).isEqualTo("approved");
        assertThat(executed.type()).isEqualTo("executed");
        assertThat(executed.actor()).isEqualTo("executor");
        assertThat(executed.parentOpId()).contains(approvedOp.opId());
        assertThat(executed.output()).containsEntry("status", "EXECUTED");
        assertThat(f.approvals.operations.trail(INCIDENT)).extracting(Operation::type)
                .containsExactly("approval_requested", "signed", "approved", "executed");
        // and every approver who got a link hears of it, once
        assertThat(f.notifiedOfKind("executed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        // and no real value is in any notification, operation, record or result
        assertNoRealName(order, result);
    }

    @Test
    void execute_requestApprovedByPolicy_operatorsTold() {
        // GIVEN a LOW restart_pod approved by policy: no links went to anybody
        ExecutionOrder order = f.approvedByPolicy(INCIDENT, f.labelledRestartPod(INCIDENT, REAL_NAMESPACE,
                "ledger-writer-blue-7d9f8c6b5-x2kqp"));
        assertThat(f.request(order).notified()).isEmpty();

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN the operators who got its FYI hear how it went (bug: nobody was told of an automatic action)
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.notifiedOfKind("auto_execution")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        assertThat(f.notifiedOfKind("executed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        assertThat(f.cluster.applies()).singleElement().satisfies(c -> assertThat(c.action().params())
                .containsEntry("pod", "ledger-writer-blue-7d9f8c6b5-x2kqp"));
        assertNoRealName(order, result);
    }

    // ---------------------------------------------------------------- at most once

    @Test
    void execute_sameOrderRedelivered_skippedWithoutASecondApply() {
        // GIVEN an order executed once
        ExecutionOrder order = approved();
        execute(order);
        int operations = f.approvals.operations.all().size();
        int deliveries = f.approvals.channel.delivered().size();

        // WHEN the queue delivers it again
        ExecuteApproved.Result again = execute(order);

        // THEN it is skipped: one apply, one check, nothing more written or sent
        assertThat(again).isInstanceOf(ExecuteApproved.Result.Skipped.class);
        assertThat(f.cluster.applies()).hasSize(1);
        assertThat(f.verifications.scheduled()).hasSize(1);
        assertThat(f.approvals.operations.all()).hasSize(operations);
        assertThat(f.approvals.channel.delivered()).hasSize(deliveries);
        assertThat(f.executions.stored(order.requestId()).attempt()).isEqualTo(1);
    }

    @Test
    void execute_twoDeliveriesAtTheSameMoment_exactlyOneApply() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                // GIVEN one approved order, delivered twice at the same moment
                ExecutionFixture fx = new ExecutionFixture();
                String incident = incidentId(100 + round);
                ExecutionOrder order = fx.approvedByPeople(incident,
                        fx.labelledRolloutRestart(incident, REAL_NAMESPACE, REAL_WORKLOAD), "alice");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<ExecuteApproved.Result>> futures = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ExecuteApproved executor = fx.executeApproved();
                    futures.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return executor.execute(order);
                    }));
                }

                // WHEN both run
                List<Object> outcomes = new ArrayList<>();
                for (Future<ExecuteApproved.Result> future : futures) {
                    try {
                        outcomes.add(future.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }

                // THEN exactly one applied and executed; the other was skipped or found it busy
                assertThat(fx.cluster.applies()).as("round %d", round).hasSize(1);
                assertThat(outcomes).as("round %d", round)
                        .filteredOn(o -> o instanceof ExecuteApproved.Result.Executed).hasSize(1);
                assertThat(outcomes).as("round %d", round).filteredOn(o -> o instanceof ExecuteApproved.Result.Skipped
                        || o instanceof ExecuteApproved.ExecutionBusyException).hasSize(1);
                assertThat(fx.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.EXECUTED);
                assertThat(fx.verifications.scheduled()).as("round %d", round).hasSize(1);
                assertThat(fx.notifiedOfKind("executed")).as("round %d", round)
                        .containsExactlyInAnyOrderElementsOf(APPROVERS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void execute_recordEndedButRequestStillApproved_redeliveryMovesTheRequestOnce() {
        // GIVEN attempt 1 applied, ended the record EXECUTED and crashed before moving the request
        ExecutionOrder order = approved();
        f.executions.claim(order.requestId(), INCIDENT, ApprovalFixture.NOW, ExecutionFixture.LEASE);
        f.executions.finish(order.requestId(), 1, ExecutionStatus.EXECUTED, Optional.of("rollout restarted"),
                ApprovalFixture.NOW);

        // WHEN the order is redelivered, twice
        ExecuteApproved.Result first = execute(order);
        ExecuteApproved.Result second = execute(order);

        // THEN nothing is applied, and the request ends EXECUTED as its record did, audited and told once
        // (bug: the request stayed APPROVED for ever, with no "executed" entry and nobody told)
        assertThat(first).isInstanceOf(ExecuteApproved.Result.Skipped.class);
        assertThat(second).isInstanceOf(ExecuteApproved.Result.Skipped.class);
        assertThat(f.cluster.applies()).isEmpty();
        ApprovalRequest request = f.approvals.stored(order.requestId());
        assertThat(request.status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(request.reason()).contains("rollout restarted");
        assertThat(op(request, "executed").parentOpId()).contains(op(request, "approved").opId());
        assertThat(f.notifiedOfKind("executed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
    }

    // ---------------------------------------------------------------- TOCTOU

    @Test
    void execute_stateFingerprintChanged_voidedAndNothingRuns() {
        // GIVEN an approved request, and a cluster that changed since (another fingerprint, a check moved)
        ExecutionOrder order = approved();
        f.dryRunner.answer(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed"),
                DryRunCheck.fail("pdb", "the PodDisruptionBudget allows no disruption now", true)), "state-2"));

        // WHEN its order is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it is VOIDED: nothing applied, nothing to verify; the request is kept VOIDED with the reason
        // (with labelled names, the checks whose outcome moved)
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Voided.class, v -> assertThat(v.reason())
                .contains("state fingerprint differs").contains("pdb: the PodDisruptionBudget allows no disruption")
                .doesNotContain("rbac"));
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.verifications.scheduled()).isEmpty();
        ApprovalRequest request = f.approvals.stored(order.requestId());
        assertThat(request.status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(request.reason()).contains(((ExecuteApproved.Result.Voided) result).reason());
        assertThat(f.executions.stored(order.requestId()).status()).isEqualTo(ExecutionStatus.VOIDED);
        // and it is audited "voided" after "approved", and the approvers are told
        Operation voided = op(request, "voided");
        assertThat(voided.type()).isEqualTo("voided");
        assertThat(voided.parentOpId()).contains(op(request, "approved").opId());
        assertThat(f.notifiedOfKind("voided")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        assertThat(f.notifiedOfKind("executed")).isEmpty();
        assertNoRealName(order, result);
    }

    @Test
    void execute_checkNobodyMayOverrideFailsNow_failedWithoutApply() {
        // GIVEN an approved request, and RBAC denied now on the same state
        ExecutionOrder order = approved();
        f.dryRunner.answer(new DryRunReport(List.of(
                DryRunCheck.fail("rbac", "the executor may not patch deployments", false)), "state-1"));

        // WHEN its order is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it FAILED with the check's reason and nothing was applied
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Failed.class, r -> assertThat(r.reason())
                .contains("rbac").contains("the executor may not patch deployments"));
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(f.executions.stored(order.requestId()).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(f.notifiedOfKind("failed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
    }

    @Test
    void execute_dryRunRunsAgainOnTheRealObjects() {
        // GIVEN an approved request (its dry-run ran once, at the approval)
        ExecutionOrder order = approved();
        int before = f.dryRunner.calls();

        // WHEN it is executed
        execute(order);

        // THEN the dry-run ran once more, on the action the approvers saw with its labels rehydrated: the
        // analysis dry-ran the same real objects (its labels mapped in memory), so the fingerprints compare
        assertThat(f.dryRunner.calls()).isEqualTo(before + 1);
        assertThat(f.dryRunner.actions().get(before)).isEqualTo(REAL_ACTION);
    }

    @Test
    void execute_approvedOnADryRunOfTheLabels_comparedLikeWithLike() {
        // GIVEN a request whose approval dry-ran the labelled action itself (an agent's proposal), and a
        // cluster whose real objects fingerprint otherwise
        ExecutionOrder order = approved();
        f.dryRunner.answerFor(REAL_ACTION,
                new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "real-state"));
        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);
        // THEN the labels' dry-run matches the approval's: EXECUTED, not VOIDED
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.dryRunner.actions()).contains(REAL_ACTION, order.action());
    }

    // ---------------------------------------------------------------- failed

    @Test
    void execute_apiRefuses403_failedWithTheApiReasonUnderLabels() {
        // GIVEN an approved request the API server will refuse
        ExecutionOrder order = approved();
        f.cluster.nextApply(new ActionResult.Refused(403, FORBIDDEN_IN_API_WORDS));

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it FAILED with the API's reason, where the real names became labels again
        // (bug: the API's words went to the request, the log and the notifications with the real names)
        assertThat(f.cluster.applies()).hasSize(1);
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Failed.class, r -> assertThat(r.reason())
                .contains("HTTP 403").contains("deployments.apps \"[DEPLOYMENT_1]\" is forbidden")
                .contains("in the namespace \"[NAMESPACE_1]\""));
        String reason = ((ExecuteApproved.Result.Failed) result).reason();
        ApprovalRequest request = f.approvals.stored(order.requestId());
        assertThat(request.status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(request.reason()).contains(reason);
        assertThat(f.executions.stored(order.requestId())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(r.reason()).contains(reason);
        });
        Operation failed = op(request, "failed");
        assertThat(failed.type()).isEqualTo("failed");
        assertThat(failed.parentOpId()).contains(op(request, "approved").opId());
        assertThat(failed.output()).containsEntry("reason", reason);
        assertThat(f.notifiedOfKind("failed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        assertThat(f.verifications.scheduled()).isEmpty();
        assertNoRealName(order, result);
    }

    @Test
    void execute_labelTheVaultDoesNotKnow_failedWithoutApply() {
        // GIVEN an approved request whose workload label was never sealed in the incident's vault
        ProposedAction action = new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "[DEPLOYMENT_9]"));
        ExecutionOrder order = f.approvedByPeople(INCIDENT, action, "alice");

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it FAILED, nothing was applied, and the label was never passed on as a name
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Failed.class,
                r -> assertThat(r.reason()).contains("label the vault does not know"));
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(f.notifiedOfKind("failed")).containsExactlyInAnyOrderElementsOf(APPROVERS);
    }

    @Test
    void execute_labelOfAnotherIncident_failedWithoutApply() {
        // GIVEN the label's value sealed in another incident's vault only
        f.label(incidentId(8), io.awoooi.core.privacy.PiiType.DEPLOYMENT, REAL_WORKLOAD);
        ProposedAction action = new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "[DEPLOYMENT_1]"));
        ExecutionOrder order = f.approvedByPeople(INCIDENT, action, "alice");

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN the other incident's value is never used
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Failed.class);
        assertThat(f.cluster.applies()).isEmpty();
    }

    @Test
    void execute_orderForAnotherAction_failedWithoutApply() {
        // GIVEN an approved request, and an order carrying another action (with that action's own hash)
        ExecutionOrder order = approved();
        ProposedAction other = ApprovalFixture.deleteNamespace("shop");
        ExecutionOrder forged = new ExecutionOrder(order.requestId(), order.incidentId(), order.notificationKey(),
                other, ApprovalRequest.hashOf(other), order.stateFingerprint(), order.approvedAt());

        // WHEN it is executed
        ExecuteApproved.Result result = execute(forged);

        // THEN it FAILED and nothing was applied
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Failed.class,
                r -> assertThat(r.reason()).contains("does not match"));
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.FAILED);
    }

    @Test
    void execute_orderWithAnotherHash_failedWithoutApply() {
        // GIVEN an order with the right action and a hash that is not the request's
        ExecutionOrder order = approved();
        ExecutionOrder forged = new ExecutionOrder(order.requestId(), order.incidentId(), order.notificationKey(),
                order.action(), "0".repeat(64), order.stateFingerprint(), order.approvedAt());

        // WHEN / THEN
        assertThat(execute(forged)).isInstanceOf(ExecuteApproved.Result.Failed.class);
        assertThat(f.cluster.applies()).isEmpty();
    }

    @Test
    void execute_orderWithTheCurrentStateInsteadOfTheApprovedOne_failedWithoutApply() {
        // GIVEN the cluster changed since the approval, and an order that carries the new fingerprint
        ExecutionOrder order = approved();
        f.dryRunner.answer(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "state-2"));
        ExecutionOrder forged = new ExecutionOrder(order.requestId(), order.incidentId(), order.notificationKey(),
                order.action(), order.actionHash(), "state-2", order.approvedAt());

        // WHEN it is executed
        ExecuteApproved.Result result = execute(forged);

        // THEN it does not pass the TOCTOU check: the fingerprint compared is the one the approvers saw
        // (bug: the order's own fingerprint was trusted, so this order was applied)
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Failed.class);
        assertThat(f.cluster.applies()).isEmpty();
    }

    // ---------------------------------------------------------------- not approved

    @Test
    void execute_requestStillPending_skippedWithoutClaiming() {
        // GIVEN a HIGH request waiting for its second signature, and an order made from it
        ExecutionOrder order = ExecutionOrder.of(ApprovalFixture.pending(INCIDENT,
                ApprovalFixture.deletePvc("data-0"), ApprovalFixture.NOW), ApprovalFixture.NOW);
        f.approvals.store.create(ApprovalFixture.pending(INCIDENT, ApprovalFixture.deletePvc("data-0"),
                ApprovalFixture.NOW));

        // WHEN it is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it is skipped: no record, no dry-run, no apply, no notification
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Skipped.class,
                s -> assertThat(s.why()).contains("PENDING"));
        assertThat(f.executions.claims()).isZero();
        assertThat(f.dryRunner.calls()).isZero();
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.approvals.channel.delivered()).isEmpty();
    }

    @Test
    void execute_requestAlreadyExecutedWithoutRecord_skippedWithoutClaiming() {
        // GIVEN an approved request that is EXECUTED already
        ExecutionOrder order = approved();
        ApprovalRequest request = f.request(order);
        f.approvals.store.put(request.withStatus(ApprovalStatus.EXECUTED, Optional.of("done"), ApprovalFixture.NOW));

        // WHEN its order is executed
        ExecuteApproved.Result result = execute(order);

        // THEN it is skipped before anything is claimed
        assertThat(result).isInstanceOfSatisfying(ExecuteApproved.Result.Skipped.class,
                s -> assertThat(s.why()).contains("EXECUTED"));
        assertThat(f.executions.claims()).isZero();
        assertThat(f.cluster.applies()).isEmpty();
    }

    @Test
    void execute_unknownRequest_throws() {
        // GIVEN an order whose request does not exist
        ExecutionOrder order = ExecutionOrder.of(ApprovalFixture.pending(INCIDENT,
                ApprovalFixture.deletePvc("data-0"), ApprovalFixture.NOW), ApprovalFixture.NOW);

        // WHEN / THEN
        assertThatThrownBy(() -> execute(order)).isInstanceOf(IllegalStateException.class);
        assertThat(f.cluster.applies()).isEmpty();
    }

    // ---------------------------------------------------------------- crashes and retries

    @Test
    void execute_crashedAttemptAndTheClusterShowsItDone_executedWithoutASecondApply() {
        // GIVEN attempt 1 claimed the execution and crashed mid-action; its lease is over
        ExecutionOrder order = approved();
        crashedAttemptLeaseExpired(order);
        f.cluster.alreadyApplied(true);
        int dryRuns = f.dryRunner.calls();

        // WHEN the order comes back
        ExecuteApproved.Result result = execute(order);

        // THEN the cluster is asked first, about the real target; it shows the action done: EXECUTED, no apply
        assertThat(f.cluster.alreadyAppliedAsks())
                .containsExactly(new FakeClusterActions.Call(REAL_ACTION, order.requestId()));
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.dryRunner.calls()).isEqualTo(dryRuns);
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.executions.stored(order.requestId())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
            assertThat(r.attempt()).isEqualTo(2);
        });
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(f.verifications.scheduled()).hasSize(1);
        assertThat(op(f.request(order), "executed").input()).containsEntry("attempt", "2");
    }

    @Test
    void execute_crashedAttemptAndTheClusterShowsNothing_goesThroughTheDryRunAndApplies() {
        // GIVEN attempt 1 crashed before acting; its lease is over
        ExecutionOrder order = approved();
        crashedAttemptLeaseExpired(order);
        f.cluster.alreadyApplied(false);
        int dryRuns = f.dryRunner.calls();

        // WHEN the order comes back
        ExecuteApproved.Result result = execute(order);

        // THEN the cluster is asked, the dry-run runs again, and the action is applied once
        assertThat(f.cluster.alreadyAppliedAsks()).hasSize(1);
        assertThat(f.dryRunner.calls()).isEqualTo(dryRuns + 1);
        assertThat(f.cluster.applies()).containsExactly(new FakeClusterActions.Call(REAL_ACTION, order.requestId()));
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.executions.stored(order.requestId()).attempt()).isEqualTo(2);
    }

    @Test
    void execute_crashedAttemptLeftTheStateChanged_voidedWithoutApply() {
        // GIVEN attempt 1 crashed, the cluster does not show the action done, and its state moved
        ExecutionOrder order = approved();
        crashedAttemptLeaseExpired(order);
        f.cluster.alreadyApplied(false);
        f.dryRunner.answer(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "state-2"));

        // WHEN the order comes back
        ExecuteApproved.Result result = execute(order);

        // THEN the TOCTOU check voids it
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Voided.class);
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.VOIDED);
    }

    @Test
    void execute_liveLeaseHeldElsewhere_busyAndNothingTouched() {
        // GIVEN another attempt claimed the execution a minute ago (its lease runs two)
        ExecutionOrder order = approved();
        f.executions.claim(order.requestId(), INCIDENT, ApprovalFixture.NOW, ExecutionFixture.LEASE);
        f.approvals.clock.advance(Duration.ofMinutes(1));
        int dryRuns = f.dryRunner.calls();

        // WHEN the order is delivered here too
        // THEN it must come back later; nothing was asked, applied or changed
        assertThatThrownBy(() -> execute(order)).isInstanceOf(ExecuteApproved.ExecutionBusyException.class);
        assertThat(f.cluster.applies()).isEmpty();
        assertThat(f.cluster.alreadyAppliedAsks()).isEmpty();
        assertThat(f.dryRunner.calls()).isEqualTo(dryRuns);
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.executions.stored(order.requestId())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
            assertThat(r.attempt()).isEqualTo(1);
        });
    }

    @Test
    void execute_clusterUnreachableOnApply_propagatesAndLeavesTheRecordInProgressUnderItsLease() {
        // GIVEN an approved request and an API server that cannot be reached
        ExecutionOrder order = approved();
        f.cluster.nextApplyUnavailable();

        // WHEN it is executed
        // THEN the failure propagates (the order is retried) and the record keeps its lease
        assertThatThrownBy(() -> execute(order)).isInstanceOf(TopologyUnavailableException.class);
        assertThat(f.executions.stored(order.requestId())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.leaseUntil()).isEqualTo(ApprovalFixture.NOW.plus(ExecutionFixture.LEASE));
        });
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(f.approvals.operations.trail(INCIDENT)).extracting(Operation::type)
                .doesNotContain("executed", "failed", "voided");
        assertThat(f.verifications.scheduled()).isEmpty();
        // and a retry within the lease is busy; after it, the cluster is asked before anything else
        assertThatThrownBy(() -> execute(order)).isInstanceOf(ExecuteApproved.ExecutionBusyException.class);
        f.approvals.clock.advance(ExecutionFixture.LEASE.plusSeconds(1));
        f.cluster.alreadyApplied(true);
        assertThat(execute(order)).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.cluster.applies()).hasSize(1);
    }

    @Test
    void execute_verificationQueueUnavailable_retryAfterTheLeaseSchedulesItOnce() {
        // GIVEN an approved request, and a verification queue failing once
        ExecutionOrder order = approved();
        f.verifications.failNextCalls.set(1);

        // WHEN it is executed: the action is applied, the check cannot be scheduled
        assertThatThrownBy(() -> execute(order)).isInstanceOf(QueueUnavailableException.class);

        // THEN the record is not ended (the check is scheduled before it ends), so a retry after the
        // lease finds the action done and schedules the check, with no second apply
        assertThat(f.executions.stored(order.requestId()).status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
        f.approvals.clock.advance(ExecutionFixture.LEASE.plusSeconds(1));
        f.cluster.alreadyApplied(true);
        assertThat(execute(order)).isInstanceOf(ExecuteApproved.Result.Executed.class);
        assertThat(f.cluster.applies()).hasSize(1);
        assertThat(f.verifications.scheduled()).hasSize(1);
        assertThat(f.approvals.stored(order.requestId()).status()).isEqualTo(ApprovalStatus.EXECUTED);
    }
}
