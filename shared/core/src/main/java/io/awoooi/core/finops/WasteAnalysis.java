package io.awoooi.core.finops;

import io.awoooi.core.HumanTime;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.PodUid;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.action.SystemNamespaces;
import io.awoooi.core.finops.ClusterInventory.Claim;
import io.awoooi.core.finops.ClusterInventory.Node;
import io.awoooi.core.finops.ClusterInventory.Owner;
import io.awoooi.core.finops.ClusterInventory.Pod;
import io.awoooi.core.finops.ClusterInventory.Workload;
import io.awoooi.core.finops.Finding.Category;
import io.awoooi.core.finops.Finding.Kind;
import io.awoooi.core.finops.Finding.Saving;
import io.awoooi.core.finops.UsageHistory.PodUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and prices the waste in a cluster (pure: the inventory and the usage are read elsewhere).
 * <ul>
 * <li><b>Orphaned claims</b>: Bound, mounted by no pod that has not finished, referenced by no
 * workload template (a pod template's volumes; a StatefulSet's volumeClaimTemplates own
 * {@code <template>-<set>-<ordinal>}), unused for {@code orphanAfter} counted from the later of its
 * creation and the last pod seen mounting it. Priced: size x the storage class's GiB-month price.
 * REALIZABLE.</li>
 * <li><b>Zombie pods</b>: Running, older than the window, CPU measured over the whole window and every
 * hourly rate below {@code zombieCpuFraction} of its request (of one core without one). Priced: its
 * requests at its node's instance type's rates ({@link PricingTable#ratesOf}). FREED. Grouped by
 * workload: scaling a Deployment to zero is proposed only when all its pods are zombies.</li>
 * <li><b>Over-provisioned nodes</b>: requested minus buffered peak usage above zero for CPU or memory.
 * When its pods fit on the other nodes ({@link BinPacking}) the node can go (its price, REALIZABLE);
 * otherwise the cheapest instance type of the table that holds its buffered usage, when cheaper
 * (the difference, REALIZABLE).</li>
 * </ul>
 * Whatever cannot be measured or priced is a {@link Gap} or an unpriced finding with its reason;
 * nothing is estimated.
 */
public final class WasteAnalysis {
    private final PricingTable prices;
    private final FinOpsSettings settings;

    public WasteAnalysis(PricingTable prices, FinOpsSettings settings) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public FinOpsReport analyse(String reportId, Instant now, ClusterInventory cluster, UsageHistory usage) {
        List<Finding> findings = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        cluster.unreadable().forEach((list, why) -> gaps.add(new Gap(list, "could not be listed: " + why)));
        usage.unavailable().ifPresent(why -> gaps.add(new Gap("metrics", "usage could not be read: " + why)));

        Map<String, Node> nodes = new HashMap<>();
        cluster.nodes().forEach(n -> nodes.put(n.name(), n));
        Map<String, InstancePrice> nodePrices = new HashMap<>();
        for (Node n : cluster.nodes()) {
            Optional<String> problem = priceProblem(n);
            if (problem.isPresent()) {
                gaps.add(new Gap("node " + n.name(), problem.get()));
            } else {
                nodePrices.put(n.name(), prices.instance(n.instanceType().orElseThrow()).orElseThrow());
            }
        }

        if (cluster.readable(ClusterInventory.CLAIMS) && cluster.readable(ClusterInventory.PODS)
                && cluster.readable(ClusterInventory.WORKLOADS)) {
            orphanedClaims(now, cluster, usage, findings);
        } else if (!cluster.claims().isEmpty() || cluster.readable(ClusterInventory.CLAIMS)) {
            gaps.add(new Gap("orphaned PVCs", "not judged: claims, pods and workload templates are all needed"));
        }
        boolean measured = usage.unavailable().isEmpty() && cluster.readable(ClusterInventory.PODS);
        if (measured) {
            zombiePods(now, cluster, usage, nodes, nodePrices, findings, gaps);
            if (cluster.readable(ClusterInventory.NODES)) {
                overProvisionedNodes(cluster, usage, nodePrices, findings, gaps);
            } else {
                gaps.add(new Gap("over-provisioned nodes", "not judged: the nodes could not be listed"));
            }
        } else {
            gaps.add(new Gap("zombie pods and over-provisioned nodes", "not judged: usage or pods unknown"));
        }

        findings.sort(Comparator.comparing((Finding f) -> f.saving().isEmpty())
                .thenComparing(Finding::monthly, Comparator.reverseOrder())
                .thenComparing(Finding::category)
                .thenComparing(Finding::resource));
        return new FinOpsReport(reportId, now, usage.from(), prices.label(), findings, gaps,
                FinOpsReport.Totals.of(findings),
                new FinOpsReport.Scope(cluster.nodes().size(), cluster.pods().size(), cluster.claims().size()));
    }

    private Optional<String> priceProblem(Node n) {
        if (n.instanceType().isEmpty() || n.instanceType().get().isBlank()) {
            return Optional.of("no node.kubernetes.io/instance-type label: its cost is unknown");
        }
        if (prices.instance(n.instanceType().get()).isEmpty()) {
            return Optional.of("instance type " + n.instanceType().get() + " is not in the pricing table");
        }
        return Optional.empty();
    }

    // ---- orphaned claims ---------------------------------------------------------------------------

    private void orphanedClaims(Instant now, ClusterInventory cluster, UsageHistory usage, List<Finding> out) {
        Set<String> mounted = new HashSet<>();
        for (Pod p : cluster.pods()) {
            if (!p.terminated()) {
                p.claims().forEach(c -> mounted.add(p.namespace() + "/" + c));
            }
        }
        Set<String> referenced = new HashSet<>();
        Set<String> templatePrefixes = new HashSet<>();
        for (Workload w : cluster.workloads()) {
            w.claims().forEach(c -> referenced.add(w.namespace() + "/" + c));
            w.claimTemplates().forEach(t -> templatePrefixes.add(w.namespace() + "/" + t + "-" + w.name()));
        }
        for (Claim c : cluster.claims()) {
            if (!c.phase().equals("Bound") || mounted.contains(c.key()) || referenced.contains(c.key())
                    || templatePrefixes.contains(ordinalPrefix(c.key()))) {
                continue;
            }
            Optional<Instant> lastUsed = Optional.ofNullable(usage.claimLastUsed().get(c.key()));
            Instant since = lastUsed.filter(t -> t.isAfter(c.createdAt())).orElse(c.createdAt());
            Duration unused = Duration.between(since, now);
            if (unused.compareTo(settings.orphanAfter()) < 0) {
                continue;
            }
            double gib = c.sizeBytes() / Money.GIB;
            List<String> evidence = new ArrayList<>();
            evidence.add(String.format(Locale.ROOT, "%s of %s, created %s", gibText(gib),
                    c.storageClass().orElse("no storage class"), HumanTime.at(c.createdAt())));
            evidence.add("mounted by no pod and referenced by no workload template");
            evidence.add(lastUsed.map(t -> "last mounted by a pod at " + HumanTime.at(t))
                    .orElse("no pod seen mounting it in the metrics: unused for at least its age"));
            Optional<Saving> saving = Optional.empty();
            Optional<String> unpriced = Optional.empty();
            if (c.storageClass().isEmpty()) {
                unpriced = Optional.of("it has no storage class, so no GiB-month price applies");
            } else {
                Optional<BigDecimal> perGib = prices.storageGibMonth(c.storageClass().get());
                if (perGib.isEmpty()) {
                    unpriced = Optional.of("storage class " + c.storageClass().get() + " is not in the pricing table");
                } else {
                    saving = Optional
                            .of(new Saving(Kind.REALIZABLE, Money.cents(perGib.get().multiply(Money.exact(gib))),
                                    gibText(gib) + " of " + c.storageClass().get() + " at $"
                                            + perGib.get().toPlainString()
                                            + "/GiB-month"));
                }
            }
            String snapshot = c.snapshotClass().map(s -> ", after a VolumeSnapshot of it (class " + s
                    + "): recoverable, MEDIUM").orElse(" (no VolumeSnapshotClass for its driver: the data goes with it,"
                            + " HIGH)");
            out.add(new Finding(Category.ORPHANED_PVC, "pvc " + c.key(),
                    "Delete claim " + c.name() + " in " + c.namespace() + snapshot, evidence, saving, unpriced,
                    c.snapshotClass().isPresent() ? RiskLevel.MEDIUM : RiskLevel.HIGH,
                    Optional.of(new ProposedAction(ActionType.DELETE_PVC, c.snapshotClass()
                            .map(s -> Map.of("namespace", c.namespace(), "pvc", c.name(), "snapshotClass", s))
                            .orElseGet(() -> Map.of("namespace", c.namespace(), "pvc", c.name()))))));
        }
    }

    /** {@code ns/data-db-3} -> {@code ns/data-db}; empty when the name does not end in {@code -<digits>}. */
    static String ordinalPrefix(String key) {
        int dash = key.lastIndexOf('-');
        if (dash <= key.indexOf('/') + 1 || dash == key.length() - 1) {
            return "";
        }
        for (int i = dash + 1; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return "";
            }
        }
        return key.substring(0, dash);
    }

    // ---- zombie pods -------------------------------------------------------------------------------

    private void zombiePods(Instant now, ClusterInventory cluster, UsageHistory usage, Map<String, Node> nodes,
            Map<String, InstancePrice> nodePrices, List<Finding> out, List<Gap> gaps) {
        Map<String, List<Pod>> byWorkload = new LinkedHashMap<>();
        Map<String, List<Pod>> zombiesByWorkload = new LinkedHashMap<>();
        Map<String, Double> peak = new HashMap<>();
        for (Pod p : cluster.pods()) {
            if (!p.phase().equals("Running")) {
                continue;
            }
            String workload = workloadKey(p);
            byWorkload.computeIfAbsent(workload, k -> new ArrayList<>()).add(p);
            if (Duration.between(p.createdAt(), now).compareTo(settings.zombieWindow()) < 0) {
                continue; // younger than the window: never a zombie
            }
            Optional<PodUsage> u = usage.of(p.key());
            if (u.isEmpty()) {
                gaps.add(new Gap("pod " + p.key(), "no CPU samples in the window"));
                continue;
            }
            Optional<String> partial = coverageProblem(u.get(), usage);
            if (partial.isPresent()) {
                gaps.add(new Gap("pod " + p.key(), partial.get()));
                continue;
            }
            double threshold = settings.zombieCpuFraction() * (p.cpuRequest() > 0 ? p.cpuRequest() : 1.0);
            if (u.get().maxCpuCores() < threshold) {
                zombiesByWorkload.computeIfAbsent(workload, k -> new ArrayList<>()).add(p);
                peak.put(p.key(), u.get().maxCpuCores());
            }
        }
        long days = settings.zombieWindow().toDays();
        for (Map.Entry<String, List<Pod>> e : zombiesByWorkload.entrySet()) {
            List<Pod> zombies = e.getValue();
            Pod first = zombies.get(0);
            int running = byWorkload.get(e.getKey()).size();
            boolean whole = zombies.size() == running;
            List<String> evidence = new ArrayList<>();
            for (Pod p : zombies.stream().limit(5).toList()) {
                evidence.add(String.format(Locale.ROOT, "%s: peak hourly CPU %s over %d days, below %s%% of %s",
                        p.name(), cores(peak.get(p.key())), days, percent(settings.zombieCpuFraction()),
                        p.cpuRequest() > 0 ? "its request of " + cores(p.cpuRequest()) : "one core (no request)"));
            }
            if (zombies.size() > 5) {
                evidence.add((zombies.size() - 5) + " more idle pods of the same workload");
            }
            BigDecimal hourly = BigDecimal.ZERO;
            List<String> basis = new ArrayList<>();
            Optional<String> unpriced = Optional.empty();
            for (Pod p : zombies) {
                Optional<InstancePrice> price = p.node().map(nodePrices::get);
                if (price.isEmpty()) {
                    unpriced = Optional.of(p.node().isEmpty() ? "pod " + p.name() + " runs on no node"
                            : nodes.containsKey(p.node().get())
                                    ? "node " + p.node().get() + " of pod " + p.name() + " has no known instance type"
                                    : "node " + p.node().get() + " of pod " + p.name() + " could not be read");
                    break;
                }
                PricingTable.NodeRates rates = prices.ratesOf(price.get());
                hourly = hourly.add(rates.hourly(p.cpuRequest(), p.memoryRequest()));
                String b = "requests at " + price.get().type() + " rates";
                if (!basis.contains(b)) {
                    basis.add(b);
                }
            }
            Optional<Saving> saving = unpriced.isPresent() ? Optional.empty()
                    : Optional.of(new Saving(Kind.FREED, Money.monthly(hourly), String.format(Locale.ROOT,
                            "%s CPU and %s requested, %s", cores(zombies.stream().mapToDouble(Pod::cpuRequest).sum()),
                            gibText(zombies.stream().mapToDouble(Pod::memoryRequest).sum() / Money.GIB),
                            String.join("; ", basis))));
            Optional<Owner> owner = first.owner();
            String resource;
            String recommendation;
            RiskLevel risk;
            Optional<ProposedAction> action = Optional.empty();
            if (first.staticPod()) {
                resource = "pod " + first.key();
                recommendation = "Remove the static pod " + first.name() + " in " + first.namespace()
                        + " from the manifests of node " + first.node().orElse("?") + " (by hand: only its kubelet"
                        + " removes it)";
                risk = RiskLevel.HIGH;
            } else if (owner.isEmpty()) {
                resource = "pod " + first.key();
                risk = RiskLevel.HIGH;
                if (SystemNamespaces.isSystem(first.namespace())) {
                    recommendation = "Check the bare pod " + first.name() + " in the system namespace "
                            + first.namespace()
                            + " (by hand: AWOOOI deletes no pod there)";
                } else if (first.uid().isEmpty()) {
                    recommendation = "Delete the bare pod " + first.name() + " in " + first.namespace()
                            + " (by hand: its uid is unknown, so no request can name the very pod)";
                } else {
                    // nothing recreates a bare pod: its spec and its emptyDir data go with it (HIGH, ADR 0017)
                    recommendation = "Delete the bare pod " + first.name() + " in " + first.namespace()
                            + " (no controller recreates it: it is gone for good)";
                    action = Optional.of(new ProposedAction(ActionType.DELETE_POD, Map.of("namespace",
                            first.namespace(), "pod", first.name(), "uid", PodUid.compact(first.uid()))));
                }
            } else if (whole && owner.get().kind().equals(Owner.DEPLOYMENT)) {
                resource = "deployment " + first.namespace() + "/" + owner.get().name();
                recommendation = "Scale deployment " + owner.get().name() + " in " + first.namespace() + " to zero";
                risk = RiskLevel.MEDIUM;
                action = Optional.of(new ProposedAction(ActionType.SCALE_DEPLOYMENT,
                        Map.of("namespace", first.namespace(), "deployment", owner.get().name(), "replicas", "0")));
            } else if (whole && owner.get().kind().equals(Owner.STATEFUL_SET)) {
                // its claims stay (the dry-run refuses a retention policy that deletes them when scaled)
                resource = "statefulset " + first.namespace() + "/" + owner.get().name();
                recommendation = "Scale statefulset " + owner.get().name() + " in " + first.namespace()
                        + " to zero (its claims stay)";
                risk = RiskLevel.MEDIUM;
                action = Optional.of(new ProposedAction(ActionType.SCALE_STATEFULSET,
                        Map.of("namespace", first.namespace(), "statefulset", owner.get().name(), "replicas", "0")));
            } else {
                String kind = owner.get().kind().toLowerCase(Locale.ROOT);
                resource = kind + " " + first.namespace() + "/" + owner.get().name();
                recommendation = whole
                        ? "Scale " + kind + " " + owner.get().name() + " in " + first.namespace() + " to zero (by hand)"
                        : "Lower the replicas of " + kind + " " + owner.get().name() + " in " + first.namespace()
                                + ": " + zombies.size() + " of its " + running + " running pods idle";
                risk = RiskLevel.MEDIUM;
            }
            out.add(new Finding(Category.ZOMBIE_POD, resource, recommendation, evidence, saving, unpriced, risk,
                    action));
        }
    }

    private static String workloadKey(Pod p) {
        if (p.staticPod()) {
            return p.key() + "/static"; // each its own: one node's static pods are not one workload
        }
        return p.owner().map(o -> p.namespace() + "/" + o.kind() + "/" + o.name()).orElse(p.key() + "/bare");
    }

    /** Samples must cover the window (within a step at each end) with at most a tenth of the hours missing. */
    private static Optional<String> coverageProblem(PodUsage u, UsageHistory usage) {
        long expected = usage.expectedSamples();
        boolean starts = !u.firstSample().isAfter(usage.from().plus(usage.step()));
        boolean ends = !u.lastSample().isBefore(usage.to().minus(usage.step().multipliedBy(2)));
        if (starts && ends && u.samples() * 10 >= expected * 9) {
            return Optional.empty();
        }
        return Optional.of("CPU measured for " + u.samples() + " of " + expected + " hours of the window");
    }

    // ---- over-provisioned nodes --------------------------------------------------------------------

    private void overProvisionedNodes(ClusterInventory cluster, UsageHistory usage,
            Map<String, InstancePrice> nodePrices, List<Finding> out, List<Gap> gaps) {
        Map<String, List<Pod>> podsByNode = new HashMap<>();
        for (Pod p : cluster.pods()) {
            if (!p.terminated() && p.node().isPresent()) {
                podsByNode.computeIfAbsent(p.node().get(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Claim> claims = new HashMap<>();
        cluster.claims().forEach(c -> claims.put(c.key(), c));
        boolean volumesKnown = cluster.readable(ClusterInventory.VOLUMES) && cluster.readable(ClusterInventory.CLAIMS);
        SafetyBuffer buffer = settings.buffer();
        List<BinPacking.Bin> bins = new ArrayList<>();
        Set<String> candidates = new HashSet<>();
        Map<String, double[]> figures = new HashMap<>(); // requested cpu, mem, used cpu, mem
        for (Node n : cluster.nodes()) {
            if (n.unschedulable()) {
                continue; // cordoned: someone is on it already; it takes no pod either
            }
            List<Pod> pods = podsByNode.getOrDefault(n.name(), List.of());
            double reqCpu = 0;
            double reqMem = 0;
            double usedCpu = 0;
            double usedMem = 0;
            int unmeasured = 0;
            List<BinPacking.Demand> demands = new ArrayList<>();
            for (Pod p : pods) {
                Optional<PodUsage> u = usage.of(p.key());
                if (u.isEmpty() || u.get().maxMemoryBytes().isEmpty()) {
                    unmeasured++;
                    continue;
                }
                double cpu = u.get().maxCpuCores();
                double mem = u.get().maxMemoryBytes().getAsDouble();
                reqCpu += p.cpuRequest();
                reqMem += p.memoryRequest();
                usedCpu += cpu;
                usedMem += mem;
                Optional<Set<String>> zones = zonesOf(p, claims, volumesKnown);
                BinPacking.Mobility mobility = p.daemon() || p.staticPod() ? BinPacking.Mobility.GOES_WITH_NODE
                        : p.owner().isEmpty() || p.pinned() || zones.isEmpty() ? BinPacking.Mobility.STUCK
                                : BinPacking.Mobility.MOVES;
                demands.add(new BinPacking.Demand(p.key(), Math.max(p.cpuRequest(), buffer.buffered(cpu)),
                        Math.max(p.memoryRequest(), buffer.buffered(mem)), mobility, p.tolerations(),
                        zones.orElse(Set.of())));
            }
            if (unmeasured > 0) {
                gaps.add(new Gap("node " + n.name(), "usage of " + unmeasured + " of its " + pods.size()
                        + " pods unknown: neither judged nor used to place pods"));
                continue;
            }
            bins.add(new BinPacking.Bin(n.name(), n.cpuCores(), n.memoryBytes(), demands, n.acceptsPods(), n.taints(),
                    n.zone()));
            figures.put(n.name(), new double[] {reqCpu, reqMem, usedCpu, usedMem});
            // a node that runs nothing but what goes with it (DaemonSet and static pods) is waste whatever it requests
            boolean idle = demands.stream().allMatch(d -> d.mobility() == BinPacking.Mobility.GOES_WITH_NODE);
            if (idle || buffer.wasted(reqCpu, usedCpu) > 0 || buffer.wasted(reqMem, usedMem) > 0) {
                candidates.add(n.name());
            }
        }
        BinPacking.Plan plan = BinPacking.plan(bins, candidates);
        Map<String, Node> byName = new HashMap<>();
        cluster.nodes().forEach(n -> byName.put(n.name(), n));
        for (String name : candidates.stream().sorted().toList()) {
            Node n = byName.get(name);
            double[] f = figures.get(name);
            List<String> evidence = new ArrayList<>();
            evidence.add(String.format(Locale.ROOT,
                    "CPU: %s requested of %s, peak use %s (%s with the %sx buffer): %s wasted",
                    cores(f[0]), cores(n.cpuCores()), cores(f[2]), cores(buffer.buffered(f[2])), trim(buffer.factor()),
                    cores(buffer.wasted(f[0], f[2]))));
            evidence.add(String.format(Locale.ROOT, "memory: %s requested of %s, peak use %s (%s buffered): %s wasted",
                    gibText(f[1] / Money.GIB), gibText(n.memoryBytes() / Money.GIB), gibText(f[3] / Money.GIB),
                    gibText(buffer.buffered(f[3]) / Money.GIB), gibText(buffer.wasted(f[1], f[3]) / Money.GIB)));
            Optional<InstancePrice> current = Optional.ofNullable(nodePrices.get(name));
            Optional<BinPacking.Removal> removal = plan.removal(name);
            if (removal.isPresent()) {
                Map<String, String> placements = removal.get().placements();
                evidence.add(placements.isEmpty() ? "no pod needs moving"
                        : "its " + placements.size() + " pods fit on the other nodes' free capacity: "
                                + String.join(", ", placements.entrySet().stream().limit(5)
                                        .map(e -> e.getKey() + " -> " + e.getValue()).toList())
                                + (placements.size() > 5 ? " and " + (placements.size() - 5) + " more" : ""));
                Optional<Saving> saving = current.map(i -> new Saving(Kind.REALIZABLE, Money.monthly(i.hourly()),
                        i.type() + " at $" + i.hourly().toPlainString() + "/hour"));
                out.add(new Finding(Category.OVERPROVISIONED_NODE, "node " + name,
                        "Drain node " + name + " and remove it from its node group", evidence, saving,
                        saving.isPresent() ? Optional.empty() : Optional.of(priceProblem(n).orElse("unknown price")),
                        RiskLevel.HIGH, NodeDrains.action(name)));
                continue;
            }
            if (current.isEmpty()) {
                continue; // the gap is reported; a resize cannot be priced against an unknown price
            }
            double needCpu = buffer.buffered(f[2]);
            double needMem = buffer.buffered(f[3]);
            Optional<InstancePrice> smaller = prices.instancesCheapestFirst().stream()
                    .filter(i -> i.vcpu() >= needCpu && i.memoryBytes() >= needMem)
                    .filter(i -> i.hourly().compareTo(current.get().hourly()) < 0)
                    .findFirst();
            if (smaller.isEmpty()) {
                continue;
            }
            plan.kept().stream().filter(k -> k.node().equals(name)).findFirst()
                    .ifPresent(k -> evidence.add("it cannot go: " + k.reason()));
            InstancePrice to = smaller.get();
            out.add(new Finding(Category.OVERPROVISIONED_NODE, "node " + name,
                    String.format(Locale.ROOT, "Replace node %s (%s) with a %s (%d vCPU, %s) after lowering its pods'"
                            + " requests to their buffered usage", name, current.get().type(), to.type(), to.vcpu(),
                            gibText(to.memoryGib().doubleValue())),
                    evidence,
                    Optional.of(new Saving(Kind.REALIZABLE, Money.monthly(current.get().hourly().subtract(to.hourly())),
                            current.get().type() + " at $" + current.get().hourly().toPlainString() + "/hour -> "
                                    + to.type() + " at $" + to.hourly().toPlainString() + "/hour")),
                    Optional.empty(), RiskLevel.MEDIUM, Optional.empty()));
        }
    }

    /**
     * The zones a pod's volumes allow it to run in: empty set for anywhere; empty when it cannot be
     * placed by zone (the volumes could not be read, or its claims' zones have none in common).
     */
    private static Optional<Set<String>> zonesOf(Pod p, Map<String, Claim> claims, boolean volumesKnown) {
        if (p.claims().isEmpty()) {
            return Optional.of(Set.of());
        }
        if (!volumesKnown) {
            return Optional.empty();
        }
        Set<String> allowed = null;
        for (String name : p.claims()) {
            Claim c = claims.get(p.namespace() + "/" + name);
            if (c == null || c.zones().isEmpty()) {
                continue; // no such claim (its pod does not start anywhere either) or a volume of no zone
            }
            if (allowed == null) {
                allowed = new HashSet<>(c.zones());
            } else {
                allowed.retainAll(c.zones());
            }
        }
        if (allowed == null) {
            return Optional.of(Set.of());
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(allowed);
    }

    // ---- words -------------------------------------------------------------------------------------

    static String cores(double c) {
        return trim(Math.round(c * 1000) / 1000.0) + " cores";
    }

    static String gibText(double gib) {
        return trim(Math.round(gib * 100) / 100.0) + " GiB";
    }

    static String percent(double fraction) {
        return trim(Math.round(fraction * 100_000) / 1000.0);
    }

    static String trim(double v) {
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
