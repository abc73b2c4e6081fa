package io.awoooi.core.execution;

import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.shield.UnknownLabelException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyExecutionTest {
    private static final String INCIDENT = incidentId(9);
    private static final String REAL_NAMESPACE = "acme-payments";
    private static final String REAL_WORKLOAD = "ledger-writer-blue";
    private static final ProposedAction REAL_ACTION = new ProposedAction(ActionType.ROLLOUT_RESTART,
            Map.of("namespace", REAL_NAMESPACE, "workload", REAL_WORKLOAD));
    private static final TargetHealth UNHEALTHY = new TargetHealth(false,
            List.of("deployment " + REAL_NAMESPACE + "/" + REAL_WORKLOAD + ": 0/3 replicas ready"));
    private static final List<String> APPROVERS = List.of("alice", "bob", "erin");

    private final ExecutionFixture f = new ExecutionFixture();

    /** A MEDIUM rollout_restart on labels approved by alice, EXECUTED; the clock at its check's time. */
    private VerificationOrder executedByPeople() {
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD), "alice");
        return executed(order);
    }

    /** A LOW restart_pod approved by policy, EXECUTED; the clock at its check's time. */
    private VerificationOrder executedByPolicy() {
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPolicy(INCIDENT,
                f.labelledRestartPod(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD + "-7d9f8c6b5-x2kqp"));
        return executed(order);
    }

    private VerificationOrder executed(ExecutionOrder order) {
        assertThat(f.executeApproved().execute(order)).isInstanceOf(ExecuteApproved.Result.Executed.class);
        f.approvals.clock.advance(ExecutionFixture.VERIFICATION_DELAY);
        return f.verifications.scheduled().get(0).order();
    }

    private VerifyExecution.Result verify(VerificationOrder order) {
        return f.verifyExecution().verify(order);
    }

    private ApprovalRequest request(VerificationOrder order) {
        return f.approvals.stored(order.requestId());
    }

    private Operation op(ApprovalRequest request, String opKey) {
        return f.approvals.operations.find(ApprovalDesk.opIdFor(request, opKey))
                .orElseThrow(() -> new AssertionError("no operation " + opKey));
    }

    // ---------------------------------------------------------------- effective

    @Test
    void verify_healthyTarget_effectiveWrittenToTheRecordTheLogAndTheTrace() {
        // GIVEN an executed action whose target is healthy again, the incident still firing
        VerificationOrder order = executedByPeople();
        Instant now = f.approvals.clock.instant();

        // WHEN the check runs
        VerifyExecution.Result result = verify(order);

        // THEN it was EFFECTIVE, health read on the real target
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class, v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.EFFECTIVE);
            assertThat(v.evidence()).contains("the incident's alerts still fire", "3/3 replicas ready");
        });
        assertThat(f.cluster.healthAsks()).containsExactly(REAL_ACTION);
        // and the outcome is on the execution, once, with its time
        assertThat(f.executions.stored(order.requestId())).satisfies(r -> {
            assertThat(r.outcome()).contains(Outcome.EFFECTIVE);
            assertThat(r.verifiedAt()).contains(now);
            assertThat(r.status()).isEqualTo(ExecutionStatus.EXECUTED);
        });
        // and "verified" follows "executed" in the trail
        ApprovalRequest request = request(order);
        Operation verified = op(request, "verified");
        assertThat(verified.type()).isEqualTo("verified");
        assertThat(verified.parentOpId()).contains(op(request, "executed").opId());
        assertThat(verified.output()).containsEntry("outcome", "EFFECTIVE");
        // and the AI traces of the incident get the outcome
        assertThat(f.aiOutcomes.recorded())
                .containsExactly(new RecordingAiOutcomes.Recorded(INCIDENT, "EFFECTIVE", now));
        assertThat(f.notifiedOfKind("ineffective")).isEmpty();
        // and the approvers and operators hear that it helped, with the evidence and the labels only
        assertThat(f.notifiedOfKind("effective")).containsExactlyInAnyOrderElementsOf(APPROVERS);
        io.awoooi.core.notify.Notification told = f.approvals.channel.ofKind("effective").get(0).notification();
        assertThat(told.subject()).startsWith("[AWOOOI] Effective: ").contains(" helped — ");
        assertThat(told.text()).contains("evidence: 3/3 replicas ready").contains("Status: EXECUTED");
        assertThat(told.card().orElseThrow().tone()).isEqualTo(io.awoooi.core.notify.Card.Tone.GOOD);
    }

    @Test
    void verify_effectiveAfterPeopleApproved_trustGrowsByOneAudited() {
        // GIVEN a pattern with trust 2, an action of it people approved, executed and now healthy
        ProposedAction action = f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD);
        f.approvals.trust.set(ActionPattern.of(action), 2);
        f.incidentFiring(INCIDENT);
        VerificationOrder order = executed(f.approvedByPeople(INCIDENT, action, "alice"));

        // WHEN the check finds it EFFECTIVE
        verify(order);

        // THEN the pattern's trust is 3, and the change is audited after "verified"
        assertThat(f.approvals.trust.score(ActionPattern.of(action))).isEqualTo(3);
        ApprovalRequest request = request(order);
        Operation trust = op(request, "trust/up");
        assertThat(trust.type()).isEqualTo("trust_changed");
        assertThat(trust.parentOpId()).contains(op(request, "verified").opId());
        assertThat(trust.output()).containsEntry("before", "2").containsEntry("after", "3");
    }

    @Test
    void verify_effectiveAfterApprovalByPolicy_trustUnchanged() {
        // GIVEN an action approved by policy (nobody signed), with trust 2 in its pattern, now healthy
        VerificationOrder order = executedByPolicy();
        ActionPattern pattern = request(order).pattern();
        f.approvals.trust.set(pattern, 2);

        // WHEN the check finds it EFFECTIVE
        VerifyExecution.Result result = verify(order);

        // THEN trust is what it was: no approval by people to count
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class,
                v -> assertThat(v.outcome()).isEqualTo(Outcome.EFFECTIVE));
        assertThat(request(order).quorum().count()).isZero();
        assertThat(f.approvals.trust.score(pattern)).isEqualTo(2);
        assertThat(f.approvals.operations.ofType("trust_changed")).isEmpty();
    }

    @Test
    void verify_incidentResolvedTargetStillUnhealthy_effective() {
        // GIVEN an executed action; the incident's alerts resolved, the target reads unhealthy
        VerificationOrder order = executedByPeople();
        f.incidentResolved(INCIDENT);
        f.cluster.health(UNHEALTHY);

        // WHEN the check runs
        VerifyExecution.Result result = verify(order);

        // THEN the resolution is enough: EFFECTIVE
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class, v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.EFFECTIVE);
            assertThat(v.evidence()).contains("the incident's alerts resolved");
        });
        assertThat(f.executions.stored(order.requestId()).outcome()).contains(Outcome.EFFECTIVE);
    }

    // ---------------------------------------------------------------- ineffective

    @Test
    void verify_neitherResolvedNorHealthy_ineffectiveTrustResetAndApproversTold() {
        // GIVEN a pattern with trust 4 and an executed action of it that did not help
        ProposedAction action = f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD);
        f.approvals.trust.set(ActionPattern.of(action), 4);
        f.incidentFiring(INCIDENT);
        VerificationOrder order = executed(f.approvedByPeople(INCIDENT, action, "alice"));
        f.cluster.health(UNHEALTHY);

        // WHEN the check runs
        VerifyExecution.Result result = verify(order);

        // THEN it was INEFFECTIVE, on the execution, in the log and in the AI traces
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class,
                v -> assertThat(v.outcome()).isEqualTo(Outcome.INEFFECTIVE));
        assertThat(f.executions.stored(order.requestId()).outcome()).contains(Outcome.INEFFECTIVE);
        ApprovalRequest request = request(order);
        assertThat(op(request, "verified").output()).containsEntry("outcome", "INEFFECTIVE");
        assertThat(f.aiOutcomes.recorded()).extracting(RecordingAiOutcomes.Recorded::outcome)
                .containsExactly("INEFFECTIVE");
        // and trust is reset, audited after "verified"
        assertThat(f.approvals.trust.score(ActionPattern.of(action))).isZero();
        Operation trust = op(request, "trust/reset");
        assertThat(trust.type()).isEqualTo("trust_changed");
        assertThat(trust.parentOpId()).contains(op(request, "verified").opId());
        assertThat(trust.output()).containsEntry("before", "4").containsEntry("after", "0");
        // and the approvers are told
        assertThat(f.notifiedOfKind("ineffective")).containsExactlyInAnyOrderElementsOf(APPROVERS);
    }

    @Test
    void verify_ineffective_healthEvidenceKeepsLabelsEverywhere() {
        // GIVEN an executed action whose target's health names the real objects
        VerificationOrder order = executedByPeople();
        f.cluster.health(UNHEALTHY);

        // WHEN the check finds it INEFFECTIVE
        VerifyExecution.Result result = verify(order);

        // THEN the evidence carries the labels, and no real name reached the log, the notifications or
        // the result (bug: the health's evidence went out with the real names)
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class, v -> assertThat(
                v.evidence()).contains("deployment [NAMESPACE_1]/[DEPLOYMENT_1]: 0/3 replicas ready"));
        String written = f.everythingWritten(order.requestId()) + "\n" + result;
        assertThat(written).contains("[DEPLOYMENT_1]").doesNotContain(REAL_NAMESPACE).doesNotContain(REAL_WORKLOAD);
    }

    @Test
    void verify_ineffectiveAfterApprovalByPolicy_operatorsTold() {
        // GIVEN an action approved by policy (no links went out) that did not help
        VerificationOrder order = executedByPolicy();
        f.cluster.health(UNHEALTHY);

        // WHEN the check runs
        verify(order);

        // THEN the operators hear of it (bug: an ineffective automatic action was told to nobody)
        assertThat(f.notifiedOfKind("ineffective")).containsExactlyInAnyOrderElementsOf(APPROVERS);
    }

    // ---------------------------------------------------------------- once, and only after EXECUTED

    @Test
    void verify_secondTime_skippedAndNothingWrittenTwice() {
        // GIVEN an execution verified INEFFECTIVE once
        VerificationOrder order = executedByPeople();
        f.cluster.health(UNHEALTHY);
        verify(order);
        int operations = f.approvals.operations.all().size();
        int deliveries = f.approvals.channel.delivered().size();

        // WHEN the check is redelivered, the target healthy by now
        f.cluster.health(new TargetHealth(true, List.of()));
        VerifyExecution.Result again = verify(order);

        // THEN it is skipped: the first outcome stands, nothing is logged, traced or sent again
        assertThat(again).isInstanceOfSatisfying(VerifyExecution.Result.Skipped.class,
                s -> assertThat(s.why()).contains("INEFFECTIVE"));
        assertThat(f.executions.stored(order.requestId()).outcome()).contains(Outcome.INEFFECTIVE);
        assertThat(f.approvals.operations.all()).hasSize(operations);
        assertThat(f.approvals.channel.delivered()).hasSize(deliveries);
        assertThat(f.aiOutcomes.recorded()).hasSize(1);
    }

    @Test
    void verify_executionStillInProgress_throwsNotYetExecuted() {
        // GIVEN an execution an attempt holds IN_PROGRESS
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD), "alice");
        f.executions.claim(order.requestId(), INCIDENT, f.approvals.clock.instant(), ExecutionFixture.LEASE);

        // WHEN / THEN the check must come back later; nothing is read from the cluster or written
        assertThatThrownBy(() -> verify(new VerificationOrder(order.requestId(), INCIDENT)))
                .isInstanceOf(VerifyExecution.NotYetExecutedException.class);
        assertThat(f.cluster.healthAsks()).isEmpty();
        assertThat(f.approvals.operations.ofType("verified")).isEmpty();
    }

    @Test
    void verify_voidedExecution_skipped() {
        // GIVEN an execution VOIDED by the TOCTOU check
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD), "alice");
        f.dryRunner.answer(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "state-2"));
        assertThat(f.executeApproved().execute(order)).isInstanceOf(ExecuteApproved.Result.Voided.class);

        // WHEN a check arrives for it anyway
        VerifyExecution.Result result = verify(new VerificationOrder(order.requestId(), INCIDENT));

        // THEN it is skipped: nothing ran, so there is nothing to judge
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Skipped.class,
                s -> assertThat(s.why()).contains("VOIDED"));
        assertThat(f.cluster.healthAsks()).isEmpty();
        assertThat(f.executions.stored(order.requestId()).outcome()).isEmpty();
        assertThat(f.aiOutcomes.recorded()).isEmpty();
    }

    @Test
    void verify_failedExecution_skipped() {
        // GIVEN an execution the API server refused
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, REAL_NAMESPACE, REAL_WORKLOAD), "alice");
        f.cluster.nextApply(new ActionResult.Refused(404, "not found"));
        assertThat(f.executeApproved().execute(order)).isInstanceOf(ExecuteApproved.Result.Failed.class);

        // WHEN a check arrives for it anyway
        VerifyExecution.Result result = verify(new VerificationOrder(order.requestId(), INCIDENT));

        // THEN it is skipped, and trust is not touched
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Skipped.class,
                s -> assertThat(s.why()).contains("FAILED"));
        assertThat(f.cluster.healthAsks()).isEmpty();
        assertThat(f.approvals.operations.ofType("trust_changed")).isEmpty();
    }

    @Test
    void verify_noExecutionRecord_skipped() {
        // GIVEN / WHEN a check for a request never executed
        VerifyExecution.Result result = verify(new VerificationOrder("apr_00000000000000000000000000", INCIDENT));

        // THEN it is skipped
        assertThat(result).isInstanceOf(VerifyExecution.Result.Skipped.class);
        assertThat(f.cluster.healthAsks()).isEmpty();
    }

    // ---------------------------------------------------------------- what may fail around it

    @Test
    void verify_aiOutcomesUnavailable_theCheckStands() {
        // GIVEN an executed action, and an AI traces store that fails
        VerificationOrder order = executedByPeople();
        f.aiOutcomes.failNextCalls.set(1);

        // WHEN the check runs
        VerifyExecution.Result result = verify(order);

        // THEN the outcome is written and audited, and trust moves, all the same
        assertThat(result).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class,
                v -> assertThat(v.outcome()).isEqualTo(Outcome.EFFECTIVE));
        assertThat(f.aiOutcomes.attempts()).isEqualTo(1);
        assertThat(f.aiOutcomes.recorded()).isEmpty();
        assertThat(f.executions.stored(order.requestId()).outcome()).contains(Outcome.EFFECTIVE);
        assertThat(f.approvals.operations.ofType("verified")).hasSize(1);
        assertThat(f.approvals.trust.score(request(order).pattern())).isEqualTo(1);
    }

    @Test
    void verify_vaultNoLongerKnowsALabel_healthReadOnTheLabelledAction() {
        // GIVEN an executed action, and a rehydration that no longer finds its labels
        VerificationOrder order = executedByPeople();
        VerifyExecution check = new VerifyExecution(f.approvals.desk().ledger(), f.approvals.desk().notices(),
                f.executions, f.incidents, f.cluster,
                (incidentId, text) -> {
                    throw new UnknownLabelException(incidentId, text);
                }, f.aiOutcomes);

        // WHEN the check runs
        VerifyExecution.Result result = check.verify(order);

        // THEN it still concludes, the health read on the labelled action (bug: the exception escaped and the
        // check was retried for ever)
        assertThat(result).isInstanceOf(VerifyExecution.Result.Verified.class);
        assertThat(f.cluster.healthAsks()).containsExactly(request(order).action());
    }

    @Test
    void verify_clusterUnreachable_propagatesAndWritesNothing() {
        // GIVEN an executed action, and a cluster that cannot be read
        VerificationOrder order = executedByPeople();
        f.cluster.healthFails(new io.awoooi.core.failure.TopologyUnavailableException("injected", null));

        // WHEN / THEN the check fails to be retried; no outcome was written, so the retry can conclude
        assertThatThrownBy(() -> verify(order))
                .isInstanceOf(io.awoooi.core.failure.TopologyUnavailableException.class);
        assertThat(f.executions.stored(order.requestId()).outcome()).isEmpty();
        f.cluster.health(new TargetHealth(true, List.of()));
        assertThat(verify(order)).isInstanceOf(VerifyExecution.Result.Verified.class);
    }
}
