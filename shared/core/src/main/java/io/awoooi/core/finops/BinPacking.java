package io.awoooi.core.finops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes can go: a node can be removed when all its movable pods fit, first fit in decreasing
 * size, into the free capacity of the nodes that stay. A pod needs {@code max(request, peak usage x
 * buffer)} of CPU and of memory (the scheduler places it by its request; a pod that uses more than it
 * requests needs that too), and a node's free capacity is its allocatable minus what its pods need.
 * Nodes are tried least used first; a node that goes takes its capacity with it, and the pods moved
 * onto a node count against that node when it is tried in turn.
 *
 * <p>A pod is only placed where the scheduler would put it: on a node that takes pods (schedulable and
 * Ready), whose NoSchedule and NoExecute taints it tolerates, and, when its volumes are zonal (a
 * PersistentVolume's node affinity), in one of their zones: a node of unknown zone never takes such a
 * pod. Other placement rules it does not model make a node stay: a pod pinned to some nodes (selector,
 * affinity) and a bare pod (no controller would recreate it). DaemonSet and static pods are not moved:
 * they go with their node.
 */
public final class BinPacking {

    /**
     * What one pod needs on a node, and whether a drain moves it.
     *
     * @param tolerations its tolerations, against the taints of the nodes it could go to
     * @param zones the zones its volumes allow; empty: any
     */
    public record Demand(String pod, double cpu, double memory, Mobility mobility,
            List<ClusterInventory.Toleration> tolerations, Set<String> zones) {
        public Demand {
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(mobility, "mobility");
            tolerations = List.copyOf(tolerations);
            zones = Set.copyOf(zones);
        }

        /** A pod without tolerations and without zonal volumes. */
        public Demand(String pod, double cpu, double memory, Mobility mobility) {
            this(pod, cpu, memory, mobility, List.of(), Set.of());
        }
    }

    public enum Mobility {
        /** A controller recreates it elsewhere. */
        MOVES,
        /** A DaemonSet pod: it goes with its node and needs no room elsewhere. */
        GOES_WITH_NODE,
        /** Bare or pinned: the plan cannot place it, so its node stays. */
        STUCK
    }

    /**
     * A node that can be tried: its capacity and its pods' demands.
     *
     * @param acceptsPods schedulable and Ready: only such a node takes moved pods
     * @param taints its taints
     * @param zone its zone, empty when unknown
     */
    public record Bin(String node, double cpuCapacity, double memoryCapacity, List<Demand> demands,
            boolean acceptsPods, List<ClusterInventory.Taint> taints, Optional<String> zone) {
        public Bin {
            Objects.requireNonNull(node, "node");
            demands = List.copyOf(demands);
            taints = List.copyOf(taints);
            Objects.requireNonNull(zone, "zone");
        }

        /** A schedulable, Ready node without taints, in no known zone. */
        public Bin(String node, double cpuCapacity, double memoryCapacity, List<Demand> demands) {
            this(node, cpuCapacity, memoryCapacity, demands, true, List.of(), Optional.empty());
        }

        double cpuUsed() {
            return demands.stream().mapToDouble(Demand::cpu).sum();
        }

        double memoryUsed() {
            return demands.stream().mapToDouble(Demand::memory).sum();
        }

        /** The larger of its CPU and memory share in use: how full it is. */
        double fill() {
            return Math.max(cpuCapacity <= 0 ? 1 : cpuUsed() / cpuCapacity,
                    memoryCapacity <= 0 ? 1 : memoryUsed() / memoryCapacity);
        }
    }

    /** A node that can go, and where its pods go (pod to node). */
    public record Removal(String node, Map<String, String> placements) {
        public Removal {
            Objects.requireNonNull(node, "node");
            placements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placements));
        }
    }

    /** Why a node that was tried stays. */
    public record Kept(String node, String reason) {
    }

    public record Plan(List<Removal> removals, List<Kept> kept) {
        public Plan {
            removals = List.copyOf(removals);
            kept = List.copyOf(kept);
        }

        public Optional<Removal> removal(String node) {
            return removals.stream().filter(r -> r.node().equals(node)).findFirst();
        }
    }

    private BinPacking() {
    }

    /**
     * @param bins every node that can take pods (schedulable and measured)
     * @param candidates the nodes to try removing (a subset of {@code bins} by name)
     */
    public static Plan plan(List<Bin> bins, java.util.Set<String> candidates) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (Bin b : bins) {
            slots.put(b.node(), new Slot(b));
        }
        List<Bin> order = bins.stream().filter(b -> candidates.contains(b.node()))
                .sorted(Comparator.comparingDouble(Bin::fill).thenComparing(Bin::node)).toList();
        List<Removal> removals = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (Bin candidate : order) {
            Slot self = slots.get(candidate.node());
            Optional<Demand> stuck = self.demands.stream().filter(d -> d.mobility() == Mobility.STUCK).findFirst();
            if (stuck.isPresent()) {
                kept.add(new Kept(candidate.node(), "pod " + stuck.get().pod()
                        + " cannot be moved by the plan (bare, pinned to some nodes, or with volumes of unknown zone)"));
                continue;
            }
            List<Demand> moving = self.demands.stream().filter(d -> d.mobility() == Mobility.MOVES)
                    .sorted(Comparator.comparingDouble((Demand d) -> d.cpu()).reversed()
                            .thenComparing(Comparator.comparingDouble(Demand::memory).reversed())
                            .thenComparing(Demand::pod))
                    .toList();
            List<Slot> targets = slots.values().stream().filter(s -> s != self && !s.removed).toList();
            Map<Slot, double[]> added = new HashMap<>();
            Map<String, String> placements = new LinkedHashMap<>();
            boolean fits = true;
            for (Demand d : moving) {
                Slot target = null;
                List<String> refused = new ArrayList<>();
                for (Slot s : targets) {
                    Optional<String> rule = refusal(s.bin, d);
                    if (rule.isPresent()) {
                        refused.add(s.node + " " + rule.get());
                        continue;
                    }
                    double[] extra = added.getOrDefault(s, ZERO);
                    if (s.cpuFree - extra[0] >= d.cpu() && s.memoryFree - extra[1] >= d.memory()) {
                        target = s;
                        break;
                    }
                }
                if (target == null) {
                    fits = false;
                    kept.add(new Kept(candidate.node(), "pod " + d.pod() + " fits on no other node's free capacity"
                            + (refused.isEmpty() ? "" : " (the scheduler would refuse it on " + String.join(", ",
                                    refused.stream().limit(3).toList())
                                    + (refused.size() > 3 ? " and "
                                            + (refused.size() - 3) + " more" : "")
                                    + ")")));
                    break;
                }
                double[] extra = added.computeIfAbsent(target, k -> new double[2]);
                extra[0] += d.cpu();
                extra[1] += d.memory();
                placements.put(d.pod(), target.node);
            }
            if (!fits) {
                continue;
            }
            self.removed = true;
            Map<String, Demand> byPod = new HashMap<>();
            moving.forEach(d -> byPod.put(d.pod(), d));
            placements.forEach((pod, node) -> slots.get(node).take(byPod.get(pod)));
            removals.add(new Removal(candidate.node(), placements));
        }
        return new Plan(removals, kept);
    }

    private static final double[] ZERO = new double[2];

    /**
     * Why the scheduler would not put the pod on the node, whatever its free capacity: empty when it
     * would. Cordoned or not Ready; a NoSchedule or NoExecute taint the pod does not tolerate; a node
     * outside the zones of the pod's volumes (or of unknown zone).
     */
    static Optional<String> refusal(Bin node, Demand pod) {
        if (!node.acceptsPods()) {
            return Optional.of("(cordoned or not Ready)");
        }
        for (ClusterInventory.Taint t : node.taints()) {
            if (t.repels() && pod.tolerations().stream().noneMatch(tol -> tol.tolerates(t))) {
                return Optional.of("(taint " + t + " not tolerated)");
            }
        }
        if (!pod.zones().isEmpty() && (node.zone().isEmpty() || !pod.zones().contains(node.zone().get()))) {
            return Optional.of("(zone " + node.zone().orElse("unknown") + "; its volumes are in "
                    + String.join(", ", new java.util.TreeSet<>(pod.zones())) + ")");
        }
        return Optional.empty();
    }

    private static final class Slot {
        final Bin bin;
        final String node;
        final List<Demand> demands;
        double cpuFree;
        double memoryFree;
        boolean removed;

        Slot(Bin bin) {
            this.bin = bin;
            this.node = bin.node();
            this.demands = new ArrayList<>(bin.demands());
            this.cpuFree = bin.cpuCapacity() - bin.cpuUsed();
            this.memoryFree = bin.memoryCapacity() - bin.memoryUsed();
        }

        void take(Demand d) {
            demands.add(d);
            cpuFree -= d.cpu();
            memoryFree -= d.memory();
        }
    }
}
