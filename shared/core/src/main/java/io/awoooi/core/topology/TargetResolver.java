package io.awoooi.core.topology;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.WorkloadEvidence;
import java.util.Collection;
import java.util.HashMap;
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
 * <p>Then, read from the nodes' evidence ({@link WorkloadEvidence}):
 * <ul>
 *   <li>{@code persistentvolumeclaim} (kube-state-metrics' and the kubelet's volume alerts) adds
 *       the services whose pods mount the claim ({@link PodFacts#claims()}) or that list it among
 *       their claims ({@link ClaimFacts}, e.g. a StatefulSet's claim template), in the graph's
 *       order. With a {@code namespace} label, in that namespace; without one, only when every
 *       such service is in one namespace.
 *   <li>{@code node}, only when no {@code pod}, {@code deployment}, {@code statefulset},
 *       {@code daemonset} or {@code persistentvolumeclaim} label names something more specific:
 *       the services with an unhealthy pod on that node (not Ready, and neither Succeeded nor
 *       Failed), in the graph's order, at most {@value #MAX_NODE_TARGETS}. The {@code namespace}
 *       label is not applied (on node alerts it is usually the exporter's). A node with only
 *       healthy pods resolves to nothing: the alert is about the node, not about a service.
 * </ul>
 * The indexes behind them are built on first use, once per resolver.
 *
 * <p>Values the Privacy Shield replaced with labels ({@code [POD_1]}) match no service: with
 * Kubernetes names labelled, targets cannot be resolved against a topology of real names.
 */
public final class TargetResolver {
    /** The label keys that may name a service, in the order they are tried. */
    public static final List<String> SERVICE_LABEL_KEYS = List.of(
            "pod", "deployment", "statefulset", "daemonset", "service", "app_kubernetes_io_name", "app", "job");

    /** The label key of a PersistentVolumeClaim. */
    public static final String CLAIM_LABEL = "persistentvolumeclaim";
    /** The label key of a cluster node. */
    public static final String NODE_LABEL = "node";
    /** At most this many services are resolved from a {@code node} label. */
    public static final int MAX_NODE_TARGETS = 10;
    /** Labels more specific than {@code node}: with one of them, {@code node} is not read. */
    private static final List<String> MORE_SPECIFIC_THAN_NODE = List.of("pod", "deployment", "statefulset", "daemonset",
            CLAIM_LABEL);

    private final ServiceGraph graph;
    private volatile Map<ServiceId, Set<ServiceId>> servicesByClaim; // built on first use; safe to rebuild
    private volatile Map<String, Set<ServiceId>> unhealthyByNode;

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
        String claim = blankToNull(labels.get(CLAIM_LABEL));
        if (claim != null) {
            found.addAll(byClaim(namespace, claim));
        }
        String node = blankToNull(labels.get(NODE_LABEL));
        if (node != null && MORE_SPECIFIC_THAN_NODE.stream().allMatch(key -> blankToNull(labels.get(key)) == null)) {
            found.addAll(unhealthyOn(node));
        }
    }

    /** The services mounting the claim: in {@code namespace}, or in the only namespace that has such services. */
    private Set<ServiceId> byClaim(String namespace, String claim) {
        if (servicesByClaim == null) {
            Map<ServiceId, Set<ServiceId>> index = new HashMap<>();
            for (ServiceId id : graph.services()) {
                WorkloadEvidence evidence = graph.nodeOf(id).evidence();
                Set<String> claims = new LinkedHashSet<>();
                evidence.pods().forEach(p -> claims.addAll(p.claims()));
                evidence.claims().forEach(c -> claims.add(c.name()));
                claims.forEach(c -> index.computeIfAbsent(new ServiceId(id.namespace(), c), k -> new LinkedHashSet<>())
                        .add(id));
            }
            servicesByClaim = index;
        }
        if (namespace != null) {
            return servicesByClaim.getOrDefault(new ServiceId(namespace, claim), Set.of());
        }
        List<Set<ServiceId>> named = servicesByClaim.entrySet().stream()
                .filter(e -> e.getKey().name().equals(claim)).map(Map.Entry::getValue).toList();
        return named.size() == 1 ? named.get(0) : Set.of();
    }

    /** The services with a pod on {@code node} that is not Ready (and not finished), at most {@link #MAX_NODE_TARGETS}. */
    private Set<ServiceId> unhealthyOn(String node) {
        if (unhealthyByNode == null) {
            Map<String, Set<ServiceId>> index = new HashMap<>();
            for (ServiceId id : graph.services()) {
                for (PodFacts pod : graph.nodeOf(id).evidence().pods()) {
                    if (pod.node().isPresent() && !pod.ready() && !pod.finished()) {
                        Set<ServiceId> services = index.computeIfAbsent(pod.node().get(), n -> new LinkedHashSet<>());
                        if (services.size() < MAX_NODE_TARGETS) {
                            services.add(id);
                        }
                    }
                }
            }
            unhealthyByNode = index;
        }
        return unhealthyByNode.getOrDefault(node, Set.of());
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
