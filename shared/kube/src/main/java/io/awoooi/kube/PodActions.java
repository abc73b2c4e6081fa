package io.awoooi.kube;

import static io.awoooi.kube.KubernetesActions.GRACE_PERIOD_SECONDS;
import static io.awoooi.kube.Mutations.require;

import io.awoooi.core.execution.ActionResult;
import io.awoooi.kube.Mutations.Refusal;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.extension.ExtensibleResource;
import java.util.List;
import java.util.Optional;

/**
 * restart_pod and delete_pod against the API (see {@link KubernetesActions} for what each sends):
 * a DELETE with the grace period and the resourceVersion read as precondition; delete_pod re-checks
 * {@link BarePods} right before, as the dry-run checked it for the approvers.
 */
final class PodActions {
    private final KubernetesClient client;

    PodActions(KubernetesClient client) {
        this.client = client;
    }

    ActionResult restartPod(String ns, String name) {
        String what = "pod " + ns + "/" + name;
        Pod pod = require(what, client.pods().inNamespace(ns).withName(name));
        delete(pod, what);
        return new ActionResult.Applied(what + " deleted with a " + GRACE_PERIOD_SECONDS + " s grace period");
    }

    /**
     * delete_pod: GET the pod; refuse (409) another pod of that name (another uid), a pod a controller
     * owns or a workload selects now, or a static pod, and (403) a kube- namespace, all re-checked here since the dry-run's
     * answer may be minutes old; then DELETE with the grace period and the resourceVersion read as
     * precondition (one version of one object: it pins the uid too).
     */
    ActionResult deletePod(String ns, String name, String uid) {
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
        // a workload whose selector matches the pod adopts it (and recreates it): the dry-run refuses
        // such a pod, and a workload created or changed since the approval makes it one
        Optional<PodOwners.Owner> selecting = PodOwners.of(pod.getMetadata(), rs -> null,
                () -> PodOwners.candidates(Workloads.all(client, ns)));
        if (selecting.isPresent()) {
            throw new Refusal(409, what + " is selected by " + selecting.get().kind().id() + " " + ns + "/"
                    + selecting.get().name() + " now (it would recreate it): not a bare pod");
        }
        delete(pod, what);
        return new ActionResult.Applied(what + " deleted with a " + GRACE_PERIOD_SECONDS
                + " s grace period; no controller recreates it");
    }

    /** DELETE the pod as read: the grace period, and its resourceVersion as precondition (404 when gone). */
    private void delete(Pod pod, String what) {
        String version = pod.getMetadata().getResourceVersion();
        Resource<Pod> resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod);
        // Resource's own interface locks or sets a grace period, not both; the operations fabric8 7.5
        // hands out are ExtensibleResources, which chain them. Were that ever not so: the pod's own
        // grace period, the precondition kept.
        List<StatusDetails> deleted = resource instanceof ExtensibleResource<Pod> extensible
                ? extensible.withGracePeriod(GRACE_PERIOD_SECONDS).lockResourceVersion(version).delete()
                : resource.lockResourceVersion(version).delete();
        if (deleted.isEmpty()) {
            throw new Refusal(404, what + " not found");
        }
    }
}
