package io.awoooi.kube;

import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which workload owns a pod, decided once for the dry-run and the actions (issue #13 point 4): the
 * executor re-checks what the approvers saw, so both must name the same owner. A pod with a
 * controller reference belongs to it (a ReplicaSet to the Deployment that controls it; a
 * StatefulSet or DaemonSet directly; anything else to no workload); a pod without one belongs to
 * the first workload that selects it, Deployments before StatefulSets before DaemonSets, then by name.
 * The callers read the cluster their own way (the dry-run through its cache and error handling).
 */
public final class PodOwners {
    private PodOwners() {
    }

    /** A workload by kind and name, in the pod's namespace. */
    public record Owner(WorkloadKind kind, String name) {
    }

    /** A workload of the namespace that may select a pod without a controller. */
    public record Candidate(WorkloadKind kind, String name, LabelSelector selector) {
    }

    /**
     * @param pod        the pod's metadata
     * @param replicaSet the ReplicaSet of that name in the pod's namespace, or null when there is none
     * @param candidates the namespace's Deployments, StatefulSets and DaemonSets (asked only for a bare pod)
     */
    public static Optional<Owner> of(ObjectMeta pod, Function<String, ReplicaSet> replicaSet,
            Supplier<List<Candidate>> candidates) {
        OwnerReference ref = controllerOf(pod).orElse(null);
        if (ref == null) {
            var labels = Selectors.labels(pod);
            return candidates.get().stream().filter(c -> Selectors.matches(c.selector(), labels))
                    .min(Comparator.comparing((Candidate c) -> c.kind().ordinal()).thenComparing(Candidate::name))
                    .map(c -> new Owner(c.kind(), c.name()));
        }
        return switch (ref.getKind()) {
            case "ReplicaSet" -> {
                ReplicaSet rs = replicaSet.apply(ref.getName());
                OwnerReference top = rs == null ? null : controllerOf(rs.getMetadata()).orElse(null);
                yield top != null && "Deployment".equals(top.getKind())
                        ? Optional.of(new Owner(WorkloadKind.DEPLOYMENT, top.getName()))
                        : Optional.empty();
            }
            case "StatefulSet" -> Optional.of(new Owner(WorkloadKind.STATEFULSET, ref.getName()));
            case "DaemonSet" -> Optional.of(new Owner(WorkloadKind.DAEMONSET, ref.getName()));
            default -> Optional.empty();
        };
    }

    /** The object's controlling owner reference (a pod's ReplicaSet, a ReplicaSet's Deployment), if any. */
    public static Optional<OwnerReference> controllerOf(ObjectMeta meta) {
        List<OwnerReference> refs = meta == null || meta.getOwnerReferences() == null ? List.of()
                : meta.getOwnerReferences();
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** A candidate for every workload: what {@link #of} matches a bare pod against. */
    public static List<Candidate> candidates(List<Workload> workloads) {
        return workloads.stream().map(w -> new Candidate(w.kind(), w.name(), w.selector())).toList();
    }
}
