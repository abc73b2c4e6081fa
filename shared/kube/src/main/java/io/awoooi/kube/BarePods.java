package io.awoooi.kube;

import io.awoooi.core.action.PodUid;
import io.awoooi.core.action.SystemNamespaces;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * delete_pod's rules for the pod it deletes, in the order they are checked: the dry-run checks them
 * for the approvers, the executor again right before the DELETE (its answer may be minutes old), so
 * both refuse the same pods. Nothing recreates a deleted bare pod, so only a bare pod may go.
 */
final class BarePods {
    private BarePods() {
    }

    /** Why the pod found under the approved name may not be deleted. */
    enum Problem {
        /** Another uid: the pod approved is gone and another took its name. */
        ANOTHER_POD,
        /** A static pod's mirror: only its kubelet removes it. */
        STATIC_POD,
        /** A controller owns it and would recreate it. */
        CONTROLLED
    }

    /** kube-* namespaces: delete_pod deletes no pod there (checked before any read). */
    static boolean inSystemNamespace(String ns) {
        return SystemNamespaces.isSystem(ns);
    }

    /** The first rule the pod breaks, if any (a workload selecting a pod without a controller is the caller's). */
    static Optional<Problem> problem(Pod pod, String uid) {
        if (!PodUid.same(pod.getMetadata().getUid(), uid)) {
            return Optional.of(Problem.ANOTHER_POD);
        }
        if (Pods.mirror(pod)) {
            return Optional.of(Problem.STATIC_POD);
        }
        if (PodOwners.controllerOf(pod.getMetadata()).isPresent()) {
            return Optional.of(Problem.CONTROLLED);
        }
        return Optional.empty();
    }
}
