package io.awoooi.core.approval;

import io.awoooi.core.Hashing;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.audit.InMemoryOperationLog;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import io.awoooi.core.notify.RecordingChannel;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Everything the approval use cases run on, in memory: a clock to move, the stores, the
 * executions queue, one recording channel, a signer and a directory. Tests change the public
 * parts (the directory, the guard) before asking for {@link #desk()}.
 */
public final class ApprovalFixture {
    public static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    public static final String CURRENT_SECRET = "current-link-secret-0123456789";
    public static final String BASE_URL = "https://awoooi.example.test";

    public final MutableClock clock = new MutableClock(NOW);
    public final InMemoryApprovalStore store = new InMemoryApprovalStore();
    public final InMemoryTrustStore trust = new InMemoryTrustStore();
    public final RecordingExecutionQueue executions = new RecordingExecutionQueue();
    public final RecordingChannel channel = new RecordingChannel("outbox");
    public final InMemoryOperationLog operations = new InMemoryOperationLog();
    /** Every text the notification guard was shown, with its incident id first. */
    public final List<String> guarded = new CopyOnWriteArrayList<>();
    public BiConsumer<String, String> guard = (incidentId, text) -> guarded.add(incidentId + "\n" + text);
    public ApproverDirectory directory = demoDirectory();
    public LinkSigner signer = new LinkSigner(SigningKeys.of(CURRENT_SECRET, Optional.empty()), clock);

    /**
     * alice (devops), bob (sre), erin (admin), carol (cto), dave (ciso): three operators for
     * MEDIUM and HIGH, the CTO and the CISO for CRITICAL.
     */
    public static ApproverDirectory demoDirectory() {
        return new ApproverDirectory(List.of(
                approver("alice", Role.DEVOPS),
                approver("bob", Role.SRE),
                approver("carol", Role.CTO),
                approver("dave", Role.CISO),
                approver("erin", Role.ADMIN)));
    }

    /** {@code n} operators named {@code op1}..{@code opN} (devops), and nobody else. */
    public static ApproverDirectory operators(int n) {
        return new ApproverDirectory(IntStream.rangeClosed(1, n).mapToObj(i -> approver("op" + i, Role.DEVOPS))
                .toList());
    }

    public static Approver approver(String id, Role... roles) {
        return new Approver(id, "Person " + id, Set.of(roles), Map.of("email", id + "@example.com"));
    }

    public ApprovalDesk desk() {
        return ApprovalDesk.of(store, directory, signer, Optional.of(URI.create(BASE_URL + "/")),
                new Notifier(List.of(channel)),
                executions, trust, operations, (id, text) -> guard.accept(id, text), clock);
    }

    public RequestApproval requestApproval(DryRunner dryRunner) {
        return new RequestApproval(desk(), dryRunner, new RiskPolicy(), ApprovalDesk.DEFAULT_TTL);
    }

    public DecideApproval decideApproval() {
        return new DecideApproval(desk());
    }

    public CancelApproval cancelApproval() {
        return new CancelApproval(desk());
    }

    // ---------------------------------------------------------------- actions (base risk in brackets)

    /** [LOW] restart_pod in shop. */
    public static ProposedAction restartPod(String pod) {
        return new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop", "pod", pod));
    }

    /** [MEDIUM] rollout_restart of a Deployment in shop. */
    public static ProposedAction rolloutRestart(String workload) {
        return new ProposedAction(ActionType.ROLLOUT_RESTART, Map.of("namespace", "shop", "workload", workload));
    }

    /** [HIGH] delete_pvc in shop. */
    public static ProposedAction deletePvc(String pvc) {
        return new ProposedAction(ActionType.DELETE_PVC, Map.of("namespace", "shop", "pvc", pvc));
    }

    /** [CRITICAL] delete_namespace. */
    public static ProposedAction deleteNamespace(String namespace) {
        return new ProposedAction(ActionType.DELETE_NAMESPACE, Map.of("namespace", namespace));
    }

    // ---------------------------------------------------------------- analyses

    /** An incident id of the real shape ({@code inc_} and 26 base32 characters). */
    public static String incidentId(int n) {
        return "inc_01jdzq8w3c" + String.format("%016d", n).replace('0', 'a');
    }

    /**
     * An analysis of the incident proposing this action, with order-api (a SERVICE) as its root
     * cause, {@code blastRadius} services upstream and a summary that mentions a pseudonymized IP.
     */
    public static Analysis analysis(String incidentId, ProposedAction action, int blastRadius) {
        return analysis(incidentId, action, blastRadius, "order-api fails to reach [IP_1]:5432 since 02:55",
                List.of(new RootCause(new ServiceId("shop", "order-api"), ComponentKind.SERVICE, 0,
                        List.of("error rate 42%"))));
    }

    public static Analysis analysis(String incidentId, ProposedAction action, int blastRadius, String summary,
            List<RootCause> rootCauses) {
        List<Impact> impacts = new ArrayList<>();
        for (int i = 1; i <= blastRadius; i++) {
            impacts.add(new Impact(new ServiceId("shop", "caller-" + i), 1));
        }
        GraphFindings findings = new GraphFindings(List.of(new ServiceId("shop", "order-api")), rootCauses, impacts);
        return new Analysis(incidentId, Hashing.sha256Hex("notification/" + incidentId), findings, summary,
                List.of("the database is down"), "deterministic", Optional.ofNullable(action), "deterministic",
                false, NOW);
    }

    /**
     * A request as {@link RequestApproval} stores it before sending links: PENDING, risk and quorum
     * at the action's base, a clean dry-run, expiring {@link ApprovalDesk#DEFAULT_TTL} after {@code now}.
     */
    public static ApprovalRequest pending(String incidentId, ProposedAction action, Instant now) {
        DryRunReport dryRun = new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "state-1");
        RiskAssessment risk = new RiskAssessment(action.baseRisk(), action.baseRisk(),
                List.of(action.type().id() + " is " + action.baseRisk() + " in the catalog"));
        return new ApprovalRequest(ApprovalRequest.idFor(incidentId), incidentId,
                Hashing.sha256Hex("notification/" + incidentId), action, ApprovalRequest.hashOf(action),
                ActionPattern.of(action), risk, 0, Quorum.forLevel(action.baseRisk()), dryRun, ApprovalStatus.PENDING,
                List.of(), false, Optional.empty(), now, now.plus(ApprovalDesk.DEFAULT_TTL), now);
    }

    // ---------------------------------------------------------------- links

    /** The token of the one approval link this approver received (fails when there is not exactly one). */
    public String tokenSentTo(String approverId) {
        List<Notification> requested = channel.to(approverId).stream()
                .filter(n -> n.kind().equals("approval_requested")).toList();
        if (requested.size() != 1) {
            throw new AssertionError(approverId + " received " + requested.size() + " approval links, not one");
        }
        return tokenOf(requested.get(0).links().get(0).url());
    }

    /** The {@code t} parameter of an approval link. */
    public static String tokenOf(String url) {
        int t = url.indexOf("?t=");
        if (t < 0) {
            throw new AssertionError("not an approval link: " + url);
        }
        return URLDecoder.decode(url.substring(t + 3), StandardCharsets.UTF_8);
    }

    /** A fresh link token for this approver on this request, as {@link ApprovalDesk#linkFor} makes them. */
    public String freshToken(ApprovalRequest request, String approverId) {
        return tokenOf(desk().linkFor(request, approverId));
    }

    public ApprovalRequest stored(String requestId) {
        return store.find(requestId).orElseThrow(() -> new AssertionError("no request " + requestId));
    }
}
