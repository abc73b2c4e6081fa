package io.awoooi.kube;

import io.awoooi.core.failure.TopologyUnavailableException;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster reads of one dry-run, each list read once (a dry-run looks at one namespace). A 404
 * reads as absent (null); an API server that cannot be reached, answers 5xx or 429 throws
 * {@link TopologyUnavailableException}; any other refusal throws {@link Unreadable}, which fails the
 * checks that needed the read.
 */
final class DryRunReads {
    private final KubernetesClient client;
    private List<Pod> pods;
    private List<PodDisruptionBudget> budgets;
    private List<Workload> workloads;
    private List<ReplicaSet> replicaSets;

    DryRunReads(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    List<Pod> pods(String ns) {
        if (pods == null) {
            pods = read("pods in " + ns, () -> client.pods().inNamespace(ns).list().getItems());
        }
        return pods;
    }

    List<ReplicaSet> replicaSets(String ns) {
        if (replicaSets == null) {
            replicaSets = read("replicasets in " + ns,
                    () -> client.apps().replicaSets().inNamespace(ns).list().getItems());
        }
        return replicaSets;
    }

    List<PodDisruptionBudget> budgets(String ns) {
        if (budgets == null) {
            budgets = read("poddisruptionbudgets in " + ns,
                    () -> client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
        }
        return budgets;
    }

    /** Deployments, StatefulSets and DaemonSets of the namespace, in that order, each by name. */
    List<Workload> workloads(String ns) {
        if (workloads == null) {
            List<Workload> all = new ArrayList<>();
            for (WorkloadKind kind : WorkloadKind.values()) {
                List<Workload> ofKind = read(Workloads.listed(kind, ns), () -> Workloads.list(client, kind, ns));
                all.addAll(ofKind == null ? List.of() : ofKind);
            }
            workloads = all;
        }
        return workloads;
    }

    /** The workload, or null when there is none. */
    Workload workload(WorkloadKind kind, String ns, String name) {
        Optional<Workload> workload = read(kind.id() + " " + ns + "/" + name,
                () -> Workloads.get(client, kind, ns, name));
        return workload == null ? null : workload.orElse(null);
    }

    /** The controller of the pod ({@link PodOwners}): owner references first, else a workload selecting it. */
    Optional<Workload> ownerOf(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        return PodOwners.of(pod.getMetadata(),
                rs -> read("replicaset " + ns + "/" + rs,
                        () -> client.apps().replicaSets().inNamespace(ns).withName(rs).get()),
                () -> PodOwners.candidates(workloads(ns)))
                .flatMap(o -> workloads(ns).stream().filter(w -> w.kind() == o.kind() && w.name().equals(o.name()))
                        .findFirst().or(() -> Optional.ofNullable(workload(o.kind(), ns, o.name()))));
    }

    /** The labels of the workload's pods: its template's, and those of the pods it selects. */
    List<Map<String, String>> podLabelsOf(Workload workload) {
        List<Map<String, String>> sets = new ArrayList<>();
        sets.add(workload.templateLabels());
        for (Pod pod : pods(workload.meta().getNamespace())) {
            if (Selectors.matches(workload.selector(), Selectors.labels(pod.getMetadata()))) {
                sets.add(Selectors.labels(pod.getMetadata()));
            }
        }
        return sets;
    }

    /** The call's answer; null on 404. */
    <T> T read(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            if (ApiFailures.unreachable(e)) {
                throw new TopologyUnavailableException("cannot read " + what + ApiFailures.httpCode(e), e);
            }
            throw new Unreadable(what, e.getCode());
        }
    }

    /** A read the API server refused (401, 403, ...): the checks that needed it cannot run. */
    static final class Unreadable extends RuntimeException {
        private final String what;
        private final int code;

        Unreadable(String what, int code) {
            super("cannot read " + what + " (HTTP " + code + ")", null, false, false);
            this.what = what;
            this.code = code;
        }

        String what() {
            return what;
        }

        int code() {
            return code;
        }
    }
}
