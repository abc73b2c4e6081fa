package io.awoooi.kube;

import io.awoooi.core.action.ActionCatalog;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ParseResult;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.ResourceChange;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.DryRunner;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval dry-run against the Kubernetes API (fabric8): it only reads, plus
 * SelfSubjectAccessReviews, which an API server evaluates and never stores. It does not use
 * server-side dry-run: some API servers (the fabric8 mock server among them) write anyway.
 *
 * <p><b>Checks</b>, always these four in this order (set_resources: a fifth, {@value #BOUNDS}), each
 * with a reason naming only Kubernetes objects:
 * <ul>
 *   <li>{@value #PARAMETERS}: the action against the catalog; a pseudonymized name ({@code [POD_1]})
 *       fails overridably, and so do the checks that need the real name: the executor repeats
 *       them after rehydration.</li>
 *   <li>{@value #RBAC}: one SelfSubjectAccessReview for the verb, resource, subresource, namespace
 *       and name the action needs (for a pseudonymized name: for every name). Denied or no answer
 *       blocks. The review is about the client's own identity, so construct this class with the
 *       executor's credentials.</li>
 *   <li>{@value #EXISTS}: the target (for rollout_restart and set_resources: of the given kind). Missing
 *       blocks. rollout_undo: the Deployment and the ReplicaSet it controls holding the revision to go
 *       back to (toRevision, else kubectl's "previous": the second highest revision); blocks when there
 *       is none, when the Deployment runs that template already, or when it is paused. set_resources:
 *       the container among the template's containers; blocks when it is not there. delete_pod: the
 *       pod of that uid, bare (no owner reference, no workload selecting it), not static, not in a
 *       kube- namespace, not terminating; anything else blocks.</li>
 *   <li>{@value #PDB}: PodDisruptionBudgets (policy/v1) selecting the target's pods. restart_pod,
 *       rollout_restart, rollout_undo and set_resources (both replace the pods like a rollout) fail
 *       (overridably) when a budget allows no disruption; scale_deployment
 *       when the pods left would be fewer than a budget's minAvailable; delete_pvc fails, not
 *       overridably, while a pod mounts the claim; node and namespace actions: no budget applies.
 *       A budget without a (current) status, as in the mock server where no disruption controller
 *       runs, has its disruptionsAllowed computed from the pods like the controller does.</li>
 *   <li>{@value #BOUNDS} (set_resources only): the raise against the container's resources now, by
 *       {@link ResourceChange}: the value must be set, the new one larger and at most
 *       {@value ResourceChange#MAX_FACTOR}x it, under the cap, a limit not below the request. Out of
 *       bounds blocks; with a pseudonymized name it fails overridably, and the executor applies the
 *       same bounds right before patching.</li>
 * </ul>
 *
 * <p><b>State fingerprint</b>: hex SHA-256 of the sorted lines describing what the dry-run looked
 * at, no timestamps, so an unchanged cluster gives the same value:
 * <pre>
 * action restart_pod(namespace=shop, pod=postgres-db-0)
 * pod shop/postgres-db-0 uid=...
 * statefulset shop/postgres-db uid=... gen=2 replicas=1
 * pdb shop/postgres-db uid=... gen=1 disruptionsAllowed=0
 * </pre>
 * The target (uid, and generation where the API keeps one, never resourceVersion, which every
 * status write moves; workloads with replicas; nodes with unschedulable; claims with
 * the pods mounting them), for restart_pod the pod's owning workload, for rollout_undo the target
 * ReplicaSet with its revision ({@code replicaset shop/order-api-5d8c7 uid=... gen=1 revision=2
 * target}: a rollout in between moves the Deployment's generation or the previous revision), for
 * set_resources the container's resources ({@code container shop/order-api/api resources
 * limits.memory=512Mi requests.memory=256Mi}), the budgets that apply, and "absent" lines for what
 * was missing. The action line ties the value to the action (cordon and
 * uncordon of one node look at the same state).
 *
 * <p><b>Reads</b> (grant them to the identity): get pods, persistentvolumeclaims, deployments,
 * statefulsets, daemonsets, replicasets, nodes and namespaces; list pods, poddisruptionbudgets,
 * deployments, statefulsets, daemonsets and (rollout_undo) replicasets in the action's namespace. Creating
 * SelfSubjectAccessReviews is allowed to every authenticated user by default.
 *
 * <p><b>Where the checks live</b>: this class dispatches per action type. {@link AccessCheck} is the
 * RBAC check; {@link PodTargets}, {@link WorkloadTargets}, {@link ClaimTarget} and
 * {@link ClusterTargets} the target checks of each action family, built on the helpers the
 * executor re-checks with right before it mutates ({@link BarePods}, {@link Pods},
 * {@link Rollouts}, {@link ContainerResources}, {@link Workload}); {@link BudgetCheck} the budgets
 * ({@link DisruptionBudgets} for the arithmetic); {@link DryRunReads} the cluster reads, each once
 * per run; {@link Inspection} one run's findings and fingerprint lines.
 *
 * <p><b>Failures</b>: an API server that cannot be reached, answers 5xx or 429 throws
 * {@link TopologyUnavailableException}; 404 is a missing object; a read refused otherwise (401,
 * 403) fails the checks that needed it, not overridably.
 */
public final class KubernetesDryRun implements DryRunner {
    public static final String PARAMETERS = "parameters";
    public static final String RBAC = "rbac";
    public static final String EXISTS = "exists";
    public static final String PDB = "pdb";
    public static final String BOUNDS = "bounds";

    private final KubernetesClient client;
    private final Optional<Executor> executor;
    private KubernetesRestores restores;

    /**
     * Who executes actions, when that is not the identity the client is authenticated as: the
     * analysis function (read-only in a real cluster) asks about the executor's Kubernetes user and
     * groups with a SubjectAccessReview, which needs {@code create subjectaccessreviews}.
     */
    public record Executor(String user, List<String> groups) {
        public Executor {
            Objects.requireNonNull(user, "user");
            groups = List.copyOf(groups);
        }
    }

    /** @param client authenticated as the identity that will execute the action (RBAC is checked for it) */
    public KubernetesDryRun(KubernetesClient client) {
        this(client, Optional.empty());
    }

    /**
     * @param executor the executor's identity, checked with a SubjectAccessReview; empty: the
     *     client's own identity, checked with a SelfSubjectAccessReview
     */
    public KubernetesDryRun(KubernetesClient client, Optional<Executor> executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** With the drift baselines: restore_fields can be planned (issue #15); without, its check fails. */
    public KubernetesDryRun withRestores(KubernetesRestores restores) {
        this.restores = Objects.requireNonNull(restores, "restores");
        return this;
    }

    @Override
    public DryRunReport dryRun(ProposedAction action) {
        Inspection run = inspection(action);
        return report(run);
    }

    /** The sorted lines the fingerprint of {@link #dryRun} hashes (for tests and troubleshooting). */
    List<String> stateLines(ProposedAction action) {
        Inspection run = inspection(action);
        report(run);
        return List.copyOf(run.state);
    }

    /** Hex SHA-256 over the lines (sorted by the caller), one per line. */
    static String fingerprint(Collection<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Inspection inspection(ProposedAction action) {
        return new Inspection(Objects.requireNonNull(action, "action"), new DryRunReads(client));
    }

    /** The checks in their order; a read refused for good fails the target checks that needed it, not overridably. */
    private DryRunReport report(Inspection run) {
        List<DryRunCheck> checks = new ArrayList<>();
        checks.add(parameters(run));
        checks.add(AccessCheck.check(client, executor, run));
        try {
            target(run);
        } catch (DryRunReads.Unreadable e) {
            String reason = "cannot read " + e.what() + " (HTTP " + e.code() + "); the dry-run needs read access to it";
            run.state.add("unreadable " + e.what() + " code=" + e.code());
            run.exists = run.exists != null ? run.exists : DryRunCheck.fail(EXISTS, reason, false);
            run.pdb = run.pdb != null ? run.pdb : DryRunCheck.fail(PDB, reason, false);
            run.bounds = run.bounds != null ? run.bounds : DryRunCheck.fail(BOUNDS, reason, false);
        }
        checks.add(run.exists);
        checks.add(run.pdb);
        if (run.action.type() == ActionType.SET_RESOURCES || run.action.type() == ActionType.RESTORE_FIELDS) {
            checks.add(run.bounds);
        }
        return new DryRunReport(checks, fingerprint(run.state));
    }

    private static DryRunCheck parameters(Inspection run) {
        // ProposedAction is valid by construction; asking the catalog again costs nothing and
        // keeps this check honest if that ever changes.
        if (ActionCatalog.parse(run.action.type().id(), run.action.params()) instanceof ParseResult.Invalid invalid) {
            return DryRunCheck.fail(PARAMETERS, invalid.reason(), false);
        }
        if (!run.hidden.isEmpty()) {
            return DryRunCheck.fail(PARAMETERS, run.hiddenReason(), true);
        }
        return DryRunCheck.pass(PARAMETERS,
                run.action.type().id() + ": parameters follow the catalog, names are plain");
    }

    /** The target checks of the action's type: they set exists, pdb and (set_resources, restore_fields) bounds. */
    private void target(Inspection run) {
        switch (run.action.type()) {
            case RESTART_POD -> PodTargets.restartPod(run);
            case DELETE_POD -> PodTargets.deletePod(run);
            case ROLLOUT_RESTART -> WorkloadTargets.rolloutRestart(run);
            case ROLLOUT_UNDO -> WorkloadTargets.rolloutUndo(run);
            case SCALE_DEPLOYMENT -> WorkloadTargets.scale(run, WorkloadKind.DEPLOYMENT, "deployment");
            case SCALE_STATEFULSET -> WorkloadTargets.scale(run, WorkloadKind.STATEFULSET, "statefulset");
            case SET_RESOURCES -> WorkloadTargets.setResources(run);
            case RESTORE_FIELDS -> WorkloadTargets.restoreFields(run, restores);
            case DELETE_PVC -> ClaimTarget.deletePvc(run);
            case CORDON_NODE, UNCORDON_NODE -> ClusterTargets.node(run, run.action.type() == ActionType.CORDON_NODE);
            case DRAIN_NODE -> ClusterTargets.drainNode(run);
            case DELETE_NAMESPACE -> ClusterTargets.namespace(run);
        }
    }
}
