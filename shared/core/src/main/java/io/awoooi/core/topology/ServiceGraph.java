package io.awoooi.core.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The topology of one snapshot as a directed graph: an edge {@code from -> to} means "from depends
 * on to". Built once per snapshot and read-only afterwards, so one instance may serve many analyses
 * (and threads).
 *
 * <p>Building rules:
 * <ul>
 *   <li>The same dependency reported by several sources (annotation and service graph) is one edge.
 *   <li>A dependency on (or from) a service the snapshot does not list adds that service as
 *       {@link ComponentKind#OTHER} with unknown health, read as healthy without evidence: it stays
 *       in the graph so paths through it are kept.
 *   <li>A service listed twice is merged: the first non-OTHER kind wins, and it is unhealthy if any
 *       entry is, with the evidence of all entries (in order, without repeats).
 *   <li>A service depending on itself says nothing about causes: such edges are dropped.
 * </ul>
 */
public final class ServiceGraph {
    private final Graph<ServiceId, DefaultEdge> graph;
    private final Graph<ServiceId, DefaultEdge> view;
    private final Map<ServiceId, ServiceNode> nodes;
    private final Map<String, List<ServiceId>> byName;
    private final Instant takenAt;

    private ServiceGraph(Graph<ServiceId, DefaultEdge> graph, Map<ServiceId, ServiceNode> nodes, Instant takenAt) {
        this.graph = graph;
        this.view = new AsUnmodifiableGraph<>(graph);
        this.nodes = Collections.unmodifiableMap(nodes);
        Map<String, List<ServiceId>> names = new HashMap<>();
        for (ServiceId id : nodes.keySet()) {
            names.computeIfAbsent(id.name(), n -> new ArrayList<>(1)).add(id);
        }
        names.replaceAll((name, ids) -> List.copyOf(ids));
        this.byName = names;
        this.takenAt = takenAt;
    }

    /** Builds the graph of a snapshot (see the class comment for the rules). */
    public static ServiceGraph of(TopologySnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Map<ServiceId, ServiceNode> nodes = new LinkedHashMap<>();
        for (ServiceNode node : snapshot.services()) {
            nodes.merge(node.id(), node, ServiceGraph::merge);
        }
        Graph<ServiceId, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        nodes.keySet().forEach(graph::addVertex);
        for (Dependency d : snapshot.dependencies()) {
            if (d.from().equals(d.to())) {
                continue;
            }
            for (ServiceId end : List.of(d.from(), d.to())) {
                if (!nodes.containsKey(end)) {
                    nodes.put(end, new ServiceNode(end, ComponentKind.OTHER, Health.ok()));
                    graph.addVertex(end);
                }
            }
            graph.addEdge(d.from(), d.to()); // null (no change) when the edge is already there
        }
        return new ServiceGraph(graph, nodes, snapshot.takenAt());
    }

    private static ServiceNode merge(ServiceNode first, ServiceNode second) {
        ComponentKind kind = first.kind() != ComponentKind.OTHER ? first.kind() : second.kind();
        boolean healthy = first.health().healthy() && second.health().healthy();
        Set<String> evidence = new LinkedHashSet<>(first.health().evidence());
        evidence.addAll(second.health().evidence());
        return new ServiceNode(first.id(), kind, new Health(healthy, List.copyOf(evidence)),
                first.evidence().isEmpty() ? second.evidence() : first.evidence());
    }

    /** A read-only view of the graph, for jgrapht algorithms. */
    public Graph<ServiceId, DefaultEdge> graph() {
        return view;
    }

    /** When the snapshot behind this graph was taken. */
    public Instant takenAt() {
        return takenAt;
    }

    public boolean contains(ServiceId id) {
        return nodes.containsKey(id);
    }

    public Optional<ServiceNode> node(ServiceId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Every service, in the snapshot's order, then the ones only named by dependencies. */
    public Set<ServiceId> services() {
        return nodes.keySet();
    }

    /** The services with this name, in any namespace. */
    public List<ServiceId> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public int serviceCount() {
        return nodes.size();
    }

    public int dependencyCount() {
        return graph.edgeSet().size();
    }

    /** What this service depends on directly (downstream, one hop); empty for an unknown service. */
    public List<ServiceId> dependenciesOf(ServiceId id) {
        return contains(id) ? Graphs.successorListOf(graph, id) : List.of();
    }

    /** Who depends on this service directly (upstream, one hop); empty for an unknown service. */
    public List<ServiceId> dependentsOf(ServiceId id) {
        return contains(id) ? Graphs.predecessorListOf(graph, id) : List.of();
    }

    /** The node of a service known to be in the graph. */
    ServiceNode nodeOf(ServiceId id) {
        return nodes.get(id);
    }

    /** The graph itself, for the analysis in this package (skips the read-only view's indirection). */
    Graph<ServiceId, DefaultEdge> edges() {
        return graph;
    }
}
