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
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.extension.ExtensibleResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

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
 * <p><b>Where the code lives</b>: the mutations and {@link #alreadyApplied} here; health and
 * savings in {@link ActionHealth}. The re-checks right before a mutation use the helpers the
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

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

    private final KubernetesClient client;
    private final Clock clock;
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
        this.clock = Objects.requireNonNull(clock, "clock");
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
                case RESTART_POD -> restartPod(param(action, "namespace"), param(action, "pod"));
                case ROLLOUT_RESTART -> rolloutRestart(kind(action), param(action, "namespace"),
                        param(action, "workload"), requestId);
                case ROLLOUT_UNDO -> rolloutUndo(param(action, "namespace"), param(action, "deployment"),
                        toRevision(action), requestId);
                case SET_RESOURCES -> setResources(kind(action), param(action, "namespace"), param(action, "workload"),
                        ContainerResources.Wanted.of(action));
                case SCALE_DEPLOYMENT -> scaleDeployment(param(action, "namespace"), param(action, "deployment"),
                        Integer.parseInt(param(action, "replicas")));
                case SCALE_STATEFULSET -> scaleStatefulSet(param(action, "namespace"), param(action, "statefulset"),
                        Integer.parseInt(param(action, "replicas")));
                case DELETE_PVC -> deletePvc(param(action, "namespace"), param(action, "pvc"),
                        action.param("snapshotClass"), requestId);
                case DELETE_POD -> deletePod(param(action, "namespace"), param(action, "pod"), param(action, "uid"));
                case CORDON_NODE -> cordon(param(action, "node"), true, requestId);
                case UNCORDON_NODE -> cordon(param(action, "node"), false, requestId);
                case DRAIN_NODE -> drain(param(action, "node"), requestId);
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

    private ActionResult restartPod(String ns, String name) {
        String what = "pod " + ns + "/" + name;
        Pod pod = require(what, client.pods().inNamespace(ns).withName(name));
        String version = pod.getMetadata().getResourceVersion();
        Resource<Pod> resource = client.pods().inNamespace(ns).resource(pod);
        // Resource's own interface locks or sets a grace period, not both; the operations fabric8 7.5
        // hands out are ExtensibleResources, which chain them. Were that ever not so: the pod's own
        // grace period, the precondition kept.
        List<StatusDetails> deleted = resource instanceof ExtensibleResource<Pod> extensible
                ? extensible.withGracePeriod(GRACE_PERIOD_SECONDS).lockResourceVersion(version).delete()
                : resource.lockResourceVersion(version).delete();
        if (deleted.isEmpty()) {
            throw new Refusal(404, what + " not found");
        }
        return new ActionResult.Applied(what + " deleted with a " + GRACE_PERIOD_SECONDS + " s grace period");
    }

    /**
     * delete_pod: GET the pod; refuse (409) another pod of that name (another uid), a pod a controller
     * owns now or a static pod, and (403) a kube- namespace, all re-checked here since the dry-run's
     * answer may be minutes old; then DELETE with the grace period and the resourceVersion read as
     * precondition (one version of one object: it pins the uid too).
     */
    private ActionResult deletePod(String ns, String name, String uid) {
        String what = "pod " + ns + "/" + name;
        if (BarePods.inSystemNamespace(ns)) {
            throw new Refusal(403, ns + " is a system namespace (kube-*): delete_pod deletes no pod there");
        }
        Pod pod = require(what, client.pods().inNamespace(ns).withName(name));
        Optional<BarePods.Problem> problem = BarePods.problem(pod, uid);
        if (problem.isPresent()) {
            throw new Refusal(409, switch (problem.get()) {
                case ANOTHER_POD -> what + " is another pod now (another uid): the approved pod is gone";
                case STATIC_POD -> what + " is a static pod: only its kubelet removes it";
                case CONTROLLED -> {
                    OwnerReference ref = PodOwners.controllerOf(pod.getMetadata()).orElseThrow();
                    yield what + " is owned by " + ref.getKind() + " " + ref.getName() + " now: not a bare pod";
                }
            });
        }
        String version = pod.getMetadata().getResourceVersion();
        Resource<Pod> resource = client.pods().inNamespace(ns).resource(pod);
        List<StatusDetails> deleted = resource instanceof ExtensibleResource<Pod> extensible
                ? extensible.withGracePeriod(GRACE_PERIOD_SECONDS).lockResourceVersion(version).delete()
                : resource.lockResourceVersion(version).delete();
        if (deleted.isEmpty()) {
            throw new Refusal(404, what + " not found");
        }
        return new ActionResult.Applied(what + " deleted with a " + GRACE_PERIOD_SECONDS
                + " s grace period; no controller recreates it");
    }

    private ActionResult rolloutRestart(WorkloadKind kind, String ns, String name, String requestId) {
        String what = kind.id() + " " + ns + "/" + name;
        Resource<? extends HasMetadata> resource = Workloads.resource(client, kind, ns, name);
        HasMetadata workload = require(what, resource);
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(RESTARTED_AT, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        annotations.put(RESTARTED_BY, requestId);
        resource.patch(MERGE, json(Map.of(
                "metadata", Map.of("resourceVersion", workload.getMetadata().getResourceVersion()),
                "spec", Map.of("template", Map.of("metadata", Map.of("annotations", annotations))))));
        return new ActionResult.Applied("rollout restart of " + what + " started: its pod template is annotated");
    }

    private ActionResult rolloutUndo(String ns, String name, OptionalLong toRevision, String requestId) {
        String what = "deployment " + ns + "/" + name;
        var resource = client.apps().deployments().inNamespace(ns).withName(name);
        Deployment deployment = require(what, resource);
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            throw new Refusal(409, what + " is paused: a paused Deployment is not rolled back (resume it first)");
        }
        List<ReplicaSet> owned = Rollouts.owned(deployment, client.apps().replicaSets().inNamespace(ns).list().getItems());
        ReplicaSet target = Rollouts.target(owned, toRevision).orElseThrow(() -> new Refusal(404, what + " has no "
                + (toRevision.isPresent() ? "revision " + toRevision.getAsLong() : "previous revision") + " to roll back to"));
        long revision = Rollouts.revision(target).orElseThrow();
        String held = "replicaset " + ns + "/" + target.getMetadata().getName();
        if (Rollouts.sameTemplate(client.getKubernetesSerialization(), deployment.getSpec().getTemplate(),
                target.getSpec().getTemplate())) {
            throw new Refusal(409, what + " runs the template of revision " + revision + " (" + held + ") already");
        }
        Map<String, String> annotations = new TreeMap<>(Objects.requireNonNullElse(
                deployment.getMetadata().getAnnotations(), Map.of()));
        annotations.put(ROLLED_BACK_BY, requestId);
        resource.patch(JSON_PATCH, json(List.of(
                op("replace", "/metadata/resourceVersion", deployment.getMetadata().getResourceVersion()),
                op("replace", "/spec/template", Rollouts.restorable(client.getKubernetesSerialization(), target)),
                op("add", "/metadata/annotations", annotations))));
        return new ActionResult.Applied(what + " rolled back to revision " + revision + " (" + held
                + "): its pod template is that revision's again");
    }

    private ActionResult setResources(WorkloadKind kind, String ns, String name, ContainerResources.Wanted wanted) {
        String what = kind.id() + " " + ns + "/" + name;
        Resource<? extends HasMetadata> resource = Workloads.resource(client, kind, ns, name);
        HasMetadata object = require(what, resource);
        PodTemplateSpec template = Workload.of(object).template();
        int index = ContainerResources.indexOf(template, wanted.container());
        if (index < 0) {
            throw new Refusal(404, what + " has no container " + wanted.container());
        }
        ResourceChange change = wanted.against(ContainerResources.containers(template).get(index));
        // the dry-run's bounds again, on the real names and the object as it is now
        Optional<String> problem = change.problem();
        if (problem.isPresent()) {
            throw new Refusal(422, "out of the bounds of set_resources: " + problem.get());
        }
        resource.patch(JSON_PATCH, json(List.of(
                op("replace", "/metadata/resourceVersion", object.getMetadata().getResourceVersion()),
                op("add", "/spec/template/spec/containers/" + index + "/resources/" + wanted.field().key() + "/"
                        + wanted.resource().id(), wanted.value().text()))));
        return new ActionResult.Applied(what + ": " + change.describe() + "; its pods are replaced by a rollout");
    }

    private ActionResult scaleDeployment(String ns, String name, int replicas) {
        String what = "deployment " + ns + "/" + name;
        var resource = client.apps().deployments().inNamespace(ns).withName(name);
        Deployment deployment = require(what, resource);
        int before = Workload.of(deployment).desired();
        resource.subresource("scale").patch(MERGE, json(Map.of(
                "metadata", Map.of("resourceVersion", deployment.getMetadata().getResourceVersion()),
                "spec", Map.of("replicas", replicas))));
        return new ActionResult.Applied(what + " scaled from " + before + " to " + replicas + " replicas");
    }

    /**
     * scale_statefulset: GET the StatefulSet, refuse (409) to scale it down while its claim retention
     * policy deletes the claims of the replicas scaled away (re-checked: the dry-run's answer may be
     * minutes old), then a JSON merge PATCH of its scale subresource with the replicas and its
     * resourceVersion, as scale_deployment.
     */
    private ActionResult scaleStatefulSet(String ns, String name, int replicas) {
        String what = "statefulset " + ns + "/" + name;
        var resource = client.apps().statefulSets().inNamespace(ns).withName(name);
        StatefulSet set = require(what, resource);
        Workload workload = Workload.of(set);
        int before = workload.desired();
        if (WorkloadTargets.losesClaims(workload, replicas)) {
            throw new Refusal(409, what + " deletes the claims of the replicas scaled away"
                    + " (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)");
        }
        resource.subresource("scale").patch(MERGE, json(Map.of(
                "metadata", Map.of("resourceVersion", set.getMetadata().getResourceVersion()),
                "spec", Map.of("replicas", replicas))));
        return new ActionResult.Applied(what + " scaled from " + before + " to " + replicas + " replicas; its claims stay");
    }

    /** VolumeSnapshotClass (cluster-scoped) of the CSI snapshot API. */
    static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SNAPSHOT_CLASSES =
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                    .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
                    .withPlural("volumesnapshotclasses").withNamespaced(false).build();
    /** VolumeSnapshot (namespaced) of the CSI snapshot API. */
    static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext SNAPSHOTS =
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                    .withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshot")
                    .withPlural("volumesnapshots").withNamespaced(true).build();

    /** The VolumeSnapshot a request takes of a claim: {@code awoooi-<claim, cut>-<8 hex of the request>}. */
    static String snapshotName(String claim, String requestId) {
        String suffix = io.awoooi.core.Hashing.sha256Hex(requestId).substring(0, 8);
        String base = claim.length() > 200 ? claim.substring(0, 200) : claim;
        return ("awoooi-" + base + "-" + suffix).replaceAll("[.]+", "-");
    }

    private ActionResult deletePvc(String ns, String name, java.util.Optional<String> snapshotClass, String requestId) {
        if (snapshotClass.isEmpty()) {
            return deletePvc(ns, name);
        }
        String what = "persistentvolumeclaim " + ns + "/" + name;
        require(what, client.persistentVolumeClaims().inNamespace(ns).withName(name));
        String snapshot = snapshotName(name, requestId);
        var snapshots = client.genericKubernetesResources(SNAPSHOTS).inNamespace(ns);
        if (snapshots.withName(snapshot).get() == null) { // a retry finds the one its first attempt made
            GenericKubernetesResource vs = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
                    .withNewMetadata().withName(snapshot).withNamespace(ns)
                    .addToAnnotations("awoooi.io/requested-by", requestId).endMetadata().build();
            vs.setAdditionalProperty("spec", Map.of("volumeSnapshotClassName", snapshotClass.get(),
                    "source", Map.of("persistentVolumeClaimName", name)));
            snapshots.resource(vs).create();
        }
        // the snapshot controller holds the claim (finalizer pvc-as-source-protection) until the
        // snapshot is cut, so deleting it now cannot lose the data the snapshot is taken of
        ActionResult deleted = deletePvc(ns, name);
        return new ActionResult.Applied(((ActionResult.Applied) deleted).detail() + "; VolumeSnapshot " + ns + "/"
                + snapshot + " (class " + snapshotClass.get() + ") taken first");
    }

    private ActionResult deletePvc(String ns, String name) {
        String what = "persistentvolumeclaim " + ns + "/" + name;
        PersistentVolumeClaim claim = require(what, client.persistentVolumeClaims().inNamespace(ns).withName(name));
        // re-checked right before the delete: the dry-run's answer may be minutes old
        List<Pod> users = Pods.mounting(name, client.pods().inNamespace(ns).list().getItems());
        if (!users.isEmpty()) {
            throw new Refusal(409, what + " is in use by " + Pods.named(users));
        }
        List<StatusDetails> deleted = client.persistentVolumeClaims().inNamespace(ns).resource(claim)
                .lockResourceVersion(claim.getMetadata().getResourceVersion())
                .delete();
        if (deleted.isEmpty()) {
            throw new Refusal(404, what + " not found");
        }
        return new ActionResult.Applied(what + " deleted; no pod mounted it");
    }

    private ActionResult cordon(String name, boolean cordon, String requestId) {
        String what = "node " + name;
        var resource = client.nodes().withName(name);
        Node node = require(what, resource);
        boolean before = unschedulable(node);
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(CORDONED_BY, cordon ? requestId : null); // null: a merge patch removes the key
        resource.patch(MERGE, json(Map.of(
                "metadata", Map.of("resourceVersion", node.getMetadata().getResourceVersion(), "annotations", annotations),
                "spec", Map.of("unschedulable", cordon))));
        String done = cordon ? "cordoned (unschedulable)" : "uncordoned (schedulable)";
        return new ActionResult.Applied(what + " " + done + (before == cordon ? "; it was already" : ""));
    }

    /**
     * drain_node: cordon (the same patch as cordon_node, naming the request), then one eviction per pod
     * the drain moves, through the Eviction API, so the API server applies every PodDisruptionBudget:
     * an eviction it refuses (429) is left for later, never forced. A pod no controller owns is
     * refused before anything happens (re-checked: the dry-run's answer may be minutes old).
     */
    private ActionResult drain(String name, String requestId) {
        List<Pod> onNode = podsToEvict(name);
        List<Pod> bare = Pods.bare(onNode);
        if (!bare.isEmpty()) {
            throw new Refusal(409, "node " + name + " runs " + Pods.named(bare)
                    + " that no controller owns: evicting it deletes it for good");
        }
        ActionResult cordoned = cordon(name, true, requestId);
        int evicted = 0;
        List<String> waiting = new ArrayList<>();
        for (Pod pod : onNode) {
            String ns = pod.getMetadata().getNamespace();
            String pod1 = pod.getMetadata().getName();
            boolean accepted = client.pods().inNamespace(ns).withName(pod1).evict();
            if (accepted) {
                evicted++;
            } else {
                waiting.add(ns + "/" + pod1);
            }
        }
        String done = ((ActionResult.Applied) cordoned).detail() + "; " + evicted + " of " + onNode.size()
                + " pods evicted";
        return new ActionResult.Applied(waiting.isEmpty() ? done
                : done + "; " + waiting.size() + " wait for their PodDisruptionBudget (" + String.join(", ",
                        waiting.stream().limit(5).toList()) + (waiting.size() > 5 ? ", ..." : "") + ")");
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
                    Pod pod = client.pods().inNamespace(param(action, "namespace")).withName(param(action, "pod")).get();
                    yield pod == null || pod.getMetadata().getDeletionTimestamp() != null
                            || createdAfter(pod.getMetadata(), approvedAt);
                }
                case ROLLOUT_RESTART -> {
                    yield Workloads.get(client, kind(action), param(action, "namespace"), param(action, "workload"))
                            .filter(w -> requestId.equals(w.templateAnnotations().get(RESTARTED_BY))).isPresent();
                }
                case ROLLOUT_UNDO -> rolledBack(param(action, "namespace"), param(action, "deployment"),
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
                    PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(param(action, "namespace"))
                            .withName(param(action, "pvc")).get();
                    yield claim == null || claim.getMetadata().getDeletionTimestamp() != null;
                }
                case DELETE_POD -> {
                    // the approved pod (its uid) absent or being deleted: another pod of the name is not it
                    Pod pod = client.pods().inNamespace(param(action, "namespace")).withName(param(action, "pod")).get();
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
                            && podsToEvict(param(action, "node")).isEmpty();
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

    /**
     * The Deployment carries this request's rollback mark, or runs the template of the revision to go
     * back to already (toRevision: the ReplicaSet that holds or held it; else the previous revision).
     */
    private boolean rolledBack(String ns, String name, OptionalLong toRevision, String requestId) {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
        if (d == null) {
            return false;
        }
        if (d.getMetadata().getAnnotations() != null
                && requestId.equals(d.getMetadata().getAnnotations().get(ROLLED_BACK_BY))) {
            return true;
        }
        List<ReplicaSet> owned = Rollouts.owned(d, client.apps().replicaSets().inNamespace(ns).list().getItems());
        Optional<ReplicaSet> target = toRevision.isPresent()
                ? owned.stream().filter(rs -> Rollouts.holds(rs, toRevision.getAsLong())).findFirst()
                : Rollouts.target(owned, toRevision);
        return target.isPresent() && Rollouts.sameTemplate(client.getKubernetesSerialization(),
                d.getSpec().getTemplate(), target.get().getSpec().getTemplate());
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

    /** The object, or a 404 refusal naming it. */
    private static <T> T require(String what, Resource<T> resource) {
        T object = resource.get();
        if (object == null) {
            throw new Refusal(404, what + " not found");
        }
        return object;
    }

    private String json(Object patch) {
        return client.getKubernetesSerialization().asJson(patch);
    }

    /** One operation of a JSON patch (RFC 6902). */
    private static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return operation;
    }

    private List<Pod> podsToEvict(String node) {
        return ActionHealth.podsToEvict(client, node);
    }

    /** The API server (or the re-check before a delete) refused: becomes {@link ActionResult.Refused}. */
    private static final class Refusal extends RuntimeException {
        private final int code;
        private final String reason;

        Refusal(int code, String reason) {
            super(reason, null, false, false);
            this.code = code;
            this.reason = reason;
        }
    }
}
