package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Comparator;
import java.util.List;

/**
 * What a pod is to the dry-run, the actions and the local demo controller, as the Kubernetes
 * controllers judge it: finished or not, ready (the disruption controller's "healthy"), a static
 * pod's mirror, evicted by a drain, mounting a claim. One implementation (issue #13 point 4), so the
 * executor's re-check right before a mutation applies the rule the approvers' dry-run applied.
 */
public final class Pods {
    /** The kubelet's annotation on a static pod's mirror. */
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    private static final int MAX_NAMED = 5;

    private Pods() {
    }

    /** Not finished: a Succeeded or Failed pod counts for no budget and holds no claim. */
    public static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** Ready and not being deleted, not finished: the disruption controller's "healthy". */
    public static boolean ready(Pod pod) {
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

    /** A static pod's mirror: the kubelet's annotation, or owned by its node. */
    public static boolean mirror(Pod pod) {
        return annotatedMirror(pod) || PodOwners.controllerOf(pod.getMetadata())
                .filter(o -> "Node".equals(o.getKind())).isPresent();
    }

    /**
     * Whether a drain evicts the pod: not finished, not a DaemonSet's (its controller ignores
     * unschedulable and would put it back), not a mirror pod (the kubelet's static pods).
     */
    public static boolean evictedByDrain(Pod pod) {
        return active(pod) && !annotatedMirror(pod)
                && PodOwners.controllerOf(pod.getMetadata()).filter(o -> "DaemonSet".equals(o.getKind())).isEmpty();
    }

    /** The pods on the node that a drain evicts, by namespace and name. */
    public static List<Pod> evictedFrom(String node, List<Pod> pods) {
        return pods.stream().filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(Pods::evictedByDrain)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                        .thenComparing(p -> p.getMetadata().getName()))
                .toList();
    }

    /** The pods no controller owns: evicted or deleted, they are gone for good. */
    public static List<Pod> bare(List<Pod> pods) {
        return pods.stream().filter(p -> PodOwners.controllerOf(p.getMetadata()).isEmpty()).toList();
    }

    /** Whether the pod uses the claim: by name, or as the claim of a generic ephemeral volume ({@code <pod>-<volume>}). */
    public static boolean mounts(Pod pod, String claim) {
        List<Volume> volumes = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of()
                : pod.getSpec().getVolumes();
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

    /** The pods of the list that have not finished and mount the claim, by name: the claim's users. */
    public static List<Pod> mounting(String claim, List<Pod> pods) {
        return pods.stream().filter(Pods::active).filter(p -> mounts(p, claim))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    /** {@code pod a, b, c} (at most {@value #MAX_NAMED} names, then {@code and 3 more}). */
    public static String named(List<Pod> pods) {
        List<String> names = pods.stream().map(o -> o.getMetadata().getName()).toList();
        String shown = String.join(", ", names.subList(0, Math.min(MAX_NAMED, names.size())));
        return "pod " + shown + (names.size() > MAX_NAMED ? " and " + (names.size() - MAX_NAMED) + " more" : "");
    }

    private static boolean annotatedMirror(Pod pod) {
        return pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey(MIRROR_ANNOTATION);
    }
}
