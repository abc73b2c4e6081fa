package io.awoooi.core.topology;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the services of the graph an alert is about, from its labels.
 *
 * <p>The label keys read, most specific first: {@code pod} (resolved to its owner: the pod name
 * itself, then without a Deployment's pod-template hash and random suffix,
 * {@code order-api-7d9f8c6b5-x2kqp -> order-api}, a StatefulSet ordinal,
 * {@code postgres-db-0 -> postgres-db}, or a DaemonSet/Job suffix, {@code node-agent-x2kqp ->
 * node-agent}; the longest name the graph knows wins), {@code deployment}, {@code statefulset},
 * {@code daemonset}, {@code service}, {@code app_kubernetes_io_name}, {@code app}, {@code job}
 * (a Prometheus Operator {@code namespace/name} job counts by its last part). Every key that names
 * a known service adds it: the result is their union, in that order, without repeats.
 *
 * <p>With a {@code namespace} label the names are looked up in that namespace only. Without one, a
 * name counts only if exactly one namespace has a service of that name; an ambiguous name
 * resolves to nothing rather than to a guess.
 *
 * <p>Values the Privacy Shield replaced with labels ({@code [POD_1]}) match no service: with
 * Kubernetes names labelled, targets cannot be resolved against a topology of real names.
 */
public final class TargetResolver {
    /** The label keys that may name a service, in the order they are tried. */
    public static final List<String> SERVICE_LABEL_KEYS = List.of(
            "pod", "deployment", "statefulset", "daemonset", "service", "app_kubernetes_io_name", "app", "job");

    private final ServiceGraph graph;

    public TargetResolver(ServiceGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The services one alert's labels name; empty when none is in the graph. */
    public List<ServiceId> resolve(Map<String, String> labels) {
        Set<ServiceId> found = new LinkedHashSet<>();
        addTargets(labels, found);
        return List.copyOf(found);
    }

    /** The union of the services the alerts' labels name, in order of first appearance. */
    public List<ServiceId> resolveAll(Collection<? extends Map<String, String>> alertLabels) {
        Set<ServiceId> found = new LinkedHashSet<>();
        for (Map<String, String> labels : alertLabels) {
            addTargets(labels, found);
        }
        return List.copyOf(found);
    }

    private void addTargets(Map<String, String> labels, Set<ServiceId> found) {
        String namespace = blankToNull(labels.get("namespace"));
        for (String key : SERVICE_LABEL_KEYS) {
            String value = blankToNull(labels.get(key));
            if (value == null) {
                continue;
            }
            List<String> names = switch (key) {
                case "pod" -> new PodName(value).ownerCandidates();
                case "job" -> List.of(value.substring(value.lastIndexOf('/') + 1));
                default -> List.of(value);
            };
            for (String name : names) {
                ServiceId id = lookup(namespace, name);
                if (id != null) {
                    found.add(id);
                    break;
                }
            }
        }
    }

    private ServiceId lookup(String namespace, String name) {
        if (namespace != null) {
            ServiceId id = new ServiceId(namespace, name);
            return graph.contains(id) ? id : null;
        }
        List<ServiceId> named = graph.named(name);
        return named.size() == 1 ? named.get(0) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
