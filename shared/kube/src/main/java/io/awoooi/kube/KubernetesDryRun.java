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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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

    private static final int MAX_NAMED = 5;

    private final KubernetesClient client;
    private final Optional<Executor> executor;

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

    private KubernetesRestores restores;

    /** With the drift baselines: restore_fields can be planned (issue #15); without, its check fails. */
    public KubernetesDryRun withRestores(KubernetesRestores restores) {
        this.restores = Objects.requireNonNull(restores, "restores");
        return this;
    }

    @Override
    public DryRunReport dryRun(ProposedAction action) {
        return new Run(Objects.requireNonNull(action, "action")).report();
    }

    /** The sorted lines the fingerprint of {@link #dryRun} hashes (for tests and troubleshooting). */
    List<String> stateLines(ProposedAction action) {
        Run run = new Run(Objects.requireNonNull(action, "action"));
        run.report();
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

    /** One dry-run: the action, what it read (read once each), the fingerprint lines and the checks. */
    private final class Run {
        private final ProposedAction action;
        /** Parameters whose value is a Privacy Shield label, by name (sorted). */
        private final Set<String> hidden = new TreeSet<>();
        private final TreeSet<String> state = new TreeSet<>();
        private List<Pod> pods;
        private List<PodDisruptionBudget> budgets;
        private List<Workload> workloads;
        private List<ReplicaSet> replicaSets;
        private DryRunCheck exists;
        private DryRunCheck pdb;
        private DryRunCheck bounds;

        Run(ProposedAction action) {
            this.action = action;
            state.add("action " + action);
            action.params().forEach((name, value) -> action.type().parameter(name)
                    .filter(p -> p.rule().isAcceptedLabel(value)).ifPresent(p -> hidden.add(name)));
        }

        DryRunReport report() {
            List<DryRunCheck> checks = new ArrayList<>();
            checks.add(parameters());
            checks.add(rbac());
            try {
                target();
            } catch (Unreadable e) {
                String reason = "cannot read " + e.what + " (HTTP " + e.code + "); the dry-run needs read access to it";
                state.add("unreadable " + e.what + " code=" + e.code);
                exists = exists != null ? exists : DryRunCheck.fail(EXISTS, reason, false);
                pdb = pdb != null ? pdb : DryRunCheck.fail(PDB, reason, false);
                bounds = bounds != null ? bounds : DryRunCheck.fail(BOUNDS, reason, false);
            }
            checks.add(exists);
            checks.add(pdb);
            if (action.type() == ActionType.SET_RESOURCES || action.type() == ActionType.RESTORE_FIELDS) {
                checks.add(bounds);
            }
            return new DryRunReport(checks, fingerprint(state));
        }

        // ------------------------------------------------------------------ parameters

        private DryRunCheck parameters() {
            // ProposedAction is valid by construction; asking the catalog again costs nothing and
            // keeps this check honest if that ever changes.
            if (ActionCatalog.parse(action.type().id(), action.params()) instanceof ParseResult.Invalid invalid) {
                return DryRunCheck.fail(PARAMETERS, invalid.reason(), false);
            }
            if (!hidden.isEmpty()) {
                return DryRunCheck.fail(PARAMETERS, hiddenReason(), true);
            }
            return DryRunCheck.pass(PARAMETERS, action.type().id() + ": parameters follow the catalog, names are plain");
        }

        /** {@code pod name is pseudonymized; the executor checks it after rehydration}. */
        private String hiddenReason() {
            String names = String.join(" and ", hidden);
            return hidden.size() == 1
                    ? names + " name is pseudonymized; the executor checks it after rehydration"
                    : names + " names are pseudonymized; the executor checks them after rehydration";
        }

        // ------------------------------------------------------------------ rbac

        private DryRunCheck rbac() {
            ResourceAccess needed = access();
            boolean namespaceHidden = hidden.contains("namespace");
            boolean nameHidden = hidden.contains(targetParameter());
            boolean widened = namespaceHidden || nameHidden;
            ResourceAccess asked = namespaceHidden ? needed.anyNamespace() : nameHidden ? needed.anyName() : needed;
            AccessReviews.Answer answer;
            try {
                answer = AccessReviews.ask(client, executor, asked);
            } catch (KubernetesClientException e) {
                if (unreachable(e)) {
                    throw new TopologyUnavailableException("cannot ask the API server whether " + asked.describe()
                            + " is allowed" + httpCode(e), e);
                }
                return DryRunCheck.fail(RBAC, "could not determine whether " + asked.describe() + " is allowed"
                        + httpCode(e), false);
            }
            if (answer.allowed() == null) {
                return DryRunCheck.fail(RBAC, "could not determine whether " + asked.describe()
                        + " is allowed: the access review came back without an answer", false);
            }
            if (answer.allowed()) {
                return DryRunCheck.pass(RBAC, "allowed: " + asked.describe());
            }
            String why = answer.why();
            if (widened) {
                // Denied for every name says nothing about the one name (RBAC rules can list
                // resourceNames): the executor asks again with the real name.
                return DryRunCheck.fail(RBAC, "not allowed for every name: " + asked.describe() + why + "; "
                        + hiddenReason(), true);
            }
            return DryRunCheck.fail(RBAC, "denied: " + asked.describe() + why, false);
        }

        /** What the API server authorizes when the executor acts (kubectl's verbs for these actions). */
        private ResourceAccess access() {
            String ns = action.param("namespace").orElse(null);
            return switch (action.type()) {
                case RESTART_POD, DELETE_POD -> new ResourceAccess("delete", "", "pods", null, ns, param("pod"));
                case ROLLOUT_RESTART, SET_RESOURCES -> new ResourceAccess("patch", "apps", kind().id() + "s", null, ns,
                        param("workload"));
                // the restore is one JSON patch of the spec, preconditioned on its resourceVersion
                case RESTORE_FIELDS -> new ResourceAccess("patch", "apps", kind().id() + "s", null, ns, param("workload"));
                case ROLLOUT_UNDO -> new ResourceAccess("patch", "apps", "deployments", null, ns, param("deployment"));
                case SCALE_DEPLOYMENT -> new ResourceAccess("patch", "apps", "deployments", "scale", ns, param("deployment"));
                case SCALE_STATEFULSET -> new ResourceAccess("patch", "apps", "statefulsets", "scale", ns,
                        param("statefulset"));
                case DELETE_PVC -> new ResourceAccess("delete", "", "persistentvolumeclaims", null, ns, param("pvc"));
                // drain_node also evicts (pods/eviction create, in each pod's namespace): the executor's RBAC
                // grants it with the node patch (infra/kubernetes/awoooi-executor-rbac.yaml)
                case CORDON_NODE, UNCORDON_NODE, DRAIN_NODE -> new ResourceAccess("patch", "", "nodes", null, null, param("node"));
                // DELETE /api/v1/namespaces/shop: the authorizer sees namespace "shop" and name "shop"
                case DELETE_NAMESPACE -> new ResourceAccess("delete", "", "namespaces", null, ns, ns);
            };
        }

        /** The parameter naming the object the action changes. */
        private String targetParameter() {
            return switch (action.type()) {
                case RESTART_POD, DELETE_POD -> "pod";
                case ROLLOUT_RESTART, SET_RESOURCES, RESTORE_FIELDS -> "workload";
                case ROLLOUT_UNDO, SCALE_DEPLOYMENT -> "deployment";
                case SCALE_STATEFULSET -> "statefulset";
                case DELETE_PVC -> "pvc";
                case CORDON_NODE, UNCORDON_NODE, DRAIN_NODE -> "node";
                case DELETE_NAMESPACE -> "namespace";
            };
        }

        // ------------------------------------------------------------------ exists and pdb

        private void target() {
            switch (action.type()) {
                case RESTART_POD -> restartPod();
                case ROLLOUT_RESTART -> rolloutRestart();
                case ROLLOUT_UNDO -> rolloutUndo();
                case SCALE_DEPLOYMENT -> scale(WorkloadKind.DEPLOYMENT, "deployment");
                case SCALE_STATEFULSET -> scale(WorkloadKind.STATEFULSET, "statefulset");
                case SET_RESOURCES -> setResources();
                case DELETE_PVC -> deletePvc();
                case DELETE_POD -> deletePod();
                case CORDON_NODE, UNCORDON_NODE -> node(action.type() == ActionType.CORDON_NODE);
                case DRAIN_NODE -> drainNode();
                case RESTORE_FIELDS -> restoreFields();
                case DELETE_NAMESPACE -> namespace();
            }
        }

        /** As a rollout restart (the pods are replaced), plus the plan: the fields, their desired state, the resourceVersion. */
        private void restoreFields() {
            rolloutRestart();
            if (!exists.passed()) {
                bounds = DryRunCheck.fail(BOUNDS, "not checked: " + exists.reason(), false);
                return;
            }
            if (restores == null) {
                bounds = DryRunCheck.fail(BOUNDS, "restore_fields needs the drift baselines, which this function does"
                        + " not read", false);
                return;
            }
            restores.stateLine(action).ifPresent(state::add);
            bounds = restores.check(action, BOUNDS);
        }

        private void restartPod() {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param("pod");
            String what = "pod " + ns + "/" + name;
            Pod pod = read(what, () -> client.pods().inNamespace(ns).withName(name).get());
            if (pod == null) {
                missing(what);
                return;
            }
            state.add(line(what, pod.getMetadata()));
            Optional<Workload> owner = ownerOf(pod);
            state.add(owner.map(Workload::line).orElse("owner of " + what + " none"));
            boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
            exists = DryRunCheck.pass(EXISTS, what + " exists"
                    + owner.map(w -> ", owned by " + w.describe())
                            .orElse("; no controller owns it, so nothing recreates it after the restart")
                    + (terminating ? "; it is terminating already" : ""));
            String subject = owner.map(Workload::describe).orElse(what);
            pdb = disruptionCheck(subject, budgetsCovering(ns, List.of(labels(pod.getMetadata()))),
                    ready(pod) ? "" : "; the pod itself is not ready");
        }

        /**
         * delete_pod: the pod exists and is the one named by uid (a pod of the same name made since is
         * another pod: blocked), still bare (no controller owns it: no owner reference and no workload
         * selecting it; an owned pod is its workload's to remove), not a static pod (a mirror:
         * only its kubelet removes it), not in a kube- namespace, not terminating already. Budgets as
         * for restart_pod (a budget may select bare pods), overridable. The fingerprint holds the pod
         * (uid), "owner none", and the budgets.
         */
        private void deletePod() {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param("pod");
            String what = "pod " + ns + "/" + name;
            if (io.awoooi.core.action.SystemNamespaces.isSystem(ns)) {
                state.add("namespace " + ns + " system");
                exists = DryRunCheck.fail(EXISTS, ns + " is a system namespace (kube-*): delete_pod deletes no pod"
                        + " there", false);
                pdb = DryRunCheck.fail(PDB, "not checked: a system namespace", true);
                return;
            }
            Pod pod = read(what, () -> client.pods().inNamespace(ns).withName(name).get());
            if (pod == null) {
                missing(what);
                return;
            }
            state.add(line(what, pod.getMetadata()));
            String uid = param("uid");
            if (!io.awoooi.core.action.PodUid.same(pod.getMetadata().getUid(), uid)) {
                exists = DryRunCheck.fail(EXISTS, what + " is another pod now (another uid): the pod asked about is gone",
                        false);
                pdb = DryRunCheck.fail(PDB, "not checked: another pod", true);
                return;
            }
            if (mirror(pod)) {
                exists = DryRunCheck.fail(EXISTS, what + " is a static pod (the mirror of a manifest on node "
                        + (pod.getSpec() == null ? "?" : pod.getSpec().getNodeName())
                        + "): only its kubelet removes it", false);
                pdb = DryRunCheck.fail(PDB, "not checked: a static pod", true);
                return;
            }
            Optional<Workload> owner = ownerOf(pod);
            OwnerReference ref = controllerOf(pod.getMetadata());
            state.add(owner.map(Workload::line).orElse("owner of " + what + " " + (ref == null ? "none"
                    : ref.getKind() + "/" + ref.getName())));
            if (ref != null || owner.isPresent()) {
                String by = owner.map(Workload::describe).orElseGet(() -> ref.getKind().toLowerCase(java.util.Locale.ROOT)
                        + " " + ns + "/" + ref.getName());
                exists = DryRunCheck.fail(EXISTS, what + " is owned by " + by + " (it would recreate it): not a bare pod",
                        false);
                pdb = DryRunCheck.fail(PDB, "not checked: not a bare pod", true);
                return;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                exists = DryRunCheck.fail(EXISTS, what + " is terminating already", false);
                pdb = DryRunCheck.fail(PDB, "not checked: terminating", true);
                return;
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            exists = DryRunCheck.pass(EXISTS, what + " exists" + (phase == null ? "" : " (" + phase + ")")
                    + " with the uid asked about; no controller owns it: deleted, it is gone for good");
            pdb = disruptionCheck(what, budgetsCovering(ns, List.of(labels(pod.getMetadata()))), "");
        }

        private void rolloutRestart() {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param("workload");
            Workload workload = workload(kind(), ns, name);
            if (workload == null) {
                missing(kind().id() + " " + ns + "/" + name);
                exists = DryRunCheck.fail(EXISTS, exists.reason() + otherKinds(ns, name), false);
                return;
            }
            state.add(workload.line());
            exists = DryRunCheck.pass(EXISTS, workload.describe() + " exists with " + workload.replicas() + " replicas");
            pdb = disruptionCheck(workload.describe(), budgetsCovering(ns, podLabelsOf(workload)), "");
        }

        /**
         * The Deployment, the ReplicaSet of the revision to go back to (owned by it; kubectl's choice
         * without toRevision: the previous revision), which must not be the template the Deployment
         * runs; a paused Deployment cannot be rolled back (kubectl refuses too). Budgets as for a
         * rollout restart: the rollback replaces the pods.
         */
        private void rolloutUndo() {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param("deployment");
            String what = "deployment " + ns + "/" + name;
            Deployment deployment = read(what, () -> client.apps().deployments().inNamespace(ns).withName(name).get());
            if (deployment == null) {
                missing(what);
                return;
            }
            Workload workload = Workload.of(deployment);
            state.add(workload.line());
            List<ReplicaSet> owned = Rollouts.owned(deployment, replicaSets(ns));
            OptionalLong toRevision = action.param("toRevision").map(r -> OptionalLong.of(Long.parseLong(r)))
                    .orElse(OptionalLong.empty());
            String at = Rollouts.revision(deployment).stream().mapToObj(r -> " at revision " + r).findFirst().orElse("");
            Optional<ReplicaSet> target = Rollouts.target(owned, toRevision);
            if (target.isEmpty()) {
                String revision = toRevision.isPresent() ? "revision " + toRevision.getAsLong() : "previous revision";
                state.add(revision + " of " + what + " absent");
                exists = DryRunCheck.fail(EXISTS, what + at + " has no " + revision + " to roll back to ("
                        + (owned.isEmpty() ? "no ReplicaSet of it holds a revision" : "revisions: " + Rollouts.revisions(owned))
                        + ")", false);
                pdb = DryRunCheck.fail(PDB, "not checked: no " + revision + " of " + what, true);
                return;
            }
            ReplicaSet rs = target.get();
            long revision = Rollouts.revision(rs).orElseThrow();
            String held = "replicaset " + ns + "/" + rs.getMetadata().getName();
            state.add(line(held, rs.getMetadata()) + " revision=" + revision + " target");
            boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
            if (Rollouts.sameTemplate(client.getKubernetesSerialization(), deployment.getSpec().getTemplate(),
                    rs.getSpec().getTemplate())) {
                exists = DryRunCheck.fail(EXISTS, what + at + " runs the template of revision " + revision + " (" + held
                        + ") already: nothing to roll back", false);
            } else if (paused) {
                exists = DryRunCheck.fail(EXISTS, what + " is paused: a paused Deployment is not rolled back (resume it"
                        + " first)", false);
            } else {
                String images = Rollouts.imageChanges(deployment.getSpec().getTemplate(), rs.getSpec().getTemplate());
                exists = DryRunCheck.pass(EXISTS, what + " exists with " + workload.replicas() + " replicas" + at
                        + "; revision " + revision + " is " + held + (images.isEmpty() ? "" : " (images: " + images + ")"));
            }
            pdb = disruptionCheck(workload.describe(), budgetsCovering(ns, podLabelsOf(workload)), "");
        }

        /**
         * The workload of the kind, its container, and the change against the container's resources
         * now ({@link ResourceChange}: a failure nobody may override); the fingerprint states the
         * container's resources. Budgets as for a rollout restart: the change replaces the pods.
         */
        private void setResources() {
            if (namespacedNameHidden()) {
                bounds = DryRunCheck.fail(BOUNDS, "not checked: " + hiddenReason(), true);
                return;
            }
            String ns = param("namespace");
            String name = param("workload");
            ContainerResources.Wanted wanted = ContainerResources.Wanted.of(action);
            Workload workload = workload(kind(), ns, name);
            if (workload == null) {
                String what = kind().id() + " " + ns + "/" + name;
                missing(what);
                exists = DryRunCheck.fail(EXISTS, exists.reason() + otherKinds(ns, name), false);
                bounds = DryRunCheck.fail(BOUNDS, "not checked: " + what + " not found", true);
                return;
            }
            state.add(workload.line());
            int index = ContainerResources.indexOf(workload.template(), wanted.container());
            String container = "container " + ns + "/" + name + "/" + wanted.container();
            if (index < 0) {
                state.add(container + " absent");
                exists = DryRunCheck.fail(EXISTS, workload.describe() + " has no container " + wanted.container()
                        + " (containers: " + ContainerResources.names(workload.template()) + ")", false);
                pdb = DryRunCheck.fail(PDB, "not checked: no container " + wanted.container(), true);
                bounds = DryRunCheck.fail(BOUNDS, "not checked: no container " + wanted.container(), true);
                return;
            }
            var c = ContainerResources.containers(workload.template()).get(index);
            state.add(container + " resources " + ContainerResources.line(c));
            ResourceChange change = wanted.against(c);
            exists = DryRunCheck.pass(EXISTS, workload.describe() + " exists with " + workload.replicas()
                    + " replicas and container " + wanted.container() + " (" + wanted.resource().id() + " limit "
                    + change.limit().map(Object::toString).orElse("not set") + ", request "
                    + change.request().map(Object::toString).orElse("not set") + ")"
                    + (workload.onDelete() ? "; its update strategy is OnDelete: pods take the new value only when"
                            + " deleted" : ""));
            bounds = change.problem().map(problem -> DryRunCheck.fail(BOUNDS, problem, false))
                    .orElseGet(() -> DryRunCheck.pass(BOUNDS, change.describe()));
            pdb = disruptionCheck(workload.describe(), budgetsCovering(ns, podLabelsOf(workload)), "");
        }

        /**
         * scale_deployment, scale_statefulset: the workload, and budgets by minAvailable. A StatefulSet
         * whose claim retention policy deletes the claims of the replicas scaled away
         * ({@code persistentVolumeClaimRetentionPolicy.whenScaled: Delete}) is blocked when scaled down:
         * the action promises its claims stay.
         */
        private void scale(WorkloadKind kind, String parameter) {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param(parameter);
            Workload deployment = workload(kind, ns, name);
            if (deployment == null) {
                missing(kind.id() + " " + ns + "/" + name);
                return;
            }
            state.add(deployment.line());
            int current = deployment.replicas();
            int wanted = Integer.parseInt(param("replicas"));
            if (wanted < current && deployment.deletesClaimsWhenScaled()) {
                state.add(deployment.describe() + " whenScaled=Delete");
                exists = DryRunCheck.fail(EXISTS, deployment.describe() + " deletes the claims of the replicas scaled"
                        + " away (persistentVolumeClaimRetentionPolicy.whenScaled: Delete): their data would go", false);
                pdb = DryRunCheck.fail(PDB, "not checked: the scale is refused", true);
                return;
            }
            exists = DryRunCheck.pass(EXISTS, deployment.describe() + " exists with " + current + " replicas");
            List<Budget> covering = budgetsCovering(ns, podLabelsOf(deployment));
            covering.forEach(b -> state.add(b.line()));
            if (wanted >= current) {
                pdb = DryRunCheck.pass(PDB, "scaling from " + current + " to " + wanted + " replicas takes no pod away");
                return;
            }
            List<String> broken = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (Budget budget : covering) {
                IntOrString minAvailable = budget.pdb().getSpec().getMinAvailable();
                if (minAvailable == null) {
                    // maxUnavailable is relative to the expected pods: it scales with the Deployment
                    kept.add("budget " + budget.name() + " counts unavailable pods of the new size");
                    continue;
                }
                // the budget may select more pods than this Deployment's: count those that stay
                int selected = Math.max(selectedPods(budget.pdb()).size(), current);
                int left = selected - (current - wanted);
                int required = scaled(minAvailable, left);
                String rule = "minAvailable " + text(minAvailable) + ", " + left + " pods left after scaling";
                (left < required ? broken : kept).add("budget " + budget.name() + ": " + rule);
            }
            if (!broken.isEmpty()) {
                pdb = DryRunCheck.fail(PDB, "would take " + deployment.describe() + " below its "
                        + String.join("; ", broken), true);
            } else {
                pdb = DryRunCheck.pass(PDB, "scaling from " + current + " to " + wanted + " replicas "
                        + (kept.isEmpty() ? "is under no PodDisruptionBudget" : "keeps every budget: " + String.join("; ", kept)));
            }
        }

        private void deletePvc() {
            if (namespacedNameHidden()) {
                return;
            }
            String ns = param("namespace");
            String name = param("pvc");
            String what = "persistentvolumeclaim " + ns + "/" + name;
            PersistentVolumeClaim claim = read(what, () -> client.persistentVolumeClaims().inNamespace(ns).withName(name).get());
            if (claim == null) {
                missing(what);
                return;
            }
            String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
            state.add(line(what, claim.getMetadata()) + " phase=" + phase);
            Optional<String> snapshotClass = action.param("snapshotClass");
            if (snapshotClass.isPresent()) {
                // the snapshot is what makes the deletion recoverable: without its class, no request
                GenericKubernetesResource vsc = read("volumesnapshotclass " + snapshotClass.get(),
                        () -> client.genericKubernetesResources(KubernetesActions.SNAPSHOT_CLASSES)
                                .withName(snapshotClass.get()).get());
                if (vsc == null) {
                    state.add("volumesnapshotclass " + snapshotClass.get() + " absent");
                    exists = DryRunCheck.fail(EXISTS, what + " exists, but its VolumeSnapshotClass " + snapshotClass.get()
                            + " does not: no snapshot could be taken first", false);
                    pdb = DryRunCheck.fail(PDB, "not checked: the snapshot class is missing", true);
                    return;
                }
                state.add(line("volumesnapshotclass " + snapshotClass.get(), vsc.getMetadata()));
            }
            exists = DryRunCheck.pass(EXISTS, what + " exists" + (phase == null ? "" : " (" + phase + ")")
                    + snapshotClass.map(c -> "; VolumeSnapshotClass " + c + " exists: a snapshot is taken first").orElse(""));
            List<Pod> users = pods(ns).stream().filter(KubernetesDryRun::active).filter(p -> mounts(p, name))
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
            users.forEach(p -> state.add(line("pod " + ns + "/" + p.getMetadata().getName(), p.getMetadata())));
            pdb = users.isEmpty()
                    ? DryRunCheck.pass(PDB, "no pod mounts the claim")
                    : DryRunCheck.fail(PDB, "in use by " + named("pod", users), false);
        }

        private void node(boolean cordon) {
            pdb = DryRunCheck.pass(PDB, "no budget applies: " + (cordon ? "cordoning" : "uncordoning") + " evicts no pod");
            if (hidden.contains("node")) {
                exists = DryRunCheck.fail(EXISTS, hiddenReason(), true);
                return;
            }
            String name = param("node");
            Node node = read("node " + name, () -> client.nodes().withName(name).get());
            if (node == null) {
                state.add("node " + name + " absent");
                exists = DryRunCheck.fail(EXISTS, "node " + name + " not found", false);
                return;
            }
            boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
            state.add(line("node " + name, node.getMetadata()) + " unschedulable=" + unschedulable);
            String already = cordon == unschedulable ? " and is " + (cordon ? "unschedulable" : "schedulable") + " already" : "";
            exists = DryRunCheck.pass(EXISTS, "node " + name + " exists" + already);
        }

        /**
         * drain_node: the node exists; every pod on it that the drain evicts (not a DaemonSet's, not a
         * mirror pod, not finished) has a controller (a bare pod would be gone for good: blocked, as
         * kubectl drain refuses it without --force), and the budgets covering them allow it (else the
         * evictions wait: overridable). The fingerprint holds the node and each pod on it, so a pod
         * scheduled there since the approval voids it.
         */
        private void drainNode() {
            if (hidden.contains("node")) {
                exists = DryRunCheck.fail(EXISTS, hiddenReason(), true);
                pdb = DryRunCheck.fail(PDB, hiddenReason(), true);
                return;
            }
            String name = param("node");
            Node node = read("node " + name, () -> client.nodes().withName(name).get());
            if (node == null) {
                missing("node " + name);
                return;
            }
            boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
            state.add(line("node " + name, node.getMetadata()) + " unschedulable=" + unschedulable);
            List<Pod> evicted = read("pods on node " + name, () -> client.pods().inAnyNamespace().list().getItems())
                    .stream().filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
                    .filter(KubernetesDryRun::evictedByDrain)
                    .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                            .thenComparing(p -> p.getMetadata().getName())).toList();
            evicted.forEach(p -> state.add(line("pod " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                    p.getMetadata())));
            List<Pod> bare = evicted.stream().filter(p -> controllerOf(p).isEmpty()).toList();
            if (!bare.isEmpty()) {
                exists = DryRunCheck.fail(EXISTS, "node " + name + " runs " + named("pod", bare)
                        + " that no controller owns: evicting it deletes it for good", false);
                pdb = DryRunCheck.fail(PDB, "not checked: the drain is refused", true);
                return;
            }
            exists = DryRunCheck.pass(EXISTS, "node " + name + " exists with " + evicted.size() + " pods to evict"
                    + (unschedulable ? "; it is cordoned already" : ""));
            List<String> blocked = new ArrayList<>();
            List<String> fine = new ArrayList<>();
            java.util.Map<String, List<Pod>> byNamespace = new java.util.TreeMap<>();
            evicted.forEach(p -> byNamespace.computeIfAbsent(p.getMetadata().getNamespace(), k -> new ArrayList<>()).add(p));
            byNamespace.forEach((ns, pods) -> {
                for (Budget b : budgetsCovering(ns, pods.stream().map(p -> labels(p.getMetadata())).toList())) {
                    state.add(b.line());
                    long covered = pods.stream().filter(p -> selects(b.pdb(), labels(p.getMetadata()))).count();
                    (b.allowed() < covered ? blocked : fine).add("budget " + ns + "/" + b.name() + " allows "
                            + b.allowed() + " disruptions for " + covered + " pods on the node" + b.source());
                }
            });
            pdb = blocked.isEmpty()
                    ? DryRunCheck.pass(PDB, fine.isEmpty() ? "no PodDisruptionBudget covers the pods on node " + name
                            : String.join("; ", fine))
                    : DryRunCheck.fail(PDB, "evictions would wait for their budgets: " + String.join("; ", blocked)
                            + " (the Eviction API refuses what a budget does not allow; the rest is evicted)", true);
        }

        private void namespace() {
            pdb = DryRunCheck.pass(PDB, "no budget applies: deleting a namespace does not go through evictions");
            if (hidden.contains("namespace")) {
                exists = DryRunCheck.fail(EXISTS, hiddenReason(), true);
                return;
            }
            String name = param("namespace");
            Namespace namespace = read("namespace " + name, () -> client.namespaces().withName(name).get());
            if (namespace == null) {
                state.add("namespace " + name + " absent");
                exists = DryRunCheck.fail(EXISTS, "namespace " + name + " not found", false);
                return;
            }
            String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
            state.add(line("namespace " + name, namespace.getMetadata()) + " phase=" + phase);
            exists = DryRunCheck.pass(EXISTS, "namespace " + name + " exists"
                    + ("Terminating".equals(phase) ? " and is terminating already" : ""));
        }

        /**
         * For a namespaced target with a pseudonymized namespace or name: reports exists and pdb as
         * overridable failures and returns true. With a plain namespace, that namespace is still
         * looked up (and fingerprinted): a missing namespace blocks.
         */
        private boolean namespacedNameHidden() {
            if (hidden.isEmpty()) {
                return false;
            }
            pdb = DryRunCheck.fail(PDB, hiddenReason(), true);
            exists = DryRunCheck.fail(EXISTS, hiddenReason(), true);
            if (!hidden.contains("namespace")) {
                String ns = param("namespace");
                Namespace namespace;
                try {
                    namespace = read("namespace " + ns, () -> client.namespaces().withName(ns).get());
                } catch (Unreadable e) {
                    return true; // reading namespaces needs a cluster-wide grant the executor may lack
                }
                if (namespace == null) {
                    state.add("namespace " + ns + " absent");
                    exists = DryRunCheck.fail(EXISTS, "namespace " + ns + " not found", false);
                } else {
                    state.add(line("namespace " + ns, namespace.getMetadata()));
                    exists = DryRunCheck.fail(EXISTS, "namespace " + ns + " exists; " + hiddenReason(), true);
                }
            }
            return true;
        }

        private void missing(String what) {
            state.add(what + " absent");
            exists = DryRunCheck.fail(EXISTS, what + " not found", false);
            pdb = DryRunCheck.fail(PDB, "not checked: " + what + " not found", true);
        }

        /** {@code ; statefulset shop/postgres-db exists (kind statefulset)} when the name exists as another kind. */
        private String otherKinds(String ns, String name) {
            List<String> found = new ArrayList<>();
            for (WorkloadKind other : WorkloadKind.values()) {
                if (other != kind() && workload(other, ns, name) != null) {
                    found.add(other.id() + " " + ns + "/" + name + " exists (kind " + other.id() + ")");
                }
            }
            return found.isEmpty() ? "" : "; " + String.join(", ", found);
        }

        private DryRunCheck disruptionCheck(String subject, List<Budget> covering, String note) {
            covering.forEach(b -> state.add(b.line()));
            List<Budget> blocking = covering.stream().filter(b -> b.allowed() < 1).toList();
            if (!blocking.isEmpty()) {
                Budget first = blocking.get(0);
                String more = blocking.size() > 1 ? " (and " + (blocking.size() - 1) + " more budgets)" : "";
                return DryRunCheck.fail(PDB, "would take " + subject + " below its budget " + first.name() + ": "
                        + first.allowed() + " disruptions allowed" + first.source() + more + note, true);
            }
            if (covering.isEmpty()) {
                return DryRunCheck.pass(PDB, "no PodDisruptionBudget covers " + subject);
            }
            return DryRunCheck.pass(PDB, covering.stream()
                    .map(b -> "budget " + b.name() + " allows " + b.allowed() + " disruptions" + b.source())
                    .collect(Collectors.joining("; ")));
        }

        // ------------------------------------------------------------------ budgets

        /** The budgets in the namespace selecting any of the label sets, by name. */
        private List<Budget> budgetsCovering(String ns, List<Map<String, String>> labelSets) {
            return budgets(ns).stream()
                    .filter(b -> labelSets.stream().anyMatch(labels -> selects(b, labels)))
                    .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
                    .map(this::evaluate)
                    .toList();
        }

        /** Its status when current; otherwise disruptionsAllowed the way the disruption controller computes it. */
        private Budget evaluate(PodDisruptionBudget budget) {
            PodDisruptionBudgetStatus status = budget.getStatus();
            Long generation = budget.getMetadata().getGeneration();
            boolean current = status != null && status.getDisruptionsAllowed() != null
                    && (generation == null || status.getObservedGeneration() == null
                            || status.getObservedGeneration() >= generation);
            if (current) {
                return new Budget(budget, status.getDisruptionsAllowed(), false);
            }
            List<Pod> selected = selectedPods(budget);
            int healthy = (int) selected.stream().filter(KubernetesDryRun::ready).count();
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            int expected;
            int desired;
            if (maxUnavailable != null) {
                expected = expectedPods(budget, selected);
                desired = Math.max(0, expected - scaled(maxUnavailable, expected));
            } else if (minAvailable != null) {
                expected = minAvailable.getIntVal() != null ? selected.size() : expectedPods(budget, selected);
                desired = scaled(minAvailable, expected);
            } else {
                expected = selected.size();
                desired = 0;
            }
            int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
            return new Budget(budget, allowed, true);
        }

        /** The controllers' replicas for the pods the budget selects (at least the pods there are). */
        private int expectedPods(PodDisruptionBudget budget, List<Pod> selected) {
            int replicas = workloads(budget.getMetadata().getNamespace()).stream()
                    .filter(w -> selects(budget, w.templateLabels()))
                    .mapToInt(Workload::replicas).sum();
            return Math.max(replicas, selected.size());
        }

        private List<Pod> selectedPods(PodDisruptionBudget budget) {
            return pods(budget.getMetadata().getNamespace()).stream().filter(KubernetesDryRun::active)
                    .filter(p -> selects(budget, labels(p.getMetadata()))).toList();
        }

        // ------------------------------------------------------------------ workloads

        private Workload workload(WorkloadKind kind, String ns, String name) {
            String what = kind.id() + " " + ns + "/" + name;
            return switch (kind) {
                case DEPLOYMENT -> Workload.of(read(what, () -> client.apps().deployments().inNamespace(ns).withName(name).get()));
                case STATEFULSET -> Workload.of(read(what, () -> client.apps().statefulSets().inNamespace(ns).withName(name).get()));
                case DAEMONSET -> Workload.of(read(what, () -> client.apps().daemonSets().inNamespace(ns).withName(name).get()));
            };
        }

        /** The controller of the pod: owner references first (ReplicaSet to Deployment), else a workload selecting it. */
        private Optional<Workload> ownerOf(Pod pod) {
            String ns = pod.getMetadata().getNamespace();
            return PodOwners.of(pod.getMetadata(),
                    rs -> read("replicaset " + ns + "/" + rs, () -> client.apps().replicaSets().inNamespace(ns).withName(rs).get()),
                    () -> workloads(ns).stream().map(w -> new PodOwners.Candidate(w.kind(), w.name(), w.selector())).toList())
                    .flatMap(o -> workloads(ns).stream().filter(w -> w.kind() == o.kind() && w.name().equals(o.name()))
                            .findFirst().or(() -> Optional.ofNullable(workload(o.kind(), ns, o.name()))));
        }

        /** The labels of the workload's pods: its template's, and those of the pods it selects. */
        private List<Map<String, String>> podLabelsOf(Workload workload) {
            List<Map<String, String>> sets = new ArrayList<>();
            sets.add(workload.templateLabels());
            for (Pod pod : pods(workload.meta().getNamespace())) {
                if (Selectors.matches(workload.selector(), labels(pod.getMetadata()))) {
                    sets.add(labels(pod.getMetadata()));
                }
            }
            return sets;
        }

        // ------------------------------------------------------------------ reads (each once per run)

        private List<Pod> pods(String ns) {
            if (pods == null) {
                pods = read("pods in " + ns, () -> client.pods().inNamespace(ns).list().getItems());
            }
            return pods;
        }

        private List<ReplicaSet> replicaSets(String ns) {
            if (replicaSets == null) {
                replicaSets = read("replicasets in " + ns, () -> client.apps().replicaSets().inNamespace(ns).list().getItems());
            }
            return replicaSets;
        }

        private List<PodDisruptionBudget> budgets(String ns) {
            if (budgets == null) {
                budgets = read("poddisruptionbudgets in " + ns,
                        () -> client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
            }
            return budgets;
        }

        /** Deployments, StatefulSets and DaemonSets of the namespace, in that order, each by name. */
        private List<Workload> workloads(String ns) {
            if (workloads == null) {
                List<Workload> all = new ArrayList<>();
                read("deployments in " + ns, () -> client.apps().deployments().inNamespace(ns).list().getItems())
                        .stream().map(Workload::of).sorted(Comparator.comparing(Workload::name)).forEach(all::add);
                read("statefulsets in " + ns, () -> client.apps().statefulSets().inNamespace(ns).list().getItems())
                        .stream().map(Workload::of).sorted(Comparator.comparing(Workload::name)).forEach(all::add);
                read("daemonsets in " + ns, () -> client.apps().daemonSets().inNamespace(ns).list().getItems())
                        .stream().map(Workload::of).sorted(Comparator.comparing(Workload::name)).forEach(all::add);
                workloads = all;
            }
            return workloads;
        }

        private <T> T read(String what, Supplier<T> call) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return null;
                }
                if (unreachable(e)) {
                    throw new TopologyUnavailableException("cannot read " + what + httpCode(e), e);
                }
                throw new Unreadable(what, e.getCode());
            }
        }

        private String param(String name) {
            return action.param(name).orElseThrow(() -> new IllegalStateException(name + " is required by " + action.type().id()));
        }

        private WorkloadKind kind() {
            return WorkloadKind.fromId(action.param("kind").orElse(WorkloadKind.DEPLOYMENT.id())).orElseThrow();
        }
    }

    // ---------------------------------------------------------------------- helpers

    /** No connection, a timeout, 5xx, 429: a retry may succeed. */
    static boolean unreachable(KubernetesClientException e) {
        return e.getCode() <= 0 || e.getCode() >= 500 || e.getCode() == 429;
    }

    static String httpCode(KubernetesClientException e) {
        return e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
    }

    /**
     * Identity and spec version, not resourceVersion: that one moves on every status write (a pod's
     * restart count, a node's heartbeat every few minutes) and would void approvals for nothing.
     * What must void one is in the lines: another object (uid), a changed spec (generation, where the
     * API keeps one), replicas, the budget's allowed disruptions, cordoning, the claim's users.
     */
    private static String line(String what, ObjectMeta meta) {
        return what + " uid=" + meta.getUid() + (meta.getGeneration() == null ? "" : " gen=" + meta.getGeneration());
    }

    static Map<String, String> labels(ObjectMeta meta) {
        return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
    }

    static OwnerReference controllerOf(ObjectMeta meta) {
        List<OwnerReference> refs = meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }

    /** policy/v1: an empty selector selects every pod of the namespace, a missing one none. */
    private static boolean selects(PodDisruptionBudget budget, Map<String, String> labels) {
        LabelSelector selector = budget.getSpec() == null ? null : budget.getSpec().getSelector();
        if (selector == null) {
            return false;
        }
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return empty || Selectors.matches(selector, labels);
    }

    /** A static pod's mirror: the kubelet's annotation, or owned by its node. */
    static boolean mirror(Pod pod) {
        if (pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror")) {
            return true;
        }
        return controllerOf(pod).filter(o -> "Node".equals(o.getKind())).isPresent();
    }

    /**
     * Whether a drain evicts the pod: not finished, not a DaemonSet's (its controller ignores
     * unschedulable and would put it back), not a mirror pod (the kubelet's static pods).
     */
    static boolean evictedByDrain(Pod pod) {
        if (!active(pod)) {
            return false;
        }
        if (pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror")) {
            return false;
        }
        return controllerOf(pod).filter(o -> "DaemonSet".equals(o.getKind())).isEmpty();
    }

    /** The pod's controlling owner reference. */
    static Optional<io.fabric8.kubernetes.api.model.OwnerReference> controllerOf(Pod pod) {
        List<io.fabric8.kubernetes.api.model.OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        return refs == null ? Optional.empty()
                : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** Not finished: a Succeeded or Failed pod counts for no budget and holds no claim. */
    static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** Ready and not being deleted: the disruption controller's "healthy". */
    static boolean ready(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || !active(pod) || pod.getStatus() == null
                || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** Whether the pod uses the claim: by name, or as the claim of a generic ephemeral volume ({@code <pod>-<volume>}). */
    static boolean mounts(Pod pod, String claim) {
        List<Volume> volumes = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        for (Volume v : volumes) {
            if (v.getPersistentVolumeClaim() != null && claim.equals(v.getPersistentVolumeClaim().getClaimName())) {
                return true;
            }
            if (v.getEphemeral() != null && claim.equals(pod.getMetadata().getName() + "-" + v.getName())) {
                return true;
            }
        }
        return false;
    }

    /** An int, or a percentage of the total rounded up (as the disruption controller does); unreadable: all of it. */
    private static int scaled(IntOrString value, int total) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal() == null ? "" : value.getStrVal().strip();
        if (!text.endsWith("%")) {
            return total;
        }
        try {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    private static String text(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal().toString() : String.valueOf(value.getStrVal());
    }

    /** {@code pod a, b, c} (at most {@value #MAX_NAMED} names, then {@code and 3 more}). */
    static String named(String kind, List<? extends HasMetadata> objects) {
        List<String> names = objects.stream().map(o -> o.getMetadata().getName()).toList();
        String shown = String.join(", ", names.subList(0, Math.min(MAX_NAMED, names.size())));
        return kind + " " + shown + (names.size() > MAX_NAMED ? " and " + (names.size() - MAX_NAMED) + " more" : "");
    }

    /**
     * A Deployment, StatefulSet or DaemonSet as far as the dry-run cares.
     *
     * @param onDelete pods take a new template only when deleted (StatefulSet or DaemonSet update strategy OnDelete)
     */
    private record Workload(WorkloadKind kind, ObjectMeta meta, LabelSelector selector, PodTemplateSpec template,
            int replicas, boolean onDelete, boolean deletesClaimsWhenScaled) {
        Workload(WorkloadKind kind, ObjectMeta meta, LabelSelector selector, PodTemplateSpec template, int replicas,
                boolean onDelete) {
            this(kind, meta, selector, template, replicas, onDelete, false);
        }

        static Workload of(Deployment d) {
            return d == null ? null : new Workload(WorkloadKind.DEPLOYMENT, d.getMetadata(), d.getSpec().getSelector(),
                    d.getSpec().getTemplate(), Objects.requireNonNullElse(d.getSpec().getReplicas(), 1), false);
        }

        static Workload of(StatefulSet s) {
            boolean onDelete = s != null && s.getSpec().getUpdateStrategy() != null
                    && "OnDelete".equals(s.getSpec().getUpdateStrategy().getType());
            boolean deletes = s != null && s.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
                    && "Delete".equals(s.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
            return s == null ? null : new Workload(WorkloadKind.STATEFULSET, s.getMetadata(), s.getSpec().getSelector(),
                    s.getSpec().getTemplate(), Objects.requireNonNullElse(s.getSpec().getReplicas(), 1), onDelete, deletes);
        }

        /** A DaemonSet's replicas: the nodes it should run on. */
        static Workload of(DaemonSet d) {
            Integer desired = d == null || d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
            boolean onDelete = d != null && d.getSpec().getUpdateStrategy() != null
                    && "OnDelete".equals(d.getSpec().getUpdateStrategy().getType());
            return d == null ? null : new Workload(WorkloadKind.DAEMONSET, d.getMetadata(), d.getSpec().getSelector(),
                    d.getSpec().getTemplate(), Objects.requireNonNullElse(desired, 0), onDelete);
        }

        Map<String, String> templateLabels() {
            return template == null ? Map.of() : labels(template.getMetadata());
        }

        String name() {
            return meta.getName();
        }

        String describe() {
            return kind.id() + " " + meta.getNamespace() + "/" + meta.getName();
        }

        String line() {
            return KubernetesDryRun.line(describe(), meta) + " replicas=" + replicas;
        }
    }

    /** A budget with its disruptionsAllowed, from its status or computed from the pods. */
    private record Budget(PodDisruptionBudget pdb, int allowed, boolean computed) {
        String name() {
            return pdb.getMetadata().getName();
        }

        String source() {
            return computed ? " (computed from its pods: the budget has no current status)" : "";
        }

        String line() {
            return KubernetesDryRun.line("pdb " + pdb.getMetadata().getNamespace() + "/" + name(), pdb.getMetadata())
                    + " disruptionsAllowed=" + allowed;
        }
    }

    /** A read the API server refused (401, 403, ...): the checks that needed it cannot run. */
    private static final class Unreadable extends RuntimeException {
        private final String what;
        private final int code;

        Unreadable(String what, int code) {
            super("cannot read " + what + " (HTTP " + code + ")", null, false, false);
            this.what = what;
            this.code = code;
        }
    }
}
