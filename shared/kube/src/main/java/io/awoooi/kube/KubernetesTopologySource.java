package io.awoooi.kube;

import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.failure.ServiceGraphUnavailableException;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.Health;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import io.awoooi.core.topology.TopologySource;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Topology discovery through the Kubernetes API (fabric8), optionally enriched with the service
 * graph from Prometheus.
 *
 * <p><b>Nodes.</b> One node per Deployment, StatefulSet and DaemonSet, named by the workload. A
 * Service whose selector matches a workload's pod template labels is that workload's node (its
 * name becomes an alias, see {@link #snapshotWithAliases()}); a Service that selects no workload is
 * a node of its own, named by the Service.
 *
 * <p><b>Evidence.</b> Every node carries {@link WorkloadEvidence}: its controller with the real kind
 * ({@link WorkloadRef}), its pods and containers, a Deployment's rollout history, the events about
 * it and the claims its pods mount; the snapshot carries the cluster nodes under the pods
 * ({@link NodeFacts}). See {@link EvidenceCollector}, {@link EvidenceReader}, {@link RolloutHistory}
 * and {@link EventIndex}. Evidence holds object names, reasons, counts, quantities and times, never
 * label or annotation values, environment values or event messages.
 *
 * <p><b>Health.</b> Judged from the evidence by {@link EvidenceHealth} (one method, so a core rule
 * may replace it): unhealthy, with findings, when available replicas &lt; desired
 * ({@code "available 0/1"}), or a live pod is not Ready ({@code "pod postgres-db-0 not ready"}), has
 * a container waiting in CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
 * CreateContainerConfigError, ... ({@code "pod postgres-db-0 CrashLoopBackOff"}), misses a Secret or
 * ConfigMap, was OOMKilled recently, is unschedulable, runs on a node that is not Ready, or has
 * restarted more often than the threshold ({@code "pod postgres-db-0 restarts 12"}). Recency: a
 * pod that is Ready now and whose restarts (and OOM kills) ended before the recency window
 * (default {@link #DEFAULT_RECENCY}) is healthy: that is history, not evidence.
 *
 * <p><b>Kind.</b> See {@link KindClassifier}: annotation {@value #KIND_ANNOTATION}, then label
 * {@code app.kubernetes.io/component}, then images, then well-known ports, else SERVICE.
 *
 * <p><b>Edges.</b> In this order of precedence, a pair (from, to) appearing once with the first
 * source that names it:
 * <ol>
 *   <li>the annotation {@value #DEPENDS_ON_ANNOTATION} ({@code "a,b"} in the same namespace or
 *       {@code "ns/name"}) on a workload, its pod template or its Services, source
 *       {@value #SOURCE_ANNOTATION};
 *   <li>a Service's DNS name in a container's environment value, source {@value #SOURCE_ENV}, or
 *       in a ConfigMap the pod template references, source {@value #SOURCE_CONFIG_MAP} (see
 *       {@link ConfigReferences} and {@link HostReferences}: whole host tokens only);
 *   <li>with a {@link ServiceGraphMetrics}, observed calls mapped onto nodes by name then alias,
 *       source {@value #SOURCE_SERVICE_GRAPH}.
 * </ol>
 * Names that resolve to no node, and self-edges, are dropped. A failing service graph is logged
 * as a warning and the snapshot is built from the cluster alone.
 *
 * <p><b>Failures.</b> A list of workloads, Services or pods that fails (API error, RBAC, connection
 * refused) throws {@link TopologyUnavailableException} naming the resource kind. The other reads
 * (ReplicaSets, events, claims, nodes, ConfigMaps) are best effort: a failure is a warning and the
 * snapshot is built without those facts. Note that the fabric8 client retries failed requests
 * with backoff ({@code Config.requestRetryBackoffLimit}, default 10, about 20 s in total);
 * configure the client to fit the caller's time budget.
 *
 * <p><b>RBAC.</b> get/list/watch on deployments, statefulsets, daemonsets, replicasets (apps),
 * services, pods, events, persistentvolumeclaims, configmaps (namespaced), nodes (cluster) and
 * events.k8s.io events; never secrets. See {@code infra/kubernetes/awoooi-analysis-rbac.yaml}.
 */
public final class KubernetesTopologySource implements TopologySource {
    public static final String DEPENDS_ON_ANNOTATION = "awoooi.io/depends-on";
    public static final String KIND_ANNOTATION = KindClassifier.KIND_ANNOTATION;
    public static final int DEFAULT_RESTART_THRESHOLD = 5;
    public static final Duration DEFAULT_RECENCY = Duration.ofHours(1);
    public static final String SOURCE_ANNOTATION = "annotation";
    public static final String SOURCE_ENV = ConfigReferences.SOURCE_ENV;
    public static final String SOURCE_CONFIG_MAP = ConfigReferences.SOURCE_CONFIG_MAP;
    public static final String SOURCE_SERVICE_GRAPH = "servicegraph";

    static final int MAX_EVIDENCE = 12;
    private static final System.Logger LOG = System.getLogger(KubernetesTopologySource.class.getName());

    private final KubernetesClient client;
    private final NamespaceSelection namespaces;
    private final ServiceGraphMetrics serviceGraph;
    private final Clock clock;
    private final int restartThreshold;
    private final Duration recency;

    /** Cluster only, no service graph, default restart threshold and recency window. */
    public KubernetesTopologySource(KubernetesClient client, NamespaceSelection namespaces, Clock clock) {
        this(client, namespaces, null, clock, DEFAULT_RESTART_THRESHOLD, DEFAULT_RECENCY);
    }

    /** @param serviceGraph observed calls, or null for edges from the cluster only */
    public KubernetesTopologySource(KubernetesClient client, NamespaceSelection namespaces,
            ServiceGraphMetrics serviceGraph, Clock clock) {
        this(client, namespaces, serviceGraph, clock, DEFAULT_RESTART_THRESHOLD, DEFAULT_RECENCY);
    }

    /**
     * @param serviceGraph observed calls, or null for edges from the cluster only
     * @param restartThreshold a pod that restarted more often than this (sum over its containers)
     *     makes its node unhealthy, unless the restarts are history (see the class comment)
     */
    public KubernetesTopologySource(KubernetesClient client, NamespaceSelection namespaces,
            ServiceGraphMetrics serviceGraph, Clock clock, int restartThreshold) {
        this(client, namespaces, serviceGraph, clock, restartThreshold, DEFAULT_RECENCY);
    }

    /**
     * @param serviceGraph observed calls, or null for edges from the cluster only
     * @param restartThreshold a pod that restarted more often than this (sum over its containers)
     *     makes its node unhealthy, unless the restarts are history (see the class comment)
     * @param recency how far back a restart or an OOM kill of a pod that is Ready now still counts
     */
    public KubernetesTopologySource(KubernetesClient client, NamespaceSelection namespaces,
            ServiceGraphMetrics serviceGraph, Clock clock, int restartThreshold, Duration recency) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.serviceGraph = serviceGraph;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (restartThreshold < 0) {
            throw new IllegalArgumentException("restartThreshold must be >= 0");
        }
        this.restartThreshold = restartThreshold;
        this.recency = Objects.requireNonNull(recency, "recency");
        if (recency.isNegative()) {
            throw new IllegalArgumentException("recency must be >= 0");
        }
    }

    @Override
    public TopologySnapshot snapshot() {
        return snapshotWithAliases().snapshot();
    }

    /** The snapshot together with the Service names that resolve to workload nodes. */
    public DiscoveredTopology snapshotWithAliases() {
        Instant takenAt = clock.instant();
        ClusterReads reads = new ClusterReads(namespaces);
        List<Deployment> deployments = reads.required("Deployments", client.apps().deployments());
        List<StatefulSet> statefulSets = reads.required("StatefulSets", client.apps().statefulSets());
        List<DaemonSet> daemonSets = reads.required("DaemonSets", client.apps().daemonSets());
        List<Service> services = reads.required("Services", client.services());
        List<Pod> pods = reads.required("Pods", client.pods());

        Map<String, List<Pod>> podsByNamespace = new HashMap<>();
        for (Pod pod : pods) {
            podsByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), ns -> new ArrayList<>()).add(pod);
        }

        List<Workload> workloads = new ArrayList<>();
        deployments.forEach(d -> workloads.add(Workload.of(d)));
        statefulSets.forEach(s -> workloads.add(Workload.of(s)));
        daemonSets.forEach(d -> workloads.add(Workload.of(d)));
        workloads.sort(Comparator.comparing(Workload::id).thenComparing(Workload::kind));

        Map<ServiceId, NodeBuilder> nodes = new TreeMap<>();
        addWorkloadNodes(workloads, podsByNamespace, nodes);
        Map<ServiceId, ServiceId> aliases = new TreeMap<>();
        addServices(services, workloads, podsByNamespace, nodes, aliases);
        Set<ServiceId> serviceIds = new TreeSet<>();
        services.forEach(s -> serviceIds.add(id(s.getMetadata())));

        EvidenceCollector.Result facts = new EvidenceCollector(client, namespaces, reads)
                .collect(nodes.values().stream()
                        .map(n -> new EvidenceCollector.Subject(n.id, Optional.ofNullable(n.workload),
                                List.copyOf(n.pods.values())))
                        .toList());
        List<ServiceNode> serviceNodes = new ArrayList<>();
        for (NodeBuilder node : nodes.values()) {
            WorkloadEvidence evidence = facts.evidence().getOrDefault(node.id, WorkloadEvidence.none());
            serviceNodes.add(new ServiceNode(node.id, node.kind(), health(evidence, facts.nodes(), takenAt), evidence));
        }

        Resolver resolver = new Resolver(nodes.keySet(), aliases);
        Map<List<ServiceId>, Dependency> edges = new LinkedHashMap<>(); // first source wins
        addAnnotationEdges(nodes, resolver, edges);
        addConfigEdges(nodes, serviceIds, resolver, edges);
        addServiceGraphEdges(resolver, edges);

        List<Dependency> dependencies = new ArrayList<>(edges.values());
        dependencies.sort(Comparator.comparing(Dependency::from).thenComparing(Dependency::to)
                .thenComparing(Dependency::source));
        return new DiscoveredTopology(new TopologySnapshot(serviceNodes, dependencies, takenAt, facts.nodes()),
                aliases);
    }

    /** One node per workload (the first kind by id when two share a name), with the pods its selector matches. */
    private static void addWorkloadNodes(List<Workload> workloads, Map<String, List<Pod>> podsByNamespace,
            Map<ServiceId, NodeBuilder> nodes) {
        for (Workload workload : workloads) {
            NodeBuilder node = nodes.computeIfAbsent(workload.id(), NodeBuilder::new);
            if (node.workload == null) {
                node.workload = workload;
            }
            node.addMeta(workload.meta());
            if (workload.template() != null) {
                node.addMeta(workload.template().getMetadata());
                node.addPodSpec(workload.template().getSpec());
            }
            for (Pod pod : podsByNamespace.getOrDefault(workload.id().namespace(), List.of())) {
                if (Selectors.matches(workload.selector(), labels(pod.getMetadata()))) {
                    node.pods.put(pod.getMetadata().getName(), pod);
                }
            }
        }
    }

    /**
     * A Service that selects a workload joins its node (and becomes an alias of it, unless a node
     * has its name); one that selects none is a node of its own with the pods it selects.
     */
    private static void addServices(List<Service> services, List<Workload> workloads,
            Map<String, List<Pod>> podsByNamespace,
            Map<ServiceId, NodeBuilder> nodes, Map<ServiceId, ServiceId> aliases) {
        List<Service> sortedServices = new ArrayList<>(services);
        sortedServices.sort(Comparator.comparing((Service s) -> id(s.getMetadata())));
        for (Service service : sortedServices) {
            ServiceId serviceId = id(service.getMetadata());
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            Optional<Workload> selected = selectedWorkload(serviceId, selector, workloads);
            NodeBuilder node;
            if (selected.isPresent()) {
                node = nodes.get(selected.get().id());
                if (!serviceId.equals(node.id)) {
                    aliases.put(serviceId, node.id);
                }
            } else {
                node = nodes.computeIfAbsent(serviceId, NodeBuilder::new);
                if (selector != null && !selector.isEmpty()) {
                    for (Pod pod : podsByNamespace.getOrDefault(serviceId.namespace(), List.of())) {
                        if (Selectors.matches(selector, labels(pod.getMetadata()))) {
                            node.pods.put(pod.getMetadata().getName(), pod);
                            node.addPodSpec(pod.getSpec());
                        }
                    }
                }
            }
            node.addMeta(service.getMetadata());
            node.addServicePorts(service);
        }
        aliases.keySet().removeIf(nodes::containsKey);
    }

    /** A node's health from its evidence: the one place to swap for a core rule. */
    private Health health(WorkloadEvidence evidence, Map<String, NodeFacts> clusterNodes, Instant now) {
        return EvidenceHealth.judge(evidence, clusterNodes, now, recency, restartThreshold);
    }

    /** Edges from the depends-on annotations. */
    private static void addAnnotationEdges(Map<ServiceId, NodeBuilder> nodes, Resolver resolver,
            Map<List<ServiceId>, Dependency> edges) {
        int unresolved = 0;
        for (NodeBuilder node : nodes.values()) {
            for (String target : node.dependsOn()) {
                Optional<ServiceId> to = resolver.resolve(target, node.id.namespace());
                if (to.isEmpty()) {
                    unresolved++;
                } else if (!to.get().equals(node.id)) {
                    edges.putIfAbsent(List.of(node.id, to.get()), new Dependency(node.id, to.get(), SOURCE_ANNOTATION));
                }
            }
        }
        if (unresolved > 0) {
            LOG.log(System.Logger.Level.DEBUG, "{0} depends-on names resolve to no node; dropped", unresolved);
        }
    }

    /** Edges from Service DNS names in environment values and referenced ConfigMaps, to Services that exist. */
    private void addConfigEdges(Map<ServiceId, NodeBuilder> nodes, Set<ServiceId> services, Resolver resolver,
            Map<List<ServiceId>, Dependency> edges) {
        Map<ServiceId, List<PodSpec>> specs = new LinkedHashMap<>();
        nodes.values().forEach(n -> specs.put(n.id, n.podSpecs));
        for (ConfigReferences.Reference reference : new ConfigReferences(client).find(specs)) {
            if (!services.contains(reference.service())) {
                continue; // not a Service of the selection: an external name, or another namespace
            }
            resolver.resolve(reference.service()).filter(to -> !to.equals(reference.from()))
                    .ifPresent(to -> edges.putIfAbsent(List.of(reference.from(), to),
                            new Dependency(reference.from(), to, reference.source())));
        }
    }

    private void addServiceGraphEdges(Resolver resolver, Map<List<ServiceId>, Dependency> edges) {
        if (serviceGraph == null) {
            return;
        }
        List<ServiceGraphEdge> observed;
        try {
            observed = Objects.requireNonNullElse(serviceGraph.edges(), List.of());
        } catch (RuntimeException e) {
            // ServiceGraphUnavailableException messages carry no values; other exceptions might.
            String why = e instanceof ServiceGraphUnavailableException ? e.getMessage() : e.getClass().getSimpleName();
            LOG.log(System.Logger.Level.WARNING,
                    "service graph unavailable ({0}); topology edges from the cluster only", why);
            return;
        }
        int unmatched = 0;
        for (ServiceGraphEdge edge : observed) {
            Optional<ServiceId> from = resolver.resolveObserved(edge.client());
            Optional<ServiceId> to = resolver.resolveObserved(edge.server());
            if (from.isEmpty() || to.isEmpty()) {
                unmatched++;
            } else if (!from.get().equals(to.get())) {
                edges.putIfAbsent(List.of(from.get(), to.get()),
                        new Dependency(from.get(), to.get(), SOURCE_SERVICE_GRAPH));
            }
        }
        if (unmatched > 0) {
            LOG.log(System.Logger.Level.DEBUG,
                    "{0} of {1} service-graph edges match no node (unknown or ambiguous names); dropped",
                    unmatched, observed.size());
        }
    }

    /** The workload a Service selects: the one named like the Service, else the first by id. */
    private static Optional<Workload> selectedWorkload(ServiceId serviceId, Map<String, String> selector,
            List<Workload> workloads) {
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        List<Workload> matching = workloads.stream()
                .filter(w -> w.id().namespace().equals(serviceId.namespace()))
                .filter(w -> w.template() != null && Selectors.matches(selector, labels(w.template().getMetadata())))
                .toList();
        return matching.stream().filter(w -> w.id().name().equals(serviceId.name())).findFirst()
                .or(() -> matching.stream().findFirst());
    }

    private static ServiceId id(ObjectMeta meta) {
        return Workload.idOf(meta);
    }

    private static Map<String, String> labels(ObjectMeta meta) {
        return Selectors.labels(meta);
    }

    private static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    /** Everything known about one node while the snapshot is assembled. */
    private static final class NodeBuilder {
        final ServiceId id;
        final List<Map<String, String>> annotations = new ArrayList<>();
        final List<Map<String, String>> labels = new ArrayList<>();
        final List<String> images = new ArrayList<>();
        final Set<Integer> ports = new TreeSet<>();
        final Map<String, Pod> pods = new TreeMap<>();
        final List<PodSpec> podSpecs = new ArrayList<>();
        Workload workload;

        NodeBuilder(ServiceId id) {
            this.id = id;
        }

        void addMeta(ObjectMeta meta) {
            annotations.add(annotations(meta));
            labels.add(labels(meta));
        }

        void addPodSpec(PodSpec spec) {
            if (spec == null) {
                return;
            }
            podSpecs.add(spec);
            if (spec.getContainers() == null) {
                return;
            }
            for (Container container : spec.getContainers()) {
                if (container.getImage() != null && !images.contains(container.getImage())) {
                    images.add(container.getImage());
                }
                if (container.getPorts() != null) {
                    for (ContainerPort port : container.getPorts()) {
                        if (port.getContainerPort() != null) {
                            ports.add(port.getContainerPort());
                        }
                    }
                }
            }
        }

        void addServicePorts(Service service) {
            if (service.getSpec() == null || service.getSpec().getPorts() == null) {
                return;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                if (port.getPort() != null) {
                    ports.add(port.getPort());
                }
                if (port.getTargetPort() != null && port.getTargetPort().getIntVal() != null) {
                    ports.add(port.getTargetPort().getIntVal());
                }
            }
        }

        ComponentKind kind() {
            return KindClassifier.classify(annotations, labels, images, ports);
        }

        /** The depends-on targets as written, in annotation order, without duplicates. */
        Set<String> dependsOn() {
            Set<String> targets = new LinkedHashSet<>();
            for (Map<String, String> map : annotations) {
                String value = map.get(DEPENDS_ON_ANNOTATION);
                if (value == null) {
                    continue;
                }
                for (String part : value.split("[,\\s]+")) {
                    if (!part.isBlank()) {
                        targets.add(part.strip());
                    }
                }
            }
            return targets;
        }
    }

    /** Maps names (depends-on entries, service-graph labels) onto node ids. */
    private static final class Resolver {
        private final Set<ServiceId> nodes;
        private final Map<ServiceId, ServiceId> aliases;
        private final Map<String, Set<ServiceId>> nodesByName = new HashMap<>();
        private final Map<String, Set<ServiceId>> aliasTargetsByName = new HashMap<>();

        Resolver(Set<ServiceId> nodes, Map<ServiceId, ServiceId> aliases) {
            this.nodes = nodes;
            this.aliases = aliases;
            nodes.forEach(id -> nodesByName.computeIfAbsent(id.name(), n -> new TreeSet<>()).add(id));
            aliases.forEach((alias, target) -> aliasTargetsByName.computeIfAbsent(alias.name(), n -> new TreeSet<>())
                    .add(target));
        }

        /** A depends-on entry: "name" in the given namespace, or "namespace/name". */
        Optional<ServiceId> resolve(String reference, String namespace) {
            int slash = reference.indexOf('/');
            ServiceId id = slash > 0 && slash < reference.length() - 1
                    ? new ServiceId(reference.substring(0, slash), reference.substring(slash + 1))
                    : new ServiceId(namespace, reference);
            return resolve(id);
        }

        Optional<ServiceId> resolve(ServiceId id) {
            if (nodes.contains(id)) {
                return Optional.of(id);
            }
            return Optional.ofNullable(aliases.get(id));
        }

        /** A service-graph name: "namespace/name" exactly, else a unique node name, else a unique alias. */
        Optional<ServiceId> resolveObserved(String name) {
            if (name.indexOf('/') > 0) {
                return resolve(name, "");
            }
            Set<ServiceId> byName = nodesByName.getOrDefault(name, Set.of());
            if (byName.size() == 1) {
                return Optional.of(byName.iterator().next());
            }
            if (byName.size() > 1) {
                return Optional.empty(); // the same name in several namespaces: ambiguous
            }
            Set<ServiceId> byAlias = aliasTargetsByName.getOrDefault(name, Set.of());
            return byAlias.size() == 1 ? Optional.of(byAlias.iterator().next()) : Optional.empty();
        }
    }
}
