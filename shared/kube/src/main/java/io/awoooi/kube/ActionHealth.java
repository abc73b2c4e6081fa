package io.awoooi.kube;

import static io.awoooi.kube.ActionParameters.kind;
import static io.awoooi.kube.ActionParameters.param;
import static io.awoooi.kube.ApiFailures.reason;
import static io.awoooi.kube.ApiFailures.unavailable;
import static io.awoooi.kube.ClusterTargets.unschedulable;
import static io.awoooi.kube.Rollouts.toRevision;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.execution.TargetHealth;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link KubernetesActions#health} and {@link KubernetesActions#savingRealized} read after an
 * action: the health of what it touched (a workload's replicas, status and pods, a rollout's
 * progress, a node, a claim, a namespace) and whether a FinOps saving is realized. Read-only; see
 * the class comment of {@link KubernetesActions} for the rules. The controller of a pod comes from
 * {@link PodOwners}, as in the dry-run.
 */
final class ActionHealth {
    /** The label StatefulSet (and DaemonSet) pods carry with the revision of the template they were made from. */
    private static final String CONTROLLER_REVISION_HASH = "controller-revision-hash";

    private final KubernetesClient client;
    private final KubernetesRestores restores;

    /** @param restores the drift baselines, or null when the function does not read them */
    ActionHealth(KubernetesClient client, KubernetesRestores restores) {
        this.client = client;
        this.restores = restores;
    }

    TargetHealth health(ProposedAction action) {
        Objects.requireNonNull(action, "action");
        if (action.needsRehydration()) {
            return new TargetHealth(false, List.of("the action still holds pseudonymized names"));
        }
        try {
            return switch (action.type()) {
                case RESTART_POD -> podHealth(param(action, "namespace"), param(action, "pod"));
                case ROLLOUT_RESTART ->
                    workloadHealth(kind(action), param(action, "namespace"), param(action, "workload"));
                case ROLLOUT_UNDO -> rollbackHealth(param(action, "namespace"), param(action, "deployment"),
                        toRevision(action));
                case SET_RESOURCES ->
                    resourcesHealth(kind(action), param(action, "namespace"), param(action, "workload"),
                            ContainerResources.Wanted.of(action));
                case SCALE_DEPLOYMENT -> workloadHealth(WorkloadKind.DEPLOYMENT, param(action, "namespace"),
                        param(action, "deployment"));
                case SCALE_STATEFULSET -> workloadHealth(WorkloadKind.STATEFULSET, param(action, "namespace"),
                        param(action, "statefulset"));
                case DELETE_PVC -> claimHealth(param(action, "namespace"), param(action, "pvc"));
                // what a deleted bare pod leaves healthy is nothing: the effect is that it is gone
                case DELETE_POD -> podGone(param(action, "namespace"), param(action, "pod"), param(action, "uid"));
                case CORDON_NODE -> nodeHealth(param(action, "node"), true);
                case UNCORDON_NODE -> nodeHealth(param(action, "node"), false);
                case DRAIN_NODE -> drainHealth(param(action, "node"));
                case RESTORE_FIELDS -> restores == null ? new TargetHealth(false,
                        List.of("restore_fields needs the drift baselines, which this function does not read"))
                        : restores.health(action);
                case DELETE_NAMESPACE -> namespaceHealth(param(action, "namespace"));
            };
        } catch (KubernetesClientException e) {
            if (ApiFailures.unreachable(e)) {
                throw unavailable(e, action.type().id());
            }
            return new TargetHealth(false, List.of("the API server refused a read: " + reason(e)
                    + ApiFailures.httpCode(e)));
        }
    }

    private TargetHealth podHealth(String ns, String name) {
        String what = "pod " + ns + "/" + name;
        Pod pod = client.pods().inNamespace(ns).withName(name).get();
        Optional<Workload> owner = pod != null ? ownerOf(pod) : ownerByName(ns, name);
        if (owner.isPresent()) {
            return workloadHealth(owner.get());
        }
        if (pod == null) {
            return new TargetHealth(false, List.of(what + " absent and no workload owns that name"));
        }
        List<String> problems = podProblems(pod);
        List<String> evidence = new ArrayList<>();
        evidence.add(what + (problems.isEmpty() ? " ready" : "") + "; no controller owns it");
        evidence.addAll(problems);
        return new TargetHealth(problems.isEmpty(), evidence);
    }

    private TargetHealth workloadHealth(WorkloadKind kind, String ns, String name) {
        return Workloads.get(client, kind, ns, name).map(this::workloadHealth)
                .orElseGet(() -> new TargetHealth(false, List.of(kind.id() + " " + ns + "/" + name + " absent")));
    }

    private TargetHealth workloadHealth(Workload workload) {
        return workloadHealth(workload, livePods(workload));
    }

    private TargetHealth workloadHealth(Workload workload, List<Pod> pods) {
        List<String> evidence = new ArrayList<>();
        boolean healthy = workload.ready() >= workload.desired();
        evidence.add(workload.describe() + " " + workload.ready() + "/" + workload.desired() + " ready");
        Long generation = workload.meta().getGeneration();
        if (generation != null && workload.observedGeneration() != null && workload.observedGeneration() < generation) {
            healthy = false;
            evidence.add(workload.describe() + " status not yet updated to generation " + generation
                    + " (observed " + workload.observedGeneration() + ")");
        }
        for (Pod pod : pods) {
            List<String> problems = podProblems(pod);
            healthy &= problems.isEmpty();
            evidence.addAll(problems);
        }
        return new TargetHealth(healthy, evidence);
    }

    /** The workload's pods: selected by it, not finished, not being deleted; by name. */
    private List<Pod> livePods(Workload workload) {
        return client.pods().inNamespace(workload.meta().getNamespace()).list().getItems().stream()
                .filter(Pods::active)
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> Selectors.matches(workload.selector(), Selectors.labels(p.getMetadata())))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /**
     * rollout_undo: the Deployment healthy as any workload, its rollout complete (as kubectl rollout
     * status judges it), and still on the template of the revision asked for (toRevision: the
     * ReplicaSet that holds or held it).
     */
    private TargetHealth rollbackHealth(String ns, String name, OptionalLong toRevision) {
        String what = "deployment " + ns + "/" + name;
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
        if (d == null) {
            return new TargetHealth(false, List.of(what + " absent"));
        }
        TargetHealth base = workloadHealth(Workload.of(d));
        List<String> evidence = new ArrayList<>(base.evidence());
        List<String> rollout = rolloutProblems(d);
        evidence.addAll(rollout);
        boolean healthy = base.healthy() && rollout.isEmpty();
        List<ReplicaSet> owned = Rollouts.owned(d, client.apps().replicaSets().inNamespace(ns).list().getItems());
        Optional<ReplicaSet> running = Rollouts.running(client.getKubernetesSerialization(), d, owned);
        running.ifPresent(rs -> evidence.add(what + " runs the template of replicaset " + ns + "/"
                + rs.getMetadata().getName() + " (revision " + Rollouts.revision(rs).orElseThrow() + ")"));
        if (toRevision.isPresent() && running.filter(rs -> Rollouts.holds(rs, toRevision.getAsLong())).isEmpty()) {
            healthy = false;
            evidence.add(what + " does not run the template of revision " + toRevision.getAsLong() + " any more");
        }
        return new TargetHealth(healthy, evidence);
    }

    /**
     * set_resources: the workload healthy as any workload, its rollout complete, the container still
     * at the value set, and no pod on the current template with a container OOMKilled (its pods were
     * created from the changed template, so any such kill came after the change).
     */
    private TargetHealth resourcesHealth(WorkloadKind kind, String ns, String name, ContainerResources.Wanted wanted) {
        Optional<Workload> found = Workloads.get(client, kind, ns, name);
        if (found.isEmpty()) {
            return new TargetHealth(false, List.of(kind.id() + " " + ns + "/" + name + " absent"));
        }
        Workload workload = found.get();
        HasMetadata object = workload.object();
        List<Pod> live = livePods(workload);
        TargetHealth base = workloadHealth(workload, live);
        List<String> evidence = new ArrayList<>(base.evidence());
        List<String> rollout = rolloutProblems(object);
        evidence.addAll(rollout);
        boolean healthy = base.healthy() && rollout.isEmpty();
        String setting = wanted.resource().id() + " " + wanted.field().id() + " of container " + wanted.container();
        int index = ContainerResources.indexOf(workload.template(), wanted.container());
        Optional<io.awoooi.core.action.Quantity> now = index < 0 ? Optional.empty() : ContainerResources.current(
                ContainerResources.containers(workload.template()).get(index), wanted.resource(), wanted.field());
        if (now.filter(wanted.value()::sameAmount).isPresent()) {
            evidence.add(workload.describe() + ": " + setting + " is " + now.get());
        } else {
            healthy = false;
            evidence.add(workload.describe() + ": " + setting + " is " + now.map(Object::toString).orElse(
                    index < 0 ? "gone (no such container)" : "not set") + ", not the " + wanted.value() + " set");
        }
        for (Pod pod : onCurrentTemplate(object, live)) {
            List<String> killed = oomKilled(pod);
            if (!killed.isEmpty()) {
                healthy = false;
                evidence.add("pod " + ns + "/" + pod.getMetadata().getName() + " on the current template: container "
                        + String.join(", ", killed) + " OOMKilled");
            }
        }
        return new TargetHealth(healthy, evidence);
    }

    /**
     * The rollout of the workload's current template, as kubectl rollout status judges it; empty when
     * complete. Counts the API omits (zero) are zero.
     */
    private static List<String> rolloutProblems(HasMetadata object) {
        String what = Workload.of(object).describe();
        switch (object) {
            case Deployment d -> {
                int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
                var st = d.getStatus();
                int updated = st == null ? 0 : Objects.requireNonNullElse(st.getUpdatedReplicas(), 0);
                int replicas = st == null ? 0 : Objects.requireNonNullElse(st.getReplicas(), 0);
                int available = st == null ? 0 : Objects.requireNonNullElse(st.getAvailableReplicas(), 0);
                if (updated < desired) {
                    return List.of(what + " rollout: " + updated + " of " + desired
                            + " replicas updated to the current template");
                }
                if (replicas > updated) {
                    return List.of(what + " rollout: " + (replicas - updated) + " old replicas pending termination");
                }
                if (available < updated) {
                    return List.of(what + " rollout: " + available + " of " + updated + " updated replicas available");
                }
                return List.of();
            }
            case StatefulSet s -> {
                int desired = Objects.requireNonNullElse(s.getSpec().getReplicas(), 1);
                var st = s.getStatus();
                int updated = st == null ? 0 : Objects.requireNonNullElse(st.getUpdatedReplicas(), 0);
                String current = st == null ? null : st.getCurrentRevision();
                String update = st == null ? null : st.getUpdateRevision();
                if (updated < desired) {
                    return List.of(what + " rollout: " + updated + " of " + desired + " pods at the update revision");
                }
                if (current != null && update != null && !current.equals(update)) {
                    return List.of(what + " rollout: the update revision " + update + " is not the current one yet ("
                            + current + ")");
                }
                return List.of();
            }
            case DaemonSet d -> {
                var st = d.getStatus();
                int desired = st == null ? 0 : Objects.requireNonNullElse(st.getDesiredNumberScheduled(), 0);
                int updated = st == null ? 0 : Objects.requireNonNullElse(st.getUpdatedNumberScheduled(), 0);
                int available = st == null ? 0 : Objects.requireNonNullElse(st.getNumberAvailable(), 0);
                if (updated < desired) {
                    return List.of(
                            what + " rollout: " + updated + " of " + desired + " pods updated to the current template");
                }
                if (available < desired) {
                    return List.of(what + " rollout: " + available + " of " + desired + " updated pods available");
                }
                return List.of();
            }
            default -> throw new IllegalArgumentException("not a workload: " + object.getKind());
        }
    }

    /**
     * The live pods made from the workload's current template: a Deployment's by the hash label of
     * the ReplicaSet running its template, a StatefulSet's by its update revision; a DaemonSet's (or
     * when that is unknown) all of them.
     */
    private List<Pod> onCurrentTemplate(HasMetadata object, List<Pod> live) {
        String key;
        String value;
        switch (object) {
            case Deployment d -> {
                List<ReplicaSet> owned = Rollouts.owned(d,
                        client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems());
                key = Rollouts.HASH_LABEL;
                value = Rollouts.running(client.getKubernetesSerialization(), d, owned)
                        .map(rs -> Selectors.labels(rs.getMetadata()).get(Rollouts.HASH_LABEL)).orElse(null);
            }
            case StatefulSet s -> {
                key = CONTROLLER_REVISION_HASH;
                value = s.getStatus() == null ? null : s.getStatus().getUpdateRevision();
            }
            default -> {
                key = null;
                value = null;
            }
        }
        if (value == null) {
            return live;
        }
        return live.stream().filter(p -> value.equals(Selectors.labels(p.getMetadata()).get(key))).toList();
    }

    /** The names of the pod's containers whose current or last termination was OOMKilled. */
    private static List<String> oomKilled(Pod pod) {
        List<ContainerStatus> containers = new ArrayList<>();
        if (pod.getStatus() != null) {
            Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(containers::addAll);
            Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(containers::addAll);
        }
        List<String> killed = new ArrayList<>();
        for (ContainerStatus c : containers) {
            boolean now = c.getState() != null && c.getState().getTerminated() != null
                    && KubernetesActions.OOM_KILLED.equals(c.getState().getTerminated().getReason());
            boolean before = c.getLastState() != null && c.getLastState().getTerminated() != null
                    && KubernetesActions.OOM_KILLED.equals(c.getLastState().getTerminated().getReason());
            if (now || before) {
                killed.add(c.getName() + " (" + Objects.requireNonNullElse(c.getRestartCount(), 0) + " restarts)");
            }
        }
        return killed;
    }

    /** Empty when the pod is ready; else why not: CrashLoopBackOff first, else "not ready". */
    private static List<String> podProblems(Pod pod) {
        String what = "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        List<ContainerStatus> containers = new ArrayList<>();
        if (pod.getStatus() != null) {
            Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(containers::addAll);
            Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(containers::addAll);
        }
        int restarts = containers.stream().mapToInt(c -> Objects.requireNonNullElse(c.getRestartCount(), 0)).sum();
        boolean crashLooping = containers.stream()
                .anyMatch(c -> c.getState() != null && c.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason()));
        if (crashLooping) {
            return List.of(what + " in CrashLoopBackOff (" + restarts + " restarts)");
        }
        return Pods.ready(pod) ? List.of() : List.of(what + " not ready");
    }

    /**
     * A FinOps saving is realized when the waste is gone: the claim absent (its storage no longer
     * billed), the Deployment at zero replicas with no pod left, the node drained. Other actions: health.
     */
    TargetHealth savingRealized(ProposedAction action) {
        Objects.requireNonNull(action, "action");
        try {
            return switch (action.type()) {
                case DELETE_PVC -> {
                    String what = "persistentvolumeclaim " + param(action, "namespace") + "/" + param(action, "pvc");
                    PersistentVolumeClaim claim = client.persistentVolumeClaims()
                            .inNamespace(param(action, "namespace"))
                            .withName(param(action, "pvc")).get();
                    yield claim == null
                            ? new TargetHealth(true, List.of(what + " is gone: its storage is no longer billed"))
                            : new TargetHealth(false, List.of(what + " still exists"
                                    + (claim.getMetadata().getDeletionTimestamp() != null ? " (being deleted)" : "")));
                }
                case SCALE_DEPLOYMENT -> {
                    String ns = param(action, "namespace");
                    String what = "deployment " + ns + "/" + param(action, "deployment");
                    Deployment d = client.apps().deployments().inNamespace(ns).withName(param(action, "deployment"))
                            .get();
                    yield scaled(what, d, d == null || d.getStatus() == null ? null : d.getStatus().getReplicas(),
                            param(action, "replicas"));
                }
                case SCALE_STATEFULSET -> {
                    String ns = param(action, "namespace");
                    String what = "statefulset " + ns + "/" + param(action, "statefulset");
                    StatefulSet s = client.apps().statefulSets().inNamespace(ns).withName(param(action, "statefulset"))
                            .get();
                    yield scaled(what, s, s == null || s.getStatus() == null ? null : s.getStatus().getReplicas(),
                            param(action, "replicas"));
                }
                case DRAIN_NODE -> drainHealth(param(action, "node"));
                case DELETE_POD -> podGone(param(action, "namespace"), param(action, "pod"), param(action, "uid"));
                default -> health(action);
            };
        } catch (KubernetesClientException e) {
            if (ApiFailures.unreachable(e)) {
                throw unavailable(e, action.type().id());
            }
            return new TargetHealth(false, List.of("could not be read: " + reason(e)));
        }
    }

    /** drain_node worked when the node is cordoned and holds no pod a drain evicts (or is gone: removed). */
    private TargetHealth drainHealth(String name) {
        Node node = client.nodes().withName(name).get();
        if (node == null) {
            return new TargetHealth(true, List.of("node " + name + " is gone (removed from its node group)"));
        }
        List<Pod> left = podsToEvict(name);
        boolean cordoned = unschedulable(node);
        List<String> evidence = new ArrayList<>();
        evidence.add("node " + name + " " + (cordoned ? "unschedulable" : "schedulable again"));
        evidence.add(left.isEmpty() ? "no pod left to evict (DaemonSet pods stay until the node goes)"
                : left.size() + " pods still on it: " + String.join(", ", left.stream().limit(5)
                        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).toList()));
        return new TargetHealth(cordoned && left.isEmpty(), evidence);
    }

    private TargetHealth nodeHealth(String name, boolean cordoned) {
        Node node = client.nodes().withName(name).get();
        if (node == null) {
            return new TargetHealth(false, List.of("node " + name + " absent"));
        }
        String ready = "Unknown";
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                if ("Ready".equals(c.getType()) && c.getStatus() != null) {
                    ready = c.getStatus();
                }
            }
        }
        boolean unschedulable = unschedulable(node);
        String evidence = "node " + name + " Ready=" + ready + ", " + (unschedulable ? "unschedulable" : "schedulable");
        return new TargetHealth("True".equals(ready) && unschedulable == cordoned, List.of(evidence));
    }

    private TargetHealth claimHealth(String ns, String name) {
        String what = "persistentvolumeclaim " + ns + "/" + name;
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName(name).get();
        if (claim == null) {
            return new TargetHealth(false, List.of(what + " absent"));
        }
        String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
        String evidence = what + " " + (phase == null ? "without a phase" : phase)
                + (claim.getMetadata().getDeletionTimestamp() != null ? ", being deleted" : "");
        return new TargetHealth("Bound".equals(phase) && claim.getMetadata().getDeletionTimestamp() == null,
                List.of(evidence));
    }

    private TargetHealth namespaceHealth(String name) {
        Namespace namespace = client.namespaces().withName(name).get();
        if (namespace == null) {
            return new TargetHealth(false, List.of("namespace " + name + " absent"));
        }
        String phase = namespace.getStatus() == null || namespace.getStatus().getPhase() == null
                ? "Active" : namespace.getStatus().getPhase();
        return new TargetHealth(!"Terminating".equals(phase), List.of("namespace " + name + " " + phase));
    }

    // ---------------------------------------------------------------------- owners

    /** The pod's controller: owner references first (ReplicaSet to Deployment), else the first workload selecting it. */
    private Optional<Workload> ownerOf(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        return PodOwners
                .of(pod.getMetadata(), rs -> client.apps().replicaSets().inNamespace(ns).withName(rs).get(),
                        () -> PodOwners.candidates(Workloads.all(client, ns)))
                .flatMap(o -> existing(o.kind(), ns, o.name()));
    }

    /** For a pod gone already: its controller from the names controllers give their pods. */
    private Optional<Workload> ownerByName(String ns, String pod) {
        int dash = pod.lastIndexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        String base = pod.substring(0, dash);
        String suffix = pod.substring(dash + 1);
        Optional<Workload> owner = suffix.chars().allMatch(Character::isDigit)
                ? existing(WorkloadKind.STATEFULSET, ns, base) : Optional.empty();
        if (owner.isEmpty()) {
            owner = deploymentOf(ns, base);
        }
        if (owner.isEmpty()) {
            owner = existing(WorkloadKind.DAEMONSET, ns, base);
        }
        int second = base.lastIndexOf('-');
        if (owner.isEmpty() && second > 0) {
            owner = existing(WorkloadKind.DEPLOYMENT, ns, base.substring(0, second));
        }
        return owner;
    }

    private Optional<Workload> deploymentOf(String ns, String replicaSet) {
        ReplicaSet rs = client.apps().replicaSets().inNamespace(ns).withName(replicaSet).get();
        OwnerReference top = rs == null ? null : PodOwners.controllerOf(rs.getMetadata()).orElse(null);
        return top != null && "Deployment".equals(top.getKind())
                ? existing(WorkloadKind.DEPLOYMENT, ns, top.getName())
                : Optional.empty();
    }

    private Optional<Workload> existing(WorkloadKind kind, String ns, String name) {
        return Workloads.get(client, kind, ns, name);
    }

    /** delete_pod worked when no pod of that uid is left (absent, or replaced by another pod of the name). */
    private TargetHealth podGone(String ns, String name, String uid) {
        String what = "pod " + ns + "/" + name;
        Pod pod = client.pods().inNamespace(ns).withName(name).get();
        if (pod == null) {
            return new TargetHealth(true, List.of(what + " is gone: its requests are released"));
        }
        if (!io.awoooi.core.action.PodUid.same(pod.getMetadata().getUid(), uid)) {
            return new TargetHealth(true, List.of(what + " (the pod approved) is gone; another pod has its name now"));
        }
        return new TargetHealth(false, List.of(what + " still exists"
                + (pod.getMetadata().getDeletionTimestamp() != null ? " (terminating)" : "")));
    }

    /**
     * A scaled Deployment or StatefulSet is effective once it wants the approved replicas and runs
     * no more than that (a workload that is gone is effective too: nothing of it runs).
     */
    private static TargetHealth scaled(String what, HasMetadata workload, Integer statusReplicas, String replicas) {
        if (workload == null) {
            return new TargetHealth(true, List.of(what + " is gone"));
        }
        int wanted = Integer.parseInt(replicas);
        int desired = Workload.of(workload).desired();
        int running = statusReplicas == null ? 0 : statusReplicas;
        return new TargetHealth(desired == wanted && running <= wanted,
                List.of(what + " wants " + desired + " replicas, " + running + " exist"));
    }

    /** The pods on the node a drain evicts now (not DaemonSet or mirror pods, not finished, not being deleted). */
    static List<Pod> podsToEvict(KubernetesClient client, String node) {
        return Pods.evictedFrom(node, client.pods().inAnyNamespace().list().getItems()).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private List<Pod> podsToEvict(String node) {
        return podsToEvict(client, node);
    }

}
