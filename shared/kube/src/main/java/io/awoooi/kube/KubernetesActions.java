package io.awoooi.kube;

import static io.awoooi.kube.ActionParameters.kind;
import static io.awoooi.kube.ActionParameters.param;
import static io.awoooi.kube.ApiFailures.reason;
import static io.awoooi.kube.ApiFailures.unavailable;
import static io.awoooi.kube.ClusterTargets.unschedulable;
import static io.awoooi.kube.Rollouts.toRevision;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.ResourceChange;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.ClusterActions;
import io.awoooi.core.execution.TargetHealth;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.awoooi.kube.Mutations.Refusal;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The catalog's actions against the Kubernetes API through fabric8's typed API: no shell, no kubectl
 * string. Every mutation carries a precondition on the version of the object it read right before
 * (the API server answers 409 when the object changed in between), and marks the object with the
 * approval request where the API has a place for it. It never logs: parameters are real names here.
 *
 * <p><b>What each action sends</b> (the verbs are those the dry-run's RBAC check asks about):
 * <ul>
 *   <li>{@code restart_pod}: GET the pod, then DELETE it with a {@value #GRACE_PERIOD_SECONDS} s
 *       grace period and {@code preconditions.resourceVersion} of the pod read. fabric8 7.5 sends
 *       resourceVersion preconditions only, never uid ones; a resourceVersion names one version of one
 *       object, so it pins the uid as well (and also refuses a pod whose status moved in between).</li>
 *   <li>{@code rollout_restart} (kind deployment, statefulset or daemonset; deployment when left
 *       out): GET the workload, then a JSON merge PATCH setting the pod template annotations
 *       {@value #RESTARTED_AT} (now, ISO-8601) and {@value #RESTARTED_BY} (the request id) with the
 *       workload's {@code metadata.resourceVersion}, as {@code kubectl rollout restart} does plus the
 *       precondition.</li>
 *   <li>{@code rollout_undo}: GET the Deployment, LIST the ReplicaSets of its namespace and take those
 *       it controls; the target is the one of {@code toRevision} ({@value Rollouts#REVISION}), else
 *       the previous revision (the second highest, as kubectl picks it). Refused with 409 when the
 *       Deployment is paused or runs that template already, 404 when there is no such revision. Then
 *       one JSON PATCH (RFC 6902): {@code replace /metadata/resourceVersion} with the version read (the
 *       precondition: the API server answers 409 when it moved), {@code replace /spec/template} with the
 *       ReplicaSet's pod template minus its {@value Rollouts#HASH_LABEL} label (what kubectl rollout
 *       undo writes), and the Deployment's annotations plus {@value #ROLLED_BACK_BY} = the request id
 *       (unlike kubectl, the Deployment's own annotations stay; kubectl copies the ReplicaSet's).</li>
 *   <li>{@code set_resources} (kind as for rollout_restart): GET the workload, find the container
 *       among its template's containers (404 when absent), apply the bounds of
 *       {@link ResourceChange} again on the object as read (422 when out of bounds: the approval's
 *       dry-run may have seen a pseudonymized name only), then one JSON PATCH:
 *       {@code replace /metadata/resourceVersion} (the precondition) and {@code add
 *       /spec/template/spec/containers/<i>/resources/<limits|requests>/<memory|cpu>} with the value.
 *       The index is the one read under that version, so it names the same container.</li>
 *   <li>{@code scale_deployment}: GET the Deployment, then a JSON merge PATCH of its {@code scale}
 *       subresource with {@code spec.replicas} and {@code metadata.resourceVersion}. The subresource
 *       has no annotations, so nothing marks it with the request: {@link #alreadyApplied} compares
 *       replicas.</li>
 *   <li>{@code delete_pvc}: GET the claim, LIST the pods of its namespace right before deleting and
 *       refuse (409, "in use by pod ...") while any pod that has not finished mounts it; else DELETE
 *       with the claim's resourceVersion as precondition. A pod created in the gap after the list is
 *       caught by the API server's pvc-protection finalizer, which keeps the claim while it is used.</li>
 *   <li>{@code delete_pod}: GET the pod; refused when it is another pod of that name (not the uid
 *       approved, 409), owned by a controller (409), a static pod (409) or in a kube- namespace
 *       (403); else DELETE as restart_pod does (grace period, resourceVersion precondition). Nothing
 *       recreates it.</li>
 *   <li>{@code cordon_node} / {@code uncordon_node}: GET the node, then a JSON merge PATCH setting
 *       {@code spec.unschedulable} true / false with its resourceVersion; cordoning annotates
 *       {@value #CORDONED_BY} = the request id, uncordoning removes that annotation.</li>
 *   <li>{@code delete_namespace}: never executed: {@link #apply} refuses it (403) without calling the
 *       API. The catalog holds it for policy tests only.</li>
 * </ul>
 *
 * <p><b>Failures</b>: an API server that cannot be reached, or answers 5xx or 429, throws
 * {@link TopologyUnavailableException} (the order is retried); the message names the action and the
 * kind of object, never the parameters. Any other refusal (403, 404, 409, 422, other 4xx) is an
 * {@link ActionResult.Refused} with the HTTP status and the message of the API's Status. A target
 * missing before the mutation is a 404 refusal too. An action still holding Privacy Shield labels
 * ({@code [POD_1]}) is refused with 422: only rehydrated actions reach the cluster.
 *
 * <p><b>Already applied</b> ({@link #alreadyApplied}; a read refused for good answers false, so the
 * next {@link #apply} reports the refusal):
 * <ul>
 *   <li>rollout_restart: the pod template carries {@value #RESTARTED_BY} = the request id;</li>
 *   <li>rollout_undo: the Deployment carries {@value #ROLLED_BACK_BY} = the request id, or its
 *       template already equals (but for the hash label) the one of the revision to go back to:
 *       {@code toRevision}'s ReplicaSet, found by its revision or, after the controller reused it for
 *       the rollback, by {@value Rollouts#REVISION_HISTORY}; without toRevision, the previous revision;</li>
 *   <li>set_resources: the container's limit or request already has the value (compared as
 *       quantities: 1Gi is 1024Mi);</li>
 *   <li>scale_deployment: {@code spec.replicas} equals the wanted replicas;</li>
 *   <li>cordon_node / uncordon_node: {@code spec.unschedulable} is already true / false;</li>
 *   <li>delete_pvc: the claim is absent or being deleted;</li>
 *   <li>delete_pod: no pod of the uid approved: absent, being deleted, or the name taken by another pod;</li>
 *   <li>restart_pod: the pod is absent, being deleted, or was created after the approval's
 *       dry-run read it ({@code approvedAt}, compared by whole seconds as the API server writes
 *       creationTimestamp): a StatefulSet pod comes back under the same name, and one created later
 *       is not the pod the approvers saw but its replacement, however long the crashed attempt's
 *       lease kept the next one waiting. An attempt that crashed before its DELETE finds the approved
 *       pod itself, older than the approval, and deletes it;</li>
 *   <li>delete_namespace: never.</li>
 * </ul>
 *
 * <p><b>Health</b> ({@link #health}) of what the action touched, with evidence such as
 * {@code statefulset shop/postgres-db 1/1 ready}:
 * <ul>
 *   <li>a workload (the pod's controller for restart_pod, the workload of rollout_restart, the
 *       Deployment of scale_deployment): healthy when its ready replicas reach the desired ones, its
 *       status is current ({@code observedGeneration} not behind {@code generation}) and none of its
 *       pods (selected, not finished, not being deleted) is in CrashLoopBackOff or not ready. The
 *       controller of a pod comes from its owner references (ReplicaSet to Deployment), else the
 *       first workload selecting it; for a pod gone already, from its name as the controllers build
 *       it ({@code <statefulset>-<ordinal>}, {@code <replicaset>-<suffix>},
 *       {@code <deployment>-<hash>-<suffix>}, {@code <daemonset>-<suffix>}). A pod without a
 *       controller: the pod itself, ready and not crash-looping;</li>
 *   <li>rollout_undo: the Deployment as a workload above, and its rollout complete as
 *       {@code kubectl rollout status} judges it (updated replicas reach the desired ones, no old
 *       replica left, the updated ones available); with toRevision, it must still run the template
 *       of that revision. The evidence names the ReplicaSet whose template it runs;</li>
 *   <li>set_resources: the workload as above, its rollout complete (Deployment as for rollout_undo;
 *       StatefulSet: updated replicas reach the desired ones and the current revision is the update
 *       revision; DaemonSet: updated and available pods reach the desired ones), the container still
 *       at the value set, and no container of a pod made from the current template (the Deployment's
 *       ReplicaSet running it, by {@value Rollouts#HASH_LABEL}; the StatefulSet's update revision, by
 *       controller-revision-hash; a DaemonSet's pods all) terminated OOMKilled, now or last time;</li>
 *   <li>a node: its Ready condition is True and {@code spec.unschedulable} is what the action set;</li>
 *   <li>a claim: present and Bound;</li>
 *   <li>delete_pod: the pod of the uid approved is gone (health and saving alike);</li>
 *   <li>a namespace: present and not Terminating.</li>
 * </ul>
 * A read refused for good makes the target unhealthy, with the refusal as evidence.
 *
 * <p><b>Where the code lives</b>: this class dispatches per action type and holds
 * {@link #alreadyApplied}; the mutations live per action family ({@link PodActions},
 * {@link WorkloadActions}, {@link ClaimActions}, {@link NodeActions}, over {@link Mutations}),
 * health and savings in {@link ActionHealth}. The re-checks right before a mutation use the helpers the
 * dry-run's target checks use ({@link BarePods}, {@link Pods}, {@link Rollouts},
 * {@link ContainerResources}, {@link WorkloadTargets#losesClaims}), so the executor refuses what
 * the approvers' dry-run would have blocked.
 *
 * <p><b>Grants</b> the identity needs: get pods, persistentvolumeclaims, deployments, statefulsets,
 * daemonsets, replicasets, nodes and namespaces; list pods, replicasets and (for health) deployments,
 * statefulsets and daemonsets; delete pods and persistentvolumeclaims; patch deployments,
 * statefulsets, daemonsets, deployments/scale and nodes.
 */
public final class KubernetesActions implements ClusterActions {
    /** The annotation {@code kubectl rollout restart} sets on the pod template. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The approval request that restarted a workload (on its pod template). */
    public static final String RESTARTED_BY = "awoooi.io/restarted-by";
    /** The approval request that cordoned a node. */
    public static final String CORDONED_BY = "awoooi.io/cordoned-by";
    /** The approval request that rolled a Deployment back (on the Deployment, not its template). */
    public static final String ROLLED_BACK_BY = "awoooi.io/rolled-back-by";
    /** The reason the kubelet gives a container killed for exceeding its memory limit. */
    static final String OOM_KILLED = "OOMKilled";
    public static final long GRACE_PERIOD_SECONDS = 30;

    private final KubernetesClient client;
    private final PodActions pods;
    private final WorkloadActions workloads;
    private final ClaimActions claims;
    private final NodeActions nodes;
    private KubernetesRestores restores;

    /** With the drift baselines: restore_fields can be carried out (issue #15); without, it is refused. */
    public KubernetesActions withRestores(KubernetesRestores restores) {
        this.restores = Objects.requireNonNull(restores, "restores");
        return this;
    }

    private KubernetesRestores restores() {
        if (restores == null) {
            throw new Refusal(403, "restore_fields needs the drift baselines, which this function does not read");
        }
        return restores;
    }

    public KubernetesActions(KubernetesClient client) {
        this(client, Clock.systemUTC());
    }

    /** @param clock for the restart timestamp */
    public KubernetesActions(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clock, "clock");
        this.pods = new PodActions(client);
        this.workloads = new WorkloadActions(client, clock);
        this.claims = new ClaimActions(client);
        this.nodes = new NodeActions(client);
    }

    // ---------------------------------------------------------------------- apply

    @Override
    public ActionResult apply(ProposedAction action, String requestId) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        if (action.type() == ActionType.DELETE_NAMESPACE) {
            return new ActionResult.Refused(403, "delete_namespace is never executed automatically: the catalog"
                    + " holds it for policy tests only; delete a namespace by hand if it must go");
        }
        if (action.needsRehydration()) {
            return new ActionResult.Refused(422, "the action still holds pseudonymized names;"
                    + " only a rehydrated action can be executed");
        }
        try {
            return switch (action.type()) {
                case RESTART_POD -> pods.restartPod(param(action, "namespace"), param(action, "pod"));
                case ROLLOUT_RESTART -> workloads.rolloutRestart(kind(action), param(action, "namespace"),
                        param(action, "workload"), requestId);
                case ROLLOUT_UNDO -> workloads.rolloutUndo(param(action, "namespace"), param(action, "deployment"),
                        toRevision(action), requestId);
                case SET_RESOURCES ->
                    workloads.setResources(kind(action), param(action, "namespace"), param(action, "workload"),
                            ContainerResources.Wanted.of(action));
                case SCALE_DEPLOYMENT ->
                    workloads.scaleDeployment(param(action, "namespace"), param(action, "deployment"),
                            Integer.parseInt(param(action, "replicas")));
                case SCALE_STATEFULSET ->
                    workloads.scaleStatefulSet(param(action, "namespace"), param(action, "statefulset"),
                            Integer.parseInt(param(action, "replicas")));
                case DELETE_PVC -> claims.deletePvc(param(action, "namespace"), param(action, "pvc"),
                        action.param("snapshotClass"), requestId);
                case DELETE_POD ->
                    pods.deletePod(param(action, "namespace"), param(action, "pod"), param(action, "uid"));
                case CORDON_NODE -> nodes.cordon(param(action, "node"), true, requestId);
                case UNCORDON_NODE -> nodes.cordon(param(action, "node"), false, requestId);
                case DRAIN_NODE -> nodes.drain(param(action, "node"), requestId);
                case RESTORE_FIELDS -> restores().apply(action, requestId);
                case DELETE_NAMESPACE -> throw new IllegalStateException("refused above");
            };
        } catch (Refusal r) {
            return new ActionResult.Refused(r.code, r.reason);
        } catch (KubernetesClientException e) {
            if (ApiFailures.unreachable(e)) {
                throw unavailable(e, action.type().id());
            }
            return new ActionResult.Refused(e.getCode(), reason(e));
        }
    }

    /** VolumeSnapshotClass (cluster-scoped) of the CSI snapshot API. */
    static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SNAPSHOT_CLASSES = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withNamespaced(false).build();
    /** VolumeSnapshot (namespaced) of the CSI snapshot API. */
    static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SNAPSHOTS = new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot")
            .withPlural("volumesnapshots").withNamespaced(true).build();

    /** The VolumeSnapshot a request takes of a claim: {@code awoooi-<claim, cut>-<8 hex of the request>}. */
    static String snapshotName(String claim, String requestId) {
        String suffix = io.awoooi.core.Hashing.sha256Hex(requestId).substring(0, 8);
        String base = claim.length() > 200 ? claim.substring(0, 200) : claim;
        return ("awoooi-" + base + "-" + suffix).replaceAll("[.]+", "-");
    }

    // ---------------------------------------------------------------------- alreadyApplied

    @Override
    public boolean alreadyApplied(ProposedAction action, String requestId, Instant approvedAt) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(approvedAt, "approvedAt");
        if (action.type() == ActionType.DELETE_NAMESPACE || action.needsRehydration()) {
            return false;
        }
        try {
            return switch (action.type()) {
                case RESTART_POD -> {
                    Pod pod = client.pods().inNamespace(param(action, "namespace")).withName(param(action, "pod"))
                            .get();
                    yield pod == null || pod.getMetadata().getDeletionTimestamp() != null
                            || createdAfter(pod.getMetadata(), approvedAt);
                }
                case ROLLOUT_RESTART -> {
                    yield Workloads.get(client, kind(action), param(action, "namespace"), param(action, "workload"))
                            .filter(w -> requestId.equals(w.templateAnnotations().get(RESTARTED_BY))).isPresent();
                }
                case ROLLOUT_UNDO -> workloads.rolledBack(param(action, "namespace"), param(action, "deployment"),
                        toRevision(action), requestId);
                case SCALE_DEPLOYMENT -> {
                    Deployment d = client.apps().deployments().inNamespace(param(action, "namespace"))
                            .withName(param(action, "deployment")).get();
                    yield d != null && Workload.of(d).desired() == Integer.parseInt(param(action, "replicas"));
                }
                case SCALE_STATEFULSET -> {
                    StatefulSet s = client.apps().statefulSets().inNamespace(param(action, "namespace"))
                            .withName(param(action, "statefulset")).get();
                    yield s != null && Workload.of(s).desired() == Integer.parseInt(param(action, "replicas"));
                }
                case SET_RESOURCES -> {
                    ContainerResources.Wanted wanted = ContainerResources.Wanted.of(action);
                    PodTemplateSpec template = Workloads.get(client, kind(action), param(action, "namespace"),
                            param(action, "workload")).map(Workload::template).orElse(null);
                    int index = template == null ? -1 : ContainerResources.indexOf(template, wanted.container());
                    yield index >= 0 && wanted.against(ContainerResources.containers(template).get(index)).alreadySet();
                }
                case DELETE_PVC -> {
                    PersistentVolumeClaim claim = client.persistentVolumeClaims()
                            .inNamespace(param(action, "namespace"))
                            .withName(param(action, "pvc")).get();
                    yield claim == null || claim.getMetadata().getDeletionTimestamp() != null;
                }
                case DELETE_POD -> {
                    // the approved pod (its uid) absent or being deleted: another pod of the name is not it
                    Pod pod = client.pods().inNamespace(param(action, "namespace")).withName(param(action, "pod"))
                            .get();
                    yield pod == null || pod.getMetadata().getDeletionTimestamp() != null
                            || !io.awoooi.core.action.PodUid.same(pod.getMetadata().getUid(), param(action, "uid"));
                }
                case CORDON_NODE, UNCORDON_NODE -> {
                    Node node = client.nodes().withName(param(action, "node")).get();
                    yield node != null && unschedulable(node) == (action.type() == ActionType.CORDON_NODE);
                }
                case DRAIN_NODE -> {
                    // cordoned for this request and nothing left to evict
                    Node node = client.nodes().withName(param(action, "node")).get();
                    yield node != null && unschedulable(node) && node.getMetadata().getAnnotations() != null
                            && requestId.equals(node.getMetadata().getAnnotations().get(CORDONED_BY))
                            && ActionHealth.podsToEvict(client, param(action, "node")).isEmpty();
                }
                // none of the fields drifts any more (the earlier attempt's write went through)
                case RESTORE_FIELDS -> restores != null && restores.alreadyApplied(action);
                case DELETE_NAMESPACE -> false;
            };
        } catch (KubernetesClientException e) {
            if (ApiFailures.unreachable(e)) {
                throw unavailable(e, action.type().id());
            }
            return false; // refused for good: apply will say so
        }
    }

    /** Created in a later second than {@code at} (creationTimestamp has whole seconds). */
    private static boolean createdAfter(ObjectMeta meta, Instant at) {
        if (meta.getCreationTimestamp() == null) {
            return false;
        }
        try {
            Instant created = Instant.parse(meta.getCreationTimestamp());
            return created.isAfter(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------- health

    @Override
    public TargetHealth health(ProposedAction action) {
        return new ActionHealth(client, restores).health(action);
    }

    /**
     * A FinOps saving is realized when the waste is gone: the claim absent (its storage no longer
     * billed), the Deployment at zero replicas with no pod left, the node drained. Other actions: health.
     */
    @Override
    public TargetHealth savingRealized(ProposedAction action) {
        return new ActionHealth(client, restores).savingRealized(action);
    }

    // ---------------------------------------------------------------------- helpers
}
