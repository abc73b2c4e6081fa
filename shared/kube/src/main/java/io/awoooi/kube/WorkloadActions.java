package io.awoooi.kube;

import static io.awoooi.kube.KubernetesActions.RESTARTED_AT;
import static io.awoooi.kube.KubernetesActions.RESTARTED_BY;
import static io.awoooi.kube.KubernetesActions.ROLLED_BACK_BY;
import static io.awoooi.kube.Mutations.JSON_PATCH;
import static io.awoooi.kube.Mutations.MERGE;
import static io.awoooi.kube.Mutations.json;
import static io.awoooi.kube.Mutations.op;
import static io.awoooi.kube.Mutations.require;

import io.awoooi.core.action.ResourceChange;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.topology.WorkloadKind;
import io.awoooi.kube.Mutations.Refusal;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The workload actions against the API (see {@link KubernetesActions} for what each sends):
 * rollout_restart, rollout_undo ({@link Rollouts}), set_resources ({@link ContainerResources} and
 * the bounds of {@link ResourceChange} again), scale_deployment and scale_statefulset
 * ({@link WorkloadTargets#losesClaims} again). Each patch carries the resourceVersion read.
 */
final class WorkloadActions {
    private final KubernetesClient client;
    private final Clock clock;

    WorkloadActions(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    ActionResult rolloutRestart(WorkloadKind kind, String ns, String name, String requestId) {
        String what = kind.id() + " " + ns + "/" + name;
        Resource<? extends HasMetadata> resource = Workloads.resource(client, kind, ns, name);
        HasMetadata workload = require(what, resource);
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(RESTARTED_AT, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        annotations.put(RESTARTED_BY, requestId);
        resource.patch(MERGE, json(client, Map.of(
                "metadata", Map.of("resourceVersion", workload.getMetadata().getResourceVersion()),
                "spec", Map.of("template", Map.of("metadata", Map.of("annotations", annotations))))));
        return new ActionResult.Applied("rollout restart of " + what + " started: its pod template is annotated");
    }

    ActionResult rolloutUndo(String ns, String name, OptionalLong toRevision, String requestId) {
        String what = "deployment " + ns + "/" + name;
        var resource = client.apps().deployments().inNamespace(ns).withName(name);
        Deployment deployment = require(what, resource);
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            throw new Refusal(409, what + " is paused: a paused Deployment is not rolled back (resume it first)");
        }
        List<ReplicaSet> owned = Rollouts.owned(deployment,
                client.apps().replicaSets().inNamespace(ns).list().getItems());
        ReplicaSet target = Rollouts.target(owned, toRevision).orElseThrow(() -> new Refusal(404, what + " has no "
                + (toRevision.isPresent() ? "revision " + toRevision.getAsLong() : "previous revision")
                + " to roll back to"));
        long revision = Rollouts.revision(target).orElseThrow();
        String held = "replicaset " + ns + "/" + target.getMetadata().getName();
        if (Rollouts.sameTemplate(client.getKubernetesSerialization(), deployment.getSpec().getTemplate(),
                target.getSpec().getTemplate())) {
            throw new Refusal(409, what + " runs the template of revision " + revision + " (" + held + ") already");
        }
        Map<String, String> annotations = new TreeMap<>(Objects.requireNonNullElse(
                deployment.getMetadata().getAnnotations(), Map.of()));
        annotations.put(ROLLED_BACK_BY, requestId);
        resource.patch(JSON_PATCH, json(client, List.of(
                op("replace", "/metadata/resourceVersion", deployment.getMetadata().getResourceVersion()),
                op("replace", "/spec/template", Rollouts.restorable(client.getKubernetesSerialization(), target)),
                op("add", "/metadata/annotations", annotations))));
        return new ActionResult.Applied(what + " rolled back to revision " + revision + " (" + held
                + "): its pod template is that revision's again");
    }

    ActionResult setResources(WorkloadKind kind, String ns, String name, ContainerResources.Wanted wanted) {
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
        resource.patch(JSON_PATCH, json(client, List.of(
                op("replace", "/metadata/resourceVersion", object.getMetadata().getResourceVersion()),
                op("add", "/spec/template/spec/containers/" + index + "/resources/" + wanted.field().key() + "/"
                        + wanted.resource().id(), wanted.value().text()))));
        return new ActionResult.Applied(what + ": " + change.describe() + "; its pods are replaced by a rollout");
    }

    ActionResult scaleDeployment(String ns, String name, int replicas) {
        String what = "deployment " + ns + "/" + name;
        var resource = client.apps().deployments().inNamespace(ns).withName(name);
        Deployment deployment = require(what, resource);
        int before = Workload.of(deployment).desired();
        resource.subresource("scale").patch(MERGE, json(client, Map.of(
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
    ActionResult scaleStatefulSet(String ns, String name, int replicas) {
        String what = "statefulset " + ns + "/" + name;
        var resource = client.apps().statefulSets().inNamespace(ns).withName(name);
        StatefulSet set = require(what, resource);
        Workload workload = Workload.of(set);
        int before = workload.desired();
        if (WorkloadTargets.losesClaims(workload, replicas)) {
            throw new Refusal(409, what + " deletes the claims of the replicas scaled away"
                    + " (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)");
        }
        resource.subresource("scale").patch(MERGE, json(client, Map.of(
                "metadata", Map.of("resourceVersion", set.getMetadata().getResourceVersion()),
                "spec", Map.of("replicas", replicas))));
        return new ActionResult.Applied(
                what + " scaled from " + before + " to " + replicas + " replicas; its claims stay");
    }

    /**
     * The Deployment carries this request's rollback mark, or runs the template of the revision to go
     * back to already (toRevision: the ReplicaSet that holds or held it; else the previous revision).
     */
    boolean rolledBack(String ns, String name, OptionalLong toRevision, String requestId) {
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
}
