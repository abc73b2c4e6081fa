package io.awoooi.core.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Blast radius and root causes of a set of target services (the services an incident's alerts
 * are about), by breadth-first search on the {@link ServiceGraph} up to a maximum depth (default
 * 3 hops). Upstream of a target (who depends on it) is the blast radius; downstream (what it
 * depends on) is where root causes are. Cycles are fine: every service is visited once, at its
 * fewest hops from the nearest target. Targets the graph does not know are ignored, and so is
 * everything the search cannot reach within the depth.
 *
 * <p>Health is the graph's, optionally with extra evidence per service from outside the topology
 * (the incidents firing elsewhere, see the overloads taking {@code extraEvidence}): a service with
 * extra evidence counts as unhealthy, with its own evidence first and the extra after it (no
 * repeats). Extra evidence for a service the graph does not know is ignored.
 *
 * <p>Stateless apart from the graph: one instance may serve many analyses and threads.
 */
public final class GraphAnalysis {
    public static final int DEFAULT_MAX_DEPTH = 3;

    private static final Comparator<Impact> NEAREST_FIRST = Comparator.comparingInt(Impact::depth)
            .thenComparing(Impact::service);

    private final ServiceGraph graph;
    private final int maxDepth;

    public GraphAnalysis(ServiceGraph graph) {
        this(graph, DEFAULT_MAX_DEPTH);
    }

    /** @param maxDepth how many hops the search goes from a target, at least 1 */
    public GraphAnalysis(ServiceGraph graph, int maxDepth) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Root causes and blast radius of these targets in one result. */
    public GraphFindings analyze(Collection<ServiceId> targets) {
        return analyze(targets, Map.of());
    }

    /**
     * Root causes and blast radius of these targets, with extra evidence of unhealth per service
     * (see the class comment): the blast radius does not depend on it, the root causes do.
     */
    public GraphFindings analyze(Collection<ServiceId> targets, Map<ServiceId, List<String>> extraEvidence) {
        List<ServiceId> known = known(targets);
        return new GraphFindings(known, rootCausesOf(known, nodesWith(extraEvidence)), blastRadiusOf(known));
    }

    /**
     * Every service upstream of any target (it depends on one, directly or transitively) within the
     * maximum depth, each once at its fewest hops, sorted by depth and then id. The targets
     * themselves are never part of it, even when one target depends on another.
     */
    public List<Impact> blastRadius(Collection<ServiceId> targets) {
        return blastRadiusOf(known(targets));
    }

    /**
     * Every unhealthy service downstream of any target (a target depends on it, directly or
     * transitively) within the maximum depth, each at its fewest hops from a target, ranked by
     * {@link RootCause#RANKING}: all of them, not just the best.
     *
     * <p>An unhealthy target is usually a symptom of what it depends on, so it is a root cause (at
     * depth 0) only when nothing unhealthy lies downstream of it within the maximum depth; then the
     * trouble is its own (a bad release, a crash loop, exhausted resources). Otherwise only its
     * unhealthy dependencies are listed. Without this rule a target would outrank a dependency of
     * the same kind by being shallower.
     */
    public List<RootCause> rootCauses(Collection<ServiceId> targets) {
        return rootCauses(targets, Map.of());
    }

    /** {@link #rootCauses(Collection)} with extra evidence of unhealth per service (see the class comment). */
    public List<RootCause> rootCauses(Collection<ServiceId> targets, Map<ServiceId, List<String>> extraEvidence) {
        return rootCausesOf(known(targets), nodesWith(extraEvidence));
    }

    private List<Impact> blastRadiusOf(List<ServiceId> targets) {
        List<Impact> out = new ArrayList<>();
        reach(targets, false).forEach((id, depth) -> {
            if (depth > 0) {
                out.add(new Impact(id, depth));
            }
        });
        out.sort(NEAREST_FIRST);
        return out;
    }

    private List<RootCause> rootCausesOf(List<ServiceId> targets, Function<ServiceId, ServiceNode> nodes) {
        List<RootCause> out = new ArrayList<>();
        reach(targets, true).forEach((id, depth) -> {
            ServiceNode node = nodes.apply(id);
            if (depth > 0 && !node.health().healthy()) {
                out.add(rootCause(node, depth));
            }
        });
        for (ServiceId target : targets) {
            ServiceNode node = nodes.apply(target);
            if (!node.health().healthy() && !hasUnhealthyDependency(target, nodes)) {
                out.add(rootCause(node, 0));
            }
        }
        out.sort(RootCause.RANKING);
        return out;
    }

    private static RootCause rootCause(ServiceNode node, int depth) {
        return new RootCause(node.id(), node.kind(), depth, node.health().evidence());
    }

    /**
     * The nodes as this analysis sees them: the graph's, and for a service with extra evidence an
     * unhealthy copy carrying both. Without extra evidence the graph's own lookup, so the common
     * case pays nothing.
     */
    private Function<ServiceId, ServiceNode> nodesWith(Map<ServiceId, List<String>> extraEvidence) {
        Objects.requireNonNull(extraEvidence, "extraEvidence");
        if (extraEvidence.isEmpty()) {
            return graph::nodeOf;
        }
        Map<ServiceId, ServiceNode> amended = new HashMap<>();
        extraEvidence.forEach((id, extra) -> {
            if (id != null && extra != null && !extra.isEmpty() && graph.contains(id)) {
                ServiceNode node = graph.nodeOf(id);
                LinkedHashSet<String> evidence = new LinkedHashSet<>(node.health().evidence());
                extra.stream().filter(Objects::nonNull).forEach(evidence::add);
                amended.put(id, new ServiceNode(id, node.kind(), Health.unhealthy(List.copyOf(evidence))));
            }
        });
        return id -> {
            ServiceNode node = amended.get(id);
            return node != null ? node : graph.nodeOf(id);
        };
    }

    /** The targets the graph knows, sorted and without repeats. */
    private List<ServiceId> known(Collection<ServiceId> targets) {
        Objects.requireNonNull(targets, "targets");
        TreeSet<ServiceId> known = new TreeSet<>();
        for (ServiceId t : targets) {
            if (t != null && graph.contains(t)) {
                known.add(t);
            }
        }
        return List.copyOf(known);
    }

    /** Breadth-first from all sources at once: each reached service with its fewest hops (sources: 0). */
    private Map<ServiceId, Integer> reach(List<ServiceId> sources, boolean downstream) {
        Graph<ServiceId, DefaultEdge> g = graph.edges();
        Map<ServiceId, Integer> depths = new HashMap<>();
        ArrayDeque<ServiceId> queue = new ArrayDeque<>();
        for (ServiceId s : sources) {
            depths.put(s, 0);
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            ServiceId current = queue.poll();
            int next = depths.get(current) + 1;
            if (next > maxDepth) {
                continue;
            }
            for (DefaultEdge e : downstream ? g.outgoingEdgesOf(current) : g.incomingEdgesOf(current)) {
                ServiceId neighbour = downstream ? g.getEdgeTarget(e) : g.getEdgeSource(e);
                if (depths.putIfAbsent(neighbour, next) == null) {
                    queue.add(neighbour);
                }
            }
        }
        return depths;
    }

    /** Whether any service other than the target itself, downstream within the depth, is unhealthy. */
    private boolean hasUnhealthyDependency(ServiceId target, Function<ServiceId, ServiceNode> nodes) {
        for (var reached : reach(List.of(target), true).entrySet()) {
            if (reached.getValue() > 0 && !nodes.apply(reached.getKey()).health().healthy()) {
                return true;
            }
        }
        return false;
    }
}
