package io.awoooi.kube;

import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads Deployments, StatefulSets and DaemonSets by {@link WorkloadKind}, as {@link Workload}s: the
 * one place that maps a kind onto its fabric8 operation. Failures are the caller's to handle (the
 * dry-run and the actions judge a refused read differently).
 */
public final class Workloads {
    private Workloads() {
    }

    /** The workload's resource (for a GET, or a patch with its resourceVersion as precondition). */
    public static Resource<? extends HasMetadata> resource(KubernetesClient client, WorkloadKind kind, String ns,
            String name) {
        return switch (kind) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(ns).withName(name);
            case STATEFULSET -> client.apps().statefulSets().inNamespace(ns).withName(name);
            case DAEMONSET -> client.apps().daemonSets().inNamespace(ns).withName(name);
        };
    }

    /** The workload of that kind and name, if there is one. */
    public static Optional<Workload> get(KubernetesClient client, WorkloadKind kind, String ns, String name) {
        return Optional.ofNullable(resource(client, kind, ns, name).get()).map(Workload::of);
    }

    /** The namespace's workloads of one kind, by name (one list call). */
    public static List<Workload> list(KubernetesClient client, WorkloadKind kind, String ns) {
        List<? extends HasMetadata> items = switch (kind) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(ns).list().getItems();
            case STATEFULSET -> client.apps().statefulSets().inNamespace(ns).list().getItems();
            case DAEMONSET -> client.apps().daemonSets().inNamespace(ns).list().getItems();
        };
        return items.stream().map(Workload::of).sorted(Comparator.comparing(Workload::name)).toList();
    }

    /**
     * The namespace's Deployments, StatefulSets and DaemonSets, in that order, each kind by name (one
     * list call per kind): the workloads that may select a pod without a controller, or a budget's pods.
     */
    public static List<Workload> all(KubernetesClient client, String ns) {
        List<Workload> all = new java.util.ArrayList<>();
        for (WorkloadKind kind : WorkloadKind.values()) {
            all.addAll(list(client, kind, ns));
        }
        return all;
    }

    /** What a list of the kind reads, as a reason names it: {@code statefulsets in shop}. */
    static String listed(WorkloadKind kind, String ns) {
        return kind.id() + "s in " + ns;
    }
}
