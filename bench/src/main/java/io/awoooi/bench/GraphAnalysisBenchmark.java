package io.awoooi.bench;

import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.GraphAnalysis;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Health;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Graph analysis on a generated topology of 10,000 services and 50,000 dependencies (see
 * {@link #generate}): blast radius and root causes of random targets on a warm graph, and, apart,
 * the time to build the graph from a snapshot. {@link Mode#SampleTime} samples single calls, so
 * JMH reports percentiles (p99 is the target: below 5 ms for {@code analyze}).
 */
@BenchmarkMode(Mode.SampleTime)
public class GraphAnalysisBenchmark {
    static final int SERVICES = 10_000;
    static final int EDGES = 50_000;
    static final long SEED = 20261125L;

    /** The snapshot and its graph, built once per trial. */
    @State(Scope.Benchmark)
    public static class Topology {
        TopologySnapshot snapshot;
        ServiceGraph graph;
        GraphAnalysis analysis;

        @Setup(Level.Trial)
        public void build() {
            snapshot = generate(SERVICES, EDGES, SEED);
            graph = ServiceGraph.of(snapshot);
            analysis = new GraphAnalysis(graph);
        }
    }

    /** The targets, drawn once per trial: any service, or one of the 100 with the most dependents. */
    @State(Scope.Thread)
    public static class Targets {
        @Param({"uniform", "hubs"})
        public String draw;

        ServiceId[] targets;
        int next;

        @Setup(Level.Trial)
        public void draw(Topology topology) {
            List<ServiceId> all = new ArrayList<>(topology.graph.services());
            List<ServiceId> pool = all;
            if (draw.equals("hubs")) {
                pool = new ArrayList<>(all);
                pool.sort(Comparator.comparingInt((ServiceId s) -> -topology.graph.graph().inDegreeOf(s))
                        .thenComparing(s -> s));
                pool = pool.subList(0, 100);
            }
            Random random = new Random(SEED + 1);
            targets = new ServiceId[4096];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = pool.get(random.nextInt(pool.size()));
            }
            describe(topology, this);
        }

        List<ServiceId> nextTarget() {
            return List.of(targets[next++ & (targets.length - 1)]);
        }
    }

    /** What the blast radius and root causes and the rest of the analysis cost together, per incident. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public GraphFindings analyze(Topology topology, Targets targets) {
        return topology.analysis.analyze(targets.nextTarget());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Impact> blastRadius(Topology topology, Targets targets) {
        return topology.analysis.blastRadius(targets.nextTarget());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<RootCause> rootCauses(Topology topology, Targets targets) {
        return topology.analysis.rootCauses(targets.nextTarget());
    }

    /** Building the jgrapht graph from the snapshot: what a cold start or a cache refresh pays. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ServiceGraph buildGraph(Topology topology) {
        return ServiceGraph.of(topology.snapshot);
    }

    /**
     * A topology shaped like a microservice estate: five layers (1% edge, 9% frontends and
     * gateways, 45% business services, 30% platform services, 15% data stores: 40% DATABASE, 35%
     * CACHE, 25% QUEUE) in 40 namespaces. Every dependency points down one layer (60%), two
     * layers (25%), straight to a data store (10%) or across its own layer (5%, which makes
     * cycles). Popular services attract more callers (index drawn as {@code size * u^2}, so a few
     * hubs have hundreds of dependents). 10% of the dependencies are reported twice, by the
     * service graph as well as the annotation. 3% of the data stores are unhealthy (crash loop)
     * and 1% of the services (failing readiness probe). Deterministic for a seed.
     */
    static TopologySnapshot generate(int services, int edges, long seed) {
        Random random = new Random(seed);
        double[] layerShare = {0.01, 0.09, 0.45, 0.30, 0.15};
        List<List<ServiceId>> layers = new ArrayList<>();
        List<ServiceNode> nodes = new ArrayList<>(services);
        int made = 0;
        for (int layer = 0; layer < layerShare.length; layer++) {
            int size = layer == layerShare.length - 1 ? services - made
                    : (int) Math.round(services * layerShare[layer]);
            List<ServiceId> ids = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ServiceId id = new ServiceId("ns-" + random.nextInt(40),
                        String.format(Locale.ROOT, "l%d-svc-%05d", layer, made + i));
                ids.add(id);
                boolean data = layer == layerShare.length - 1;
                ComponentKind kind = !data ? ComponentKind.SERVICE
                        : i % 20 < 8 ? ComponentKind.DATABASE : i % 20 < 15 ? ComponentKind.CACHE : ComponentKind.QUEUE;
                Health health = Health.ok();
                if (data && random.nextDouble() < 0.03) {
                    health = Health.unhealthy(List.of("CrashLoopBackOff", "restarts: " + (1 + random.nextInt(40))));
                } else if (!data && random.nextDouble() < 0.01) {
                    health = Health.unhealthy(List.of("readiness probe failed"));
                }
                nodes.add(new ServiceNode(id, kind, health));
            }
            layers.add(ids);
            made += size;
        }
        int dataLayer = layers.size() - 1;
        Map<ServiceId, Integer> index = new HashMap<>();
        for (ServiceNode node : nodes) {
            index.put(node.id(), index.size());
        }
        List<ServiceId> callers = new ArrayList<>();
        List<Integer> callerLayer = new ArrayList<>();
        for (int layer = 0; layer < dataLayer; layer++) {
            for (ServiceId id : layers.get(layer)) {
                callers.add(id);
                callerLayer.add(layer);
            }
        }
        Set<Long> seen = new HashSet<>();
        List<Dependency> dependencies = new ArrayList<>(edges + edges / 10);
        while (seen.size() < edges) {
            int c = random.nextInt(callers.size());
            int from = callerLayer.get(c);
            double roll = random.nextDouble();
            int to = roll < 0.60 ? from + 1
                    : roll < 0.85 ? Math.min(from + 2, dataLayer) : roll < 0.95 ? dataLayer : from;
            List<ServiceId> candidates = layers.get(to);
            double u = random.nextDouble();
            ServiceId target = candidates.get((int) (candidates.size() * u * u));
            ServiceId caller = callers.get(c);
            if (caller.equals(target)) {
                continue;
            }
            long key = (long) index.get(caller) * services + index.get(target);
            if (seen.add(key)) {
                dependencies.add(new Dependency(caller, target, "annotation"));
                if (random.nextDouble() < 0.10) {
                    dependencies.add(new Dependency(caller, target, "servicegraph"));
                }
            }
        }
        return new TopologySnapshot(nodes, dependencies, Instant.parse("2026-11-25T04:00:00Z"));
    }

    /** Prints the sizes the timings depend on (once per trial, in the benchmark's output). */
    private static void describe(Topology topology, Targets targets) {
        long radius = 0;
        long causes = 0;
        int maxRadius = 0;
        for (ServiceId target : targets.targets) {
            GraphFindings f = topology.analysis.analyze(List.of(target));
            radius += f.blastRadius().size();
            causes += f.rootCauses().size();
            maxRadius = Math.max(maxRadius, f.blastRadius().size());
        }
        System.out.printf(Locale.ROOT, "%n[graph] %d services, %d edges (%d dependency entries); targets=%s:"
                + " blast radius avg %.1f max %d, root causes avg %.2f%n",
                topology.graph.serviceCount(), topology.graph.dependencyCount(),
                topology.snapshot.dependencies().size(),
                targets.draw, radius / (double) targets.targets.length, maxRadius,
                causes / (double) targets.targets.length);
    }
}
