package io.awoooi.core.execution;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.approval.RequestApproval;
import io.awoooi.core.approval.StaticDryRunner;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.RecordingChannel;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.InMemoryVaultStore;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.LocalKeyRing;
import io.awoooi.core.shield.Rehydrator;
import io.awoooi.core.shield.Vault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the executor's use cases run on, in memory, on top of an {@link ApprovalFixture}
 * (its clock, approval store, trust, channel and operation log): execution records, a fake
 * cluster, the dry-runner the approval used, the verification queue, AI outcomes, incidents, and
 * a real {@link Vault} (local key ring, in-memory table) behind the {@link Rehydrator}.
 */
public final class ExecutionFixture {
    public static final Duration VERIFICATION_DELAY = Duration.ofMinutes(5);
    public static final Duration LEASE = ExecuteApproved.DEFAULT_LEASE;

    public final ApprovalFixture approvals = new ApprovalFixture();
    public final InMemoryExecutionStore executions = new InMemoryExecutionStore();
    public final FakeClusterActions cluster = new FakeClusterActions();
    /** Answers {@code state-1} with every check passed, for the approval and the executor alike. */
    public final StaticDryRunner dryRunner = StaticDryRunner.passing();
    public final RecordingVerificationQueue verifications = new RecordingVerificationQueue();
    public final RecordingAiOutcomes aiOutcomes = new RecordingAiOutcomes();
    public final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    public final InMemoryVaultStore vaultStore = new InMemoryVaultStore();
    public final Vault vault = new Vault(vaultStore, new LocalKeyRing(), approvals.clock);
    public final Rehydrator rehydrator = new Rehydrator(vault);

    public ExecuteApproved executeApproved() {
        return new ExecuteApproved(approvals.desk().ledger(), approvals.desk().notices(), executions, dryRunner,
                cluster, rehydrator::rehydrate,
                verifications, VERIFICATION_DELAY, LEASE);
    }

    public VerifyExecution verifyExecution() {
        return new VerifyExecution(approvals.desk().ledger(), approvals.desk().notices(), executions, incidents,
                cluster, rehydrator::rehydrate,
                aiOutcomes);
    }

    // ---------------------------------------------------------------- the vault

    /** Seals {@code realValue} in the incident's vault as the Privacy Shield does; its label's text. */
    public String label(String incidentId, PiiType type, String realValue) {
        LabelBook book = vault.open(incidentId);
        String label = book.labelFor(type, realValue).text();
        vault.seal(book);
        return label;
    }

    /** rollout_restart with labels for namespace and workload, their real values sealed in the vault. */
    public ProposedAction labelledRolloutRestart(String incidentId, String realNamespace, String realWorkload) {
        return new ProposedAction(ActionType.ROLLOUT_RESTART, Map.of(
                "namespace", label(incidentId, PiiType.NAMESPACE, realNamespace),
                "workload", label(incidentId, PiiType.DEPLOYMENT, realWorkload)));
    }

    /** restart_pod with labels for namespace and pod, their real values sealed in the vault. */
    public ProposedAction labelledRestartPod(String incidentId, String realNamespace, String realPod) {
        return new ProposedAction(ActionType.RESTART_POD, Map.of(
                "namespace", label(incidentId, PiiType.NAMESPACE, realNamespace),
                "pod", label(incidentId, PiiType.POD, realPod)));
    }

    // ---------------------------------------------------------------- approved requests

    /**
     * Runs the approval for real: the request is made (with {@link #dryRunner}), {@code approver}
     * approves through their link, and the order the desk dispatched is returned as the executions
     * queue carries it. The action must need exactly one signature (MEDIUM after trust).
     */
    public ExecutionOrder approvedByPeople(String incidentId, ProposedAction action, String approver) {
        ApprovalRequest request = requested(incidentId, action);
        if (request.quorum().count() != 1) {
            throw new AssertionError("the fixture approves with one signature; " + action + " needs "
                    + request.quorum().count());
        }
        DecideApproval.Result result = approvals.decideApproval().decide(request.id(), tokenFor(incidentId, approver),
                Decision.APPROVE);
        if (!(result instanceof DecideApproval.Result.Shown)) {
            throw new AssertionError("approval by " + approver + " failed: " + result);
        }
        return orderOf(request.id());
    }

    /** Runs the approval for an action that needs no signature (LOW risk): approved by policy. */
    public ExecutionOrder approvedByPolicy(String incidentId, ProposedAction action) {
        ApprovalRequest request = requested(incidentId, action);
        if (!request.quorum().automatic()) {
            throw new AssertionError(action + " needs signatures");
        }
        return orderOf(request.id());
    }

    private ApprovalRequest requested(String incidentId, ProposedAction action) {
        RequestApproval.Outcome outcome = approvals.requestApproval(dryRunner)
                .request(ApprovalFixture.analysis(incidentId, action, 1));
        if (!(outcome instanceof RequestApproval.Outcome.Requested requested)) {
            throw new AssertionError("no request made: " + outcome);
        }
        return requested.request();
    }

    /** The token of the approval link {@code approver} received for the incident. */
    private String tokenFor(String incidentId, String approver) {
        List<Notification> links = approvals.channel.to(approver).stream()
                .filter(n -> n.kind().equals("approval_requested") && n.incidentId().equals(incidentId)).toList();
        if (links.size() != 1) {
            throw new AssertionError(approver + " received " + links.size() + " links for " + incidentId);
        }
        return ApprovalFixture.tokenOf(links.get(0).links().get(0).url());
    }

    /** The order on the executions queue for this request. */
    public ExecutionOrder orderOf(String requestId) {
        return approvals.executions.orders().stream().filter(o -> o.requestId().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no execution order for " + requestId));
    }

    public ApprovalRequest request(ExecutionOrder order) {
        return approvals.stored(order.requestId());
    }

    // ---------------------------------------------------------------- incidents

    /** Stores the incident, firing (no alerts: the executor's use cases read only its status). */
    public void incidentFiring(String incidentId) {
        incidents.create(new Incident(incidentId, "group-" + incidentId, IncidentStatus.FIRING,
                ApprovalFixture.NOW, ApprovalFixture.NOW, Optional.empty(), List.of(), 0));
    }

    /** Moves the stored incident to RESOLVED (stores it resolved when it was not there). */
    public void incidentResolved(String incidentId) {
        Optional<Incident> current = incidents.find(incidentId);
        if (current.isEmpty()) {
            incidentFiring(incidentId);
            current = incidents.find(incidentId);
        }
        Incident i = current.get();
        if (!incidents.update(new Incident(i.id(), i.groupKeyHash(), IncidentStatus.RESOLVED, i.createdAt(),
                approvals.clock.instant(), Optional.of(approvals.clock.instant()), i.alerts(), i.version()))) {
            throw new AssertionError("incident " + incidentId + " not resolved");
        }
    }

    // ---------------------------------------------------------------- what left the executor

    /** The notifications of this kind, by approver. */
    public List<String> notifiedOfKind(String kind) {
        return approvals.channel.ofKind(kind).stream().map(RecordingChannel.Delivered::address).toList();
    }

    /**
     * Every text that left for people or for storage: notifications (and what the leak guard was
     * shown), operation log entries, the requests' and executions' reasons. Real values must appear
     * in none of it.
     */
    public String everythingWritten(String... requestIds) {
        List<String> out = new ArrayList<>();
        for (RecordingChannel.Delivered d : approvals.channel.delivered()) {
            out.add(d.notification().subject());
            out.add(d.notification().text());
            d.notification().links().forEach(l -> out.add(l.toString()));
        }
        out.addAll(approvals.guarded);
        for (Operation op : approvals.operations.all()) {
            out.add(op.toString());
        }
        for (String id : requestIds) {
            approvals.store.find(id).ifPresent(r -> out.add(r.toString()));
            executions.find(id).ifPresent(r -> out.add(r.toString()));
            verifications.scheduled().forEach(s -> out.add(s.toString()));
        }
        aiOutcomes.recorded().forEach(r -> out.add(r.toString()));
        return String.join("\n", out);
    }
}
