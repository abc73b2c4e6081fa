package io.awoooi.bench;

import io.awoooi.core.finops.ClusterInventory;
import io.awoooi.core.finops.ClusterInventory.Claim;
import io.awoooi.core.finops.ClusterInventory.Node;
import io.awoooi.core.finops.ClusterInventory.Owner;
import io.awoooi.core.finops.ClusterInventory.Pod;
import io.awoooi.core.finops.ClusterInventory.Workload;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsSettings;
import io.awoooi.core.finops.Finding;
import io.awoooi.core.finops.PricingTable;
import io.awoooi.core.finops.UsageHistory;
import io.awoooi.core.finops.UsageHistory.PodUsage;
import io.awoooi.core.finops.WasteAnalysis;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The FinOps analysis on a synthetic cluster of 10,000 pods, 5,000 claims and 500 nodes with a week
 * of hourly usage per pod (169 samples each, reduced to each pod's peaks in the run), against a naive
 * nested-loop version of the same joins in the same run: who mounts a claim (every pod for every
 * claim), whose usage a pod has (a scan of the series list per pod), which pods a node runs (every pod
 * for every node). Both must find the same orphans, zombies and node sums; the analysis's report is
 * then the one the scan writes.
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar io.awoooi.bench.FinOpsBench [rounds]
 * </pre>
 * Prints each round's times and the heap in use at its peak; run with -Xmx256m, so finishing at all
 * shows the analysis fits in 256 MB. No assertion on time here (BenchInputsTest checks correctness).
 */
public final class FinOpsBench {
    static final int NODES = 500;
    static final int PODS = 10_000;
    static final int CLAIMS = 5_000;
    static final long SEED = 20261207L;
    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    static final int HOURS = 7 * 24 + 1;

    /** The synthetic cluster and its raw hourly series (cores, bytes) per pod key. */
    record Synthetic(ClusterInventory cluster, Map<String, double[]> cpuSeries, Map<String, double[]> memorySeries) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Synthetic s = generate(NODES, PODS, CLAIMS, SEED);
        WasteAnalysis analysis = new WasteAnalysis(PricingTable.defaults(), FinOpsSettings.defaults());
        System.out.printf("cluster: %d nodes, %d pods, %d claims, %d workloads; %d samples per pod%n",
                s.cluster().nodes().size(), s.cluster().pods().size(), s.cluster().claims().size(),
                s.cluster().workloads().size(), HOURS);
        for (int round = 1; round <= rounds; round++) {
            resetPeak();
            long t0 = System.nanoTime();
            UsageHistory usage = reduce(s);
            FinOpsReport report = analysis.analyse("fin_20261207T000000Z", NOW, s.cluster(), usage);
            long fast = System.nanoTime() - t0;
            long fastHeap = peakHeap();
            resetPeak();
            long t1 = System.nanoTime();
            NaiveJoins naive = NaiveJoins.of(s, usage);
            long slow = System.nanoTime() - t1;
            Joins indexed = Joins.of(report);
            if (!naive.orphans.equals(indexed.orphans) || !naive.zombieWorkloads.equals(indexed.zombieWorkloads)) {
                throw new IllegalStateException("the naive joins and the analysis disagree");
            }
            System.out.printf(
                    "round %d: analysis %d ms (series reduced + report: %d findings, %s/month), peak heap %d MB;"
                            + " naive joins alone %d ms; %d orphans, %d zombie workloads, %d node findings%n",
                    round, fast / 1_000_000, report.findings().size(), report.totals().monthly().toPlainString(),
                    fastHeap / (1024 * 1024), slow / 1_000_000, indexed.orphans.size(), indexed.zombieWorkloads.size(),
                    report.findings().stream().filter(f -> f.category() == Finding.Category.OVERPROVISIONED_NODE)
                            .count());
        }
    }

    /** Each pod's hourly samples to the analysis's per-pod peaks (what PrometheusUsage does while streaming). */
    static UsageHistory reduce(Synthetic s) {
        Map<String, PodUsage> pods = new HashMap<>();
        Instant from = NOW.minus(Duration.ofDays(7));
        s.cpuSeries().forEach((key, cpu) -> {
            double maxCpu = 0;
            for (double v : cpu) {
                maxCpu = Math.max(maxCpu, v);
            }
            double maxMem = 0;
            for (double v : s.memorySeries().get(key)) {
                maxMem = Math.max(maxMem, v);
            }
            pods.put(key, new PodUsage(from, NOW, cpu.length, maxCpu, OptionalDouble.of(maxMem)));
        });
        return new UsageHistory(from, NOW, Duration.ofHours(1), pods, Map.of(), Optional.empty());
    }

    /** What both versions must agree on. */
    record Joins(Set<String> orphans, Set<String> zombieWorkloads) {
        static Joins of(FinOpsReport report) {
            Set<String> orphans = new TreeSet<>();
            Set<String> zombies = new TreeSet<>();
            for (Finding f : report.findings()) {
                if (f.category() == Finding.Category.ORPHANED_PVC) {
                    orphans.add(f.resource().substring("pvc ".length()));
                } else if (f.category() == Finding.Category.ZOMBIE_POD) {
                    zombies.add(f.resource().substring(f.resource().indexOf(' ') + 1));
                }
            }
            return new Joins(orphans, zombies);
        }
    }

    /** The joins written the obvious way: nested loops, no index. */
    static final class NaiveJoins {
        final Set<String> orphans = new TreeSet<>();
        final Set<String> zombieWorkloads = new TreeSet<>();

        static NaiveJoins of(Synthetic s, UsageHistory usage) {
            NaiveJoins out = new NaiveJoins();
            ClusterInventory c = s.cluster();
            List<Map.Entry<String, PodUsage>> series = new ArrayList<>(usage.pods().entrySet());
            for (Claim claim : c.claims()) {
                boolean used = false;
                for (Pod p : c.pods()) {
                    for (String name : p.claims()) {
                        used |= !p.terminated() && p.namespace().equals(claim.namespace()) && name.equals(claim.name());
                    }
                }
                for (Workload w : c.workloads()) {
                    for (String name : w.claims()) {
                        used |= w.namespace().equals(claim.namespace()) && name.equals(claim.name());
                    }
                    for (String t : w.claimTemplates()) {
                        used |= w.namespace().equals(claim.namespace())
                                && claim.name().matches(java.util.regex.Pattern.quote(t + "-" + w.name()) + "-\\d+");
                    }
                }
                if (!used && claim.phase().equals("Bound")
                        && Duration.between(claim.createdAt(), NOW).compareTo(Duration.ofDays(7)) >= 0) {
                    out.orphans.add(claim.key());
                }
            }
            Map<String, int[]> runningAndIdle = new HashMap<>();
            for (Pod p : c.pods()) {
                if (!p.phase().equals("Running")) {
                    continue;
                }
                String workload = p.owner().map(o -> p.namespace() + "/" + o.name()).orElse(p.key());
                int[] counts = runningAndIdle.computeIfAbsent(workload, k -> new int[2]);
                counts[0]++;
                PodUsage u = null;
                for (Map.Entry<String, PodUsage> e : series) { // a linear search per pod
                    if (e.getKey().equals(p.key())) {
                        u = e.getValue();
                    }
                }
                double threshold = 0.01 * (p.cpuRequest() > 0 ? p.cpuRequest() : 1.0);
                if (u != null && Duration.between(p.createdAt(), NOW).compareTo(Duration.ofDays(7)) >= 0
                        && u.maxCpuCores() < threshold) {
                    counts[1]++;
                }
            }
            runningAndIdle.forEach((w, counts) -> {
                if (counts[1] > 0) {
                    out.zombieWorkloads.add(w);
                }
            });
            for (Node n : c.nodes()) { // every pod for every node
                double requested = 0;
                for (Pod p : c.pods()) {
                    if (p.node().filter(n.name()::equals).isPresent()) {
                        requested += p.cpuRequest();
                    }
                }
                if (requested < 0) {
                    throw new IllegalStateException();
                }
            }
            return out;
        }
    }

    /**
     * 500 nodes (m5.xlarge, m5.2xlarge and, every 50th, an unknown type); Deployments of 1-6 replicas
     * and one DaemonSet pod per node, 10,000 pods in all, 2% of the Deployments idle, 30% of the pods
     * younger than the window; 5,000 claims, 60% mounted, 10% owned by StatefulSet templates, the rest
     * orphans of various ages; usage at 15-60% of the requests, idle ones at 0.1%.
     */
    static Synthetic generate(int nodeCount, int podCount, int claimCount, long seed) {
        Random r = new Random(seed);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            String type = i % 50 == 49 ? "x9.mystery" : i % 3 == 0 ? "m5.2xlarge" : "m5.xlarge";
            int cpu = type.equals("m5.2xlarge") ? 8 : 4;
            nodes.add(new Node("ip-10-0-" + (i / 250) + "-" + (i % 250), Optional.of(type), cpu - 0.2,
                    (cpu * 4 - 1) * 1024d * 1024 * 1024, false));
        }
        List<Pod> pods = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        Map<String, double[]> cpuSeries = new HashMap<>();
        Map<String, double[]> memSeries = new HashMap<>();
        for (Node n : nodes) {
            Pod ds = new Pod("kube-system", "node-agent-" + n.name(), Optional.of(n.name()), "Running",
                    NOW.minus(Duration.ofDays(60)), Optional.of(new Owner(Owner.DAEMON_SET, "node-agent")), 0.1,
                    128 * 1024d * 1024, List.of(), false);
            pods.add(ds);
            series(ds, 0.3, r, cpuSeries, memSeries);
        }
        workloads.add(new Workload("DaemonSet", "kube-system", "node-agent", List.of(), List.of()));
        int claimsMounted = claimCount * 6 / 10;
        List<String> mountable = new ArrayList<>();
        for (int i = 0; i < claimsMounted; i++) {
            mountable.add("data-" + i);
        }
        int deployment = 0;
        while (pods.size() < podCount) {
            String ns = "team-" + (deployment % 40);
            String name = "svc-" + deployment;
            int replicas = Math.min(1 + r.nextInt(6), podCount - pods.size());
            boolean idle = r.nextInt(50) == 0;
            boolean young = r.nextInt(10) < 3;
            double cpu = 0.1 * (1 + r.nextInt(10));
            double mem = (256 + 128 * r.nextInt(8)) * 1024d * 1024;
            List<String> claims = new ArrayList<>();
            workloads.add(new Workload("Deployment", ns, name, claims, List.of()));
            for (int k = 0; k < replicas; k++) {
                List<String> podClaims = mountable.isEmpty() || r.nextInt(3) != 0 ? List.of()
                        : List.of(mountable.remove(mountable.size() - 1));
                Pod p = new Pod(ns, name + "-" + k, Optional.of(nodes.get(r.nextInt(nodes.size())).name()), "Running",
                        NOW.minus(Duration.ofDays(young ? 1 + r.nextInt(6) : 8 + r.nextInt(90))),
                        Optional.of(new Owner(Owner.DEPLOYMENT, name)), cpu, mem, podClaims, r.nextInt(20) == 0);
                pods.add(p);
                series(p, idle ? 0.001 : 0.15 + 0.45 * r.nextDouble(), r, cpuSeries, memSeries);
            }
            deployment++;
        }
        List<Claim> claimList = new ArrayList<>();
        Set<String> mountedNames = new HashSet<>();
        pods.forEach(p -> p.claims().forEach(c -> mountedNames.add(p.namespace() + "/" + c)));
        Map<String, String> mountedNs = new HashMap<>();
        pods.forEach(p -> p.claims().forEach(c -> mountedNs.put(c, p.namespace())));
        for (int i = 0; i < claimCount; i++) {
            String name = "data-" + i;
            String ns = mountedNs.getOrDefault(name, "team-" + (i % 40));
            if (i >= claimsMounted && i < claimsMounted + claimCount / 10) {
                name = "data-db" + i + "-" + (i % 3);
                workloads.add(new Workload("StatefulSet", ns, "db" + i, List.of(), List.of("data")));
                name = "data-db" + i + "-" + (i % 3);
            }
            claimList.add(new Claim(ns, name, Optional.of(i % 7 == 0 ? "io1" : "gp3"), "Bound",
                    (10 + r.nextInt(200)) * 1024d * 1024 * 1024, NOW.minus(Duration.ofDays(1 + r.nextInt(60))),
                    Optional.empty()));
        }
        return new Synthetic(ClusterInventory.of(nodes, pods, claimList, workloads), cpuSeries, memSeries);
    }

    /** 169 hourly samples around {@code share} of the pod's requests (of a core without a request). */
    private static void series(Pod p, double share, Random r, Map<String, double[]> cpu, Map<String, double[]> mem) {
        double[] c = new double[HOURS];
        double[] m = new double[HOURS];
        double base = (p.cpuRequest() > 0 ? p.cpuRequest() : 1.0) * share;
        for (int h = 0; h < HOURS; h++) {
            c[h] = base * (0.8 + 0.2 * r.nextDouble());
            m[h] = p.memoryRequest() * Math.min(1.0, share + 0.1) * (0.9 + 0.1 * r.nextDouble());
        }
        cpu.put(p.key(), c);
        mem.put(p.key(), m);
    }

    private static void resetPeak() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
