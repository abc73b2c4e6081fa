package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.BASE_URL;
import static io.awoooi.core.approval.ApprovalFixture.NOW;
import static io.awoooi.core.approval.ApprovalFixture.analysis;
import static io.awoooi.core.approval.ApprovalFixture.deleteNamespace;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static io.awoooi.core.approval.ApprovalFixture.rolloutRestart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import io.awoooi.core.notify.RecordingChannel;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestApprovalTest {
    private static final String INCIDENT = incidentId(1);

    private final ApprovalFixture f = new ApprovalFixture();
    private final StaticDryRunner dryRunner = StaticDryRunner.passing();

    private RequestApproval.Outcome request(ProposedAction action) {
        return f.requestApproval(dryRunner).request(analysis(INCIDENT, action, 1));
    }

    private static ApprovalRequest requested(RequestApproval.Outcome outcome) {
        assertThat(outcome).isInstanceOf(RequestApproval.Outcome.Requested.class);
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    private List<String> linkRecipients() {
        return f.channel.ofKind("approval_requested").stream().map(RecordingChannel.Delivered::address).toList();
    }

    // ---------------------------------------------------------------- requests that need signatures

    @Test
    void request_highRisk_sendsOwnLinkToEveryEligibleApprover() {
        // GIVEN a HIGH action (delete_pvc) and the demo directory (alice devops, bob sre, erin admin, carol cto,
        // dave ciso)
        // WHEN the analysis asks for approval
        ApprovalRequest r = requested(request(deletePvc("data-postgres-0")));

        // THEN each operator got one link of their own, the CTO and the CISO none
        assertThat(linkRecipients()).containsExactlyInAnyOrder("alice", "bob", "erin");
        assertThat(r.notified()).containsExactly("alice", "bob", "erin");
        for (String approver : List.of("alice", "bob", "erin")) {
            Notification n = f.channel.to(approver).get(0);
            // "Approve & execute" opens the page at its buttons, "Reject" at the reject form
            assertThat(n.links()).extracting(io.awoooi.core.notify.Link::label)
                    .containsExactly("Approve & execute", "Reject");
            assertThat(n.links().get(0).url()).startsWith(BASE_URL + "/v1/approvals/" + r.id() + "?t=v1.");
            assertThat(n.links().get(1).url()).isEqualTo(n.links().get(0).url() + "#reject");
            LinkVerdict verdict = f.signer.verify(f.tokenSentTo(approver));
            assertThat(verdict).isInstanceOf(LinkVerdict.Valid.class);
            LinkClaims claims = ((LinkVerdict.Valid) verdict).claims();
            assertThat(claims.approverId()).isEqualTo(approver);
            assertThat(claims.requestId()).isEqualTo(r.id());
            assertThat(claims.actionHash()).isEqualTo(ApprovalRequest.hashOf(deletePvc("data-postgres-0")));
            assertThat(claims.expiresAt()).isEqualTo(r.expiresAt());
        }
        assertThat(f.tokenSentTo("alice")).isNotEqualTo(f.tokenSentTo("bob"));
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void request_highRisk_linkShowsTheRequestToItsApproverOnly() {
        // GIVEN a HIGH request with its links sent
        ApprovalRequest r = requested(request(deletePvc("data-postgres-0")));
        DecideApproval decide = f.decideApproval();

        // WHEN alice's and bob's links are opened
        DecideApproval.Result alice = decide.view(r.id(), f.tokenSentTo("alice"));
        DecideApproval.Result bob = decide.view(r.id(), f.tokenSentTo("bob"));

        // THEN each link is its own approver's
        assertThat(alice).isInstanceOf(DecideApproval.Result.Shown.class);
        assertThat(((DecideApproval.Result.Shown) alice).approver().id()).isEqualTo("alice");
        assertThat(((DecideApproval.Result.Shown) bob).approver().id()).isEqualTo("bob");
    }

    @Test
    void request_highRisk_isStoredPendingFor30Minutes() {
        // GIVEN / WHEN a HIGH action is requested
        ApprovalRequest r = requested(request(deletePvc("data-postgres-0")));

        // THEN it is stored PENDING, one per incident, expiring after the default 30 minutes
        ApprovalRequest stored = f.stored(ApprovalRequest.idFor(INCIDENT));
        assertThat(stored).isEqualTo(r);
        assertThat(stored.id()).isEqualTo(ApprovalRequest.idFor(INCIDENT)).matches("apr_[0-9a-f]{26}");
        assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(stored.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(stored.quorum()).isEqualTo(Quorum.forLevel(RiskLevel.HIGH));
        assertThat(stored.trust()).isZero();
        assertThat(stored.pattern().value()).isEqualTo("delete_pvc:shop/data-postgres-0");
        assertThat(stored.dispatched()).isFalse();
        assertThat(stored.reason()).isEmpty();
        // the dry-run ran once, and the blast radius check was added to it
        assertThat(dryRunner.calls()).isEqualTo(1);
        assertThat(stored.dryRun().checks()).extracting(DryRunCheck::name).contains("rbac", "exists", "blast_radius");
    }

    @Test
    void request_highRisk_logsApprovalRequestedChainedToAnalyzed() {
        // GIVEN / WHEN a HIGH action is requested
        Analysis a = analysis(INCIDENT, deletePvc("data-postgres-0"), 1);
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(a));

        // THEN the incident's trail has approval_requested, following the analysis, with counts and ids only
        List<Operation> trail = f.operations.trail(INCIDENT);
        assertThat(trail).extracting(Operation::type).containsExactly("approval_requested");
        Operation op = trail.get(0);
        assertThat(op.opId()).isEqualTo(ApprovalDesk.opIdFor(r, "requested"));
        assertThat(op.parentOpId()).contains(Operation.idFor(a.notificationKey(), "analyzed"));
        assertThat(op.actor()).isEqualTo("analysis");
        assertThat(op.output()).containsEntry("request", r.id()).containsEntry("risk", "HIGH")
                .containsEntry("signaturesNeeded", "2").containsEntry("trust", "0");
        assertThat(op.input()).containsEntry("action", "delete_pvc");
    }

    @Test
    void request_criticalRisk_linksGoToTheCtoAndTheCisoOnly() {
        // GIVEN / WHEN a CRITICAL action is requested
        ApprovalRequest r = requested(request(deleteNamespace("shop")));

        // THEN only carol (cto) and dave (ciso) can sign it
        assertThat(r.quorum()).isEqualTo(Quorum.forLevel(RiskLevel.CRITICAL));
        assertThat(linkRecipients()).containsExactlyInAnyOrder("carol", "dave");
    }

    @Test
    void request_criticalWithHugeTrust_stillNeedsTheCtoAndTheCiso() {
        // GIVEN a CRITICAL pattern approved a thousand times
        f.trust.set(ActionPattern.of(deleteNamespace("shop")), 1000);

        // WHEN it is requested
        ApprovalRequest r = requested(request(deleteNamespace("shop")));

        // THEN CRITICAL never downgrades
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(r.trust()).isEqualTo(1000);
        assertThat(r.quorum()).isEqualTo(Quorum.forLevel(RiskLevel.CRITICAL));
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void request_mediumWithTrust4_needsOneSignature() {
        // GIVEN a MEDIUM pattern approved 4 times
        f.trust.set(ActionPattern.of(rolloutRestart("order-api")), 4);

        // WHEN it is requested
        ApprovalRequest r = requested(request(rolloutRestart("order-api")));

        // THEN it waits for one operator
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(r.quorum()).isEqualTo(Quorum.forLevel(RiskLevel.MEDIUM));
        assertThat(linkRecipients()).containsExactlyInAnyOrder("alice", "bob", "erin");
    }

    @Test
    void request_highWithTrust10_needsWhatMediumNeeds() {
        // GIVEN a HIGH pattern approved 10 times
        f.trust.set(ActionPattern.of(deletePvc("data-postgres-0")), 10);

        // WHEN it is requested
        ApprovalRequest r = requested(request(deletePvc("data-postgres-0")));

        // THEN the risk shown stays HIGH but one operator's approval is enough
        assertThat(r.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(r.trust()).isEqualTo(10);
        assertThat(r.quorum()).isEqualTo(Quorum.forLevel(RiskLevel.MEDIUM));
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(linkRecipients()).containsExactlyInAnyOrder("alice", "bob", "erin");
        assertThat(f.channel.to("alice").get(0).text()).contains("Needs: 1 approval from admin, devops or sre");
    }

    @Test
    void request_trustStoreUnavailable_needsTheFullQuorum() {
        // GIVEN a MEDIUM pattern with trust 5, but the trust store cannot be read
        f.trust.set(ActionPattern.of(rolloutRestart("order-api")), 5);
        f.trust.failNextCalls.set(1);

        // WHEN it is requested
        ApprovalRequest r = requested(request(rolloutRestart("order-api")));

        // THEN it is not run on trust nobody could read: one signature is needed
        assertThat(r.trust()).isZero();
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void request_largeBlastRadius_raisesTheRiskAndSaysWhy() {
        // GIVEN a LOW restart whose target 5 services depend on
        Analysis a = analysis(INCIDENT, restartPod("order-api-7d9f8c6b5-x2kqp"), 5);

        // WHEN it is requested
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(a));

        // THEN it is MEDIUM and waits for an operator, who is told why
        assertThat(r.risk().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(f.channel.to("alice").get(0).text()).contains("blast_radius").contains("Risk: MEDIUM");
    }

    @Test
    void request_restartOfADatabaseRootCause_isRaised() {
        // GIVEN a restart of the postgres-db StatefulSet's pod, postgres-db being the DATABASE root cause
        Analysis a = analysis(INCIDENT, restartPod("postgres-db-0"), 1, "postgres-db crash-loops",
                List.of(new RootCause(new ServiceId("shop", "postgres-db"), ComponentKind.DATABASE, 1,
                        List.of("CrashLoopBackOff"))));

        // WHEN it is requested
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(a));

        // THEN the risk is raised for the stateful component
        assertThat(RequestApproval.targetKind(restartPod("postgres-db-0"), a.findings().rootCauses()))
                .isEqualTo(ComponentKind.DATABASE);
        assertThat(r.risk().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(r.risk().reasons()).contains("raised: it disrupts a stateful component (a database)");
    }

    // ---------------------------------------------------------------- requests approved by policy

    @Test
    void request_lowRisk_isApprovedByPolicyAndSentToTheExecutor() {
        // GIVEN / WHEN a LOW action (restart_pod) is requested
        ApprovalRequest r = requested(request(restartPod("order-api-7d9f8c6b5-x2kqp")));

        // THEN it is APPROVED by policy, on the executions queue once, dispatched, and no link was made
        assertThat(r.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(r.reason()).contains("LOW risk needs no signature");
        ApprovalRequest stored = f.stored(r.id());
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.dispatched()).isTrue();
        assertThat(stored.notified()).isEmpty();
        assertThat(f.executions.attempts()).hasSize(1);
        ExecutionOrder order = f.executions.orders().get(0);
        assertThat(order.requestId()).isEqualTo(r.id());
        assertThat(order.incidentId()).isEqualTo(INCIDENT);
        assertThat(order.action()).isEqualTo(restartPod("order-api-7d9f8c6b5-x2kqp"));
        assertThat(order.actionHash()).isEqualTo(r.actionHash());
        assertThat(order.stateFingerprint()).isEqualTo("state-1");
        assertThat(f.channel.ofKind("approval_requested")).isEmpty();
    }

    @Test
    void request_lowRisk_tellsTheOperatorsFyiWithoutLinks() {
        // GIVEN / WHEN a LOW action is requested
        request(restartPod("order-api-7d9f8c6b5-x2kqp"));

        // THEN the operators (not the CTO or the CISO) get an FYI with no button
        List<RecordingChannel.Delivered> fyi = f.channel.ofKind("auto_execution");
        assertThat(fyi).extracting(RecordingChannel.Delivered::address).containsExactlyInAnyOrder("alice", "bob",
                "erin");
        assertThat(fyi).allSatisfy(d -> {
            assertThat(d.notification().links()).isEmpty();
            assertThat(d.notification().incidentId()).isEqualTo(INCIDENT);
            assertThat(d.notification().text()).contains("Restart pod order-api-7d9f8c6b5-x2kqp in shop");
        });
        assertThat(f.channel.delivered()).hasSize(3);
    }

    @Test
    void request_lowRisk_logsRequestedThenApprovedByPolicy() {
        // GIVEN / WHEN a LOW action is requested
        ApprovalRequest r = requested(request(restartPod("order-api-7d9f8c6b5-x2kqp")));

        // THEN the trail reads approval_requested -> approved (by the policy)
        List<Operation> trail = f.operations.trail(INCIDENT);
        assertThat(trail).extracting(Operation::type).containsExactly("approval_requested", "approved");
        assertThat(trail.get(1).actor()).isEqualTo("policy");
        assertThat(trail.get(1).parentOpId()).contains(ApprovalDesk.opIdFor(r, "requested"));
    }

    @Test
    void request_lowRiskChosenByTheModel_needsOneHumanSignature() {
        // GIVEN a LOW action the model chose (a model's choice never runs on its own)
        Analysis base = analysis(INCIDENT, restartPod("order-api-7d9f8c6b5-x2kqp"), 1);
        Analysis byModel = new Analysis(base.incidentId(), base.notificationKey(), base.findings(), base.summary(),
                base.hypotheses(), "ollama", base.proposedAction(), "llm", false, base.analyzedAt(), true,
                Optional.empty());

        // WHEN it is requested
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(byModel));

        // THEN it waits for one operator, says why, and nothing went to the executor
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(r.quorum().count()).isEqualTo(1);
        assertThat(r.risk().reasons()).anySatisfy(why -> assertThat(why).contains("the model chose this action"));
        assertThat(f.executions.orders()).isEmpty();
        assertThat(f.channel.ofKind("approval_requested")).isNotEmpty();
    }

    @Test
    void request_trustedPatternChosenByTheModel_stillNeedsAHuman() {
        // GIVEN a MEDIUM pattern trusted enough to run on its own, but chosen by the model
        f.trust.set(ActionPattern.of(rolloutRestart("order-api")), 50);
        Analysis base = analysis(INCIDENT, rolloutRestart("order-api"), 1);
        Analysis byModel = new Analysis(base.incidentId(), base.notificationKey(), base.findings(), base.summary(),
                base.hypotheses(), "bedrock", base.proposedAction(), "llm", false, base.analyzedAt(), true,
                Optional.empty());

        // WHEN it is requested THEN one operator still signs
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(byModel));
        assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(r.quorum().automatic()).isFalse();
        assertThat(f.executions.orders()).isEmpty();
    }

    @Test
    void request_mediumWithTrust5_isApprovedByPolicyOnTrust() {
        // GIVEN a MEDIUM pattern approved 5 times
        f.trust.set(ActionPattern.of(rolloutRestart("order-api")), 5);

        // WHEN it is requested
        ApprovalRequest r = requested(request(rolloutRestart("order-api")));

        // THEN nobody needs to sign: approved by policy, on the queue, operators told why
        assertThat(r.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(r.risk().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(r.quorum().automatic()).isTrue();
        assertThat(r.reason()).hasValueSatisfying(why -> assertThat(why).contains("trust 5"));
        assertThat(f.executions.orders()).hasSize(1);
        assertThat(f.channel.ofKind("auto_execution")).hasSize(3);
        assertThat(f.channel.ofKind("approval_requested")).isEmpty();
    }

    @Test
    void request_lowRiskQueueUnavailable_staysApprovedAndTheRepeatDispatchesOnce() {
        // GIVEN a LOW action, and an executions queue that fails once
        f.executions.failNextCalls.set(1);
        Analysis a = analysis(INCIDENT, restartPod("order-api-7d9f8c6b5-x2kqp"), 1);

        // WHEN it is requested (the queue fails) and the analysis is redelivered
        assertThatThrownBy(() -> f.requestApproval(dryRunner).request(a)).isInstanceOf(QueueUnavailableException.class);
        ApprovalRequest afterFailure = f.stored(ApprovalRequest.idFor(INCIDENT));
        RequestApproval.Outcome repeat = f.requestApproval(dryRunner).request(a);

        // THEN the failure left it APPROVED and undispatched; the repeat sent it, once, without a second FYI
        assertThat(afterFailure.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(afterFailure.dispatched()).isFalse();
        assertThat(repeat).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(f.stored(afterFailure.id()).dispatched()).isTrue();
        assertThat(f.executions.orders()).hasSize(1);
        assertThat(f.executions.attempts()).hasSize(2);
        assertThat(f.channel.ofKind("auto_execution")).hasSize(3);
    }

    // ---------------------------------------------------------------- no request

    @Test
    void request_nonOverridableDryRunFailure_isBlockedWithoutRequestOrNotification() {
        // GIVEN a dry-run whose "exists" check failed in a way nobody may override
        dryRunner.answer(new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed"),
                DryRunCheck.fail("exists", "the claim does not exist", false)), "state-1"));
        Analysis a = analysis(INCIDENT, deletePvc("data-postgres-0"), 1);

        // WHEN it is requested
        RequestApproval.Outcome outcome = f.requestApproval(dryRunner).request(a);

        // THEN it is blocked: nothing stored, nobody asked, nothing queued, the trail says why, and the
        // operators are told that a person has to act (no button: there is nothing to approve)
        assertThat(outcome).isInstanceOf(RequestApproval.Outcome.Blocked.class);
        assertThat(((RequestApproval.Outcome.Blocked) outcome).dryRun().blocked()).isTrue();
        assertThat(f.store.requestCount()).isZero();
        assertThat(f.channel.ofKind("approval_requested")).isEmpty();
        assertThat(f.channel.ofKind("diagnosis")).extracting(RecordingChannel.Delivered::address)
                .containsExactlyInAnyOrder("alice", "bob", "erin");
        assertThat(f.channel.ofKind("diagnosis")).allSatisfy(d -> {
            assertThat(d.notification().links()).isEmpty();
            assertThat(d.notification().text()).contains("blocked by its dry-run: exists: the claim does not exist");
        });
        assertThat(f.executions.attempts()).isEmpty();
        List<Operation> trail = f.operations.trail(INCIDENT);
        assertThat(trail).extracting(Operation::type).containsExactly("approval_blocked", "needs_a_person");
        assertThat(trail.get(0).output()).containsEntry("failedChecks", "exists");
        assertThat(trail.get(0).parentOpId()).contains(Operation.idFor(a.notificationKey(), "analyzed"));
    }

    @Test
    void request_lowRiskBlocked_isNotApprovedByPolicy() {
        // GIVEN a LOW action whose RBAC check failed for good
        dryRunner.answer(new DryRunReport(List.of(DryRunCheck.fail("rbac", "forbidden", false)), "state-1"));

        // WHEN it is requested
        RequestApproval.Outcome outcome = request(restartPod("order-api-7d9f8c6b5-x2kqp"));

        // THEN no policy approval goes around the block; the operators hear that a person must act
        assertThat(outcome).isInstanceOf(RequestApproval.Outcome.Blocked.class);
        assertThat(f.executions.attempts()).isEmpty();
        assertThat(f.channel.ofKind("auto_execution")).isEmpty();
        assertThat(f.channel.delivered()).extracting(d -> d.notification().kind()).containsOnly("diagnosis");
    }

    @Test
    void request_noProposedAction_isNoProposal() {
        // GIVEN / WHEN an analysis that proposes nothing
        RequestApproval.Outcome outcome = request(null);

        // THEN nothing happens at all
        assertThat(outcome).isInstanceOf(RequestApproval.Outcome.NoProposal.class);
        assertThat(dryRunner.calls()).isZero();
        assertThat(f.store.requestCount()).isZero();
        assertThat(f.channel.attempts()).isZero();
    }

    @Test
    void request_diagnosisWithoutAFix_toldToTheOperatorsOnceWithTheHumanStep() {
        // GIVEN a diagnosis with no fix AWOOOI may run (a missing Secret: a person restores it)
        io.awoooi.core.diagnosis.Diagnosis d = new io.awoooi.core.diagnosis.Diagnosis(
                io.awoooi.core.diagnosis.DiagnosisKind.MISSING_CONFIG, Optional.of(new ServiceId("shop", "order-api")),
                "order-api: Secret db-credentials does not exist", List.of("order-api-1: CreateContainerConfigError"),
                Optional.empty(), List.of(), true, Optional.of("restore Secret db-credentials in shop"));
        Analysis base = analysis(INCIDENT, null, 2);
        Analysis a = new Analysis(base.incidentId(), base.notificationKey(), base.findings(), base.summary(),
                base.hypotheses(), base.narrator(), Optional.empty(), "deterministic", false, base.analyzedAt(), true,
                Optional.of(d));
        AlertFacts alerts = AlertFacts.of(ApprovalCardTest.alerts(), java.util.Map.of());

        // WHEN it is analyzed, and analyzed again (a repeated notification of the same incident)
        RequestApproval.Outcome first = f.requestApproval(dryRunner).request(a, alerts);
        RequestApproval.Outcome again = f.requestApproval(dryRunner).request(a, alerts);

        // THEN nobody is asked to approve anything, but the on-call operators (not the CTO or the CISO) are
        // told once what is wrong and what a person should do
        assertThat(first).isInstanceOf(RequestApproval.Outcome.NoProposal.class);
        assertThat(again).isInstanceOf(RequestApproval.Outcome.NoProposal.class);
        assertThat(f.store.requestCount()).isZero();
        List<RecordingChannel.Delivered> told = f.channel.ofKind("diagnosis");
        assertThat(told).extracting(RecordingChannel.Delivered::address).containsExactlyInAnyOrder("alice", "bob",
                "erin");
        Notification n = told.get(0).notification();
        assertThat(n.subject()).isEqualTo("[AWOOOI] Needs a person: frontend 5xx rate > 15% — a missing Secret or"
                + " ConfigMap");
        assertThat(n.links()).isEmpty();
        assertThat(n.text()).contains("⚠ No fix will run\n- AWOOOI has no safe fix for a missing Secret or ConfigMap")
                .contains("What a person should do\n- restore Secret db-credentials in shop")
                .contains("order-api: Secret db-credentials does not exist")
                .contains("evidence: order-api-1: CreateContainerConfigError")
                .contains("Blast radius\n- 2 services depend on it: caller-1 and caller-2 in shop")
                .contains("Runbook: https://runbooks.example/5xx");
        assertThat(n.card().orElseThrow().tone()).isEqualTo(io.awoooi.core.notify.Card.Tone.DANGER);
        assertThat(f.operations.trail(INCIDENT)).extracting(Operation::type).containsExactly("needs_a_person");
    }

    // ---------------------------------------------------------------- repeats

    @Test
    void request_repeatedAnalysis_isExistingAndSendsNothingTwice() {
        // GIVEN a HIGH request whose links went out
        ApprovalRequest first = requested(request(deletePvc("data-postgres-0")));
        int delivered = f.channel.delivered().size();

        // WHEN the analysis is redelivered (even with a different proposal)
        RequestApproval.Outcome again = request(deletePvc("data-postgres-0"));
        RequestApproval.Outcome other = request(rolloutRestart("order-api"));

        // THEN the request is found, nothing is sent again, no second dry-run or request
        assertThat(again).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(((RequestApproval.Outcome.Existing) again).request()).isEqualTo(first);
        assertThat(other).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(f.channel.delivered()).hasSize(delivered);
        assertThat(dryRunner.calls()).isEqualTo(1);
        assertThat(f.store.requestCount()).isEqualTo(1);
    }

    @Test
    void request_repeatedLowRisk_dispatchesAndTellsOnce() {
        // GIVEN a LOW request approved by policy and dispatched
        request(restartPod("order-api-7d9f8c6b5-x2kqp"));

        // WHEN the analysis is redelivered
        RequestApproval.Outcome again = request(restartPod("order-api-7d9f8c6b5-x2kqp"));

        // THEN one order, one FYI per operator
        assertThat(again).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(f.executions.attempts()).hasSize(1);
        assertThat(f.channel.ofKind("auto_execution")).hasSize(3);
    }

    /** What a Lambda that dies mid-invocation looks like from inside: nothing after this line runs. */
    private static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    @Test
    void request_interruptedBeforeTheLinks_sendsThemOnTheRepeat() {
        // GIVEN an operation log whose first approval_requested write kills the invocation, i.e. a crash
        // right after the request was stored and before any link went out
        OperationLog crashing = new OperationLog() {
            private boolean crashed;

            @Override
            public void append(Operation operation) {
                if (!crashed && operation.type().equals("approval_requested")) {
                    crashed = true;
                    throw new Crash();
                }
                f.operations.append(operation);
            }

            @Override
            public List<Operation> trail(String incidentId) {
                return f.operations.trail(incidentId);
            }
        };
        ApprovalDesk crashingDesk = ApprovalDesk.of(f.store, f.directory, f.signer,
                Optional.of(URI.create(BASE_URL)), new Notifier(List.of(f.channel)), f.executions,
                f.trust, crashing, (id, text) -> {
                }, f.clock);
        Analysis a = analysis(INCIDENT, deletePvc("data-postgres-0"), 1);
        assertThatThrownBy(() -> new RequestApproval(crashingDesk, dryRunner, new RiskPolicy(),
                ApprovalDesk.DEFAULT_TTL).request(a)).isInstanceOf(Crash.class);
        assertThat(f.stored(ApprovalRequest.idFor(INCIDENT)).notified()).isEmpty();
        assertThat(f.channel.attempts()).isZero();

        // WHEN the analysis is redelivered a minute later
        f.clock.advance(Duration.ofMinutes(1));
        RequestApproval.Outcome repeat = f.requestApproval(dryRunner).request(a);

        // THEN the links go out now, one per eligible approver, and are recorded
        assertThat(repeat).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(linkRecipients()).containsExactlyInAnyOrder("alice", "bob", "erin");
        assertThat(f.stored(ApprovalRequest.idFor(INCIDENT)).notified()).containsExactly("alice", "bob", "erin");
        assertThat(f.signer.verify(f.tokenSentTo("alice"))).isInstanceOf(LinkVerdict.Valid.class);
        // and a third delivery sends nothing more
        f.requestApproval(dryRunner).request(a);
        assertThat(linkRecipients()).hasSize(3);
    }

    @Test
    void request_interruptedAndRepeatedAfterExpiry_sendsNoDeadLinks() {
        // GIVEN a HIGH request stored but never announced (its links were never sent)
        ApprovalRequest stored = ApprovalFixture.pending(INCIDENT, deletePvc("data-postgres-0"), NOW);
        f.store.create(stored);

        // WHEN the analysis is redelivered after the request expired
        f.clock.set(stored.expiresAt().plusSeconds(1));
        RequestApproval.Outcome repeat = request(deletePvc("data-postgres-0"));

        // THEN nobody gets a link that could not work
        assertThat(repeat).isInstanceOf(RequestApproval.Outcome.Existing.class);
        assertThat(f.channel.attempts()).isZero();
    }

    // ---------------------------------------------------------------- what notifications say

    @Test
    void request_notificationText_carriesOnlyWhatTheAnalysisHad() {
        // GIVEN an analysis whose summary mentions a pseudonymized IP
        Analysis a = analysis(INCIDENT, deletePvc("data-postgres-0"), 1);

        // WHEN approval is requested
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(a));

        // THEN the text has the labels, the action and the facts, and nothing about the people
        Notification n = f.channel.to("alice").get(0);
        assertThat(n.kind()).isEqualTo("approval_requested");
        assertThat(n.incidentId()).isEqualTo(INCIDENT);
        assertThat(n.subject()).isEqualTo("[AWOOOI] HIGH: Incident " + INCIDENT
                + " — delete volume claim data-postgres-0 needs 2 approvals");
        assertThat(n.text()).contains("[IP_1]:5432").contains(a.summary())
                .contains("Delete volume claim data-postgres-0 in shop (its data may be lost)")
                .contains("delete_pvc(namespace=shop, pvc=data-postgres-0)")
                .contains("Root cause\n- shop/order-api (service)")
                .contains("Needs: 2 approvals from admin, devops or sre")
                .contains("[ ] alice (devops)\n[ ] bob (sre)\n[ ] erin (admin)")
                .contains("Expires: " + io.awoooi.core.HumanTime.at(r.expiresAt()) + " (in 30 min)");
        for (Approver p : f.directory.all()) {
            assertThat(n.subject() + n.text()).doesNotContain(p.name()).doesNotContain(p.handle("email").orElseThrow());
        }
        // the guard saw what went out (links aside: a token is not text from the incident)
        assertThat(f.guarded).anySatisfy(g -> assertThat(g).startsWith(INCIDENT + "\n").contains("[IP_1]:5432"));
        assertThat(f.guarded).noneMatch(g -> g.contains("?t=v1."));
    }

    @Test
    void request_realLeakGuardOnCleanAnalysis_letsEveryNotificationThrough() {
        // GIVEN the Privacy Shield's leak guard, and analyses built from pseudonymized input only
        List<LeakGuard.LeakReport> blocked = new ArrayList<>();
        LeakGuard guard = new LeakGuard(new PiiScanner(), blocked::add, f.clock);
        f.guard = (incident, text) -> guard.check("notification", incident, text);

        // WHEN a HIGH request and a LOW one are made
        request(deletePvc("data-postgres-0"));
        f.requestApproval(dryRunner).request(analysis(incidentId(2), restartPod("order-api-7d9f8c6b5-x2kqp"), 1));

        // THEN our own words (ids, timestamps, names, labels) are not mistaken for personal data
        assertThat(blocked).isEmpty();
        assertThat(f.channel.ofKind("approval_requested")).hasSize(3);
        assertThat(f.channel.ofKind("auto_execution")).hasSize(3);
    }

    @Test
    void request_leakGuardBlocks_stopsTheNotificationButNotTheRequest() {
        // GIVEN the real leak guard, and an analysis whose summary still carries a raw IP and an address
        List<LeakGuard.LeakReport> blocked = new ArrayList<>();
        LeakGuard guard = new LeakGuard(new PiiScanner(), blocked::add, f.clock);
        f.guard = (incident, text) -> guard.check("notification", incident, text);
        Analysis leaky = analysis(INCIDENT, deletePvc("data-postgres-0"), 1,
                "order-api cannot reach 10.42.7.19 (owner jane.doe@example.org)", List.of());

        // WHEN approval is requested
        ApprovalRequest r = requested(f.requestApproval(dryRunner).request(leaky));

        // THEN nothing was delivered, the block was audited, and the request stands, waiting
        assertThat(f.channel.attempts()).isZero();
        assertThat(blocked).hasSize(3).allSatisfy(b -> assertThat(b.incidentId()).isEqualTo(INCIDENT));
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(f.operations.trail(INCIDENT)).extracting(Operation::type).containsExactly("approval_requested");
    }

    @Test
    void request_channelFails_neverFailsTheRequest() {
        // GIVEN a channel that fails on every delivery
        f.channel.failNextCalls.set(Integer.MAX_VALUE);

        // WHEN approval is requested
        ApprovalRequest r = requested(request(deletePvc("data-postgres-0")));

        // THEN the request is stored and recorded as announced (a notification is a courtesy)
        assertThat(f.channel.attempts()).isEqualTo(3);
        assertThat(f.stored(r.id()).notified()).containsExactly("alice", "bob", "erin");
    }

    @Test
    void constructor_nonPositiveTtl_isRefused() {
        // GIVEN / WHEN / THEN a request that expires as it is made makes no sense
        assertThatThrownBy(() -> new RequestApproval(f.desk(), dryRunner, new RiskPolicy(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestApproval(f.desk(), dryRunner, new RiskPolicy(), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ApprovalDesk.DEFAULT_TTL).isEqualTo(Duration.ofMinutes(30));
    }
}
