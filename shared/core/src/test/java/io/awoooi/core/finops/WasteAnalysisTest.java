package io.awoooi.core.finops;

import static io.awoooi.core.finops.FinOpsFixtures.GIB;
import static io.awoooi.core.finops.FinOpsFixtures.NOW;
import static io.awoooi.core.finops.FinOpsFixtures.analysis;
import static io.awoooi.core.finops.FinOpsFixtures.claim;
import static io.awoooi.core.finops.FinOpsFixtures.deployment;
import static io.awoooi.core.finops.FinOpsFixtures.node;
import static io.awoooi.core.finops.FinOpsFixtures.pod;
import static io.awoooi.core.finops.FinOpsFixtures.steady;
import static io.awoooi.core.finops.FinOpsFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.finops.ClusterInventory.Claim;
import io.awoooi.core.finops.ClusterInventory.Owner;
import io.awoooi.core.finops.ClusterInventory.Pod;
import io.awoooi.core.finops.ClusterInventory.Workload;
import io.awoooi.core.finops.Finding.Category;
import io.awoooi.core.finops.Finding.Kind;
import io.awoooi.core.finops.UsageHistory.PodUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WasteAnalysisTest {

    private static FinOpsReport scan(ClusterInventory cluster, UsageHistory usage) {
        return analysis().analyse("fin_20261207T000000Z", NOW, cluster, usage);
    }

    private static Finding only(FinOpsReport report, Category category) {
        List<Finding> found = report.findings().stream().filter(f -> f.category() == category).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    // ---- orphaned claims ---------------------------------------------------------------------------

    @Test
    void orphanedClaim_unusedForTenDays_pricedBySizeAndStorageClass() {
        // GIVEN a 50 GiB gp3 claim created 10 days ago that nothing mounts or references
        ClusterInventory cluster = ClusterInventory.of(List.of(), List.of(),
                List.of(claim("shop", "data-old", "gp3", 50, 10)), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of()));
        // THEN 50 GiB x $0.08 = $4.00 a month, realizable, deleted through delete_pvc; no snapshot class: HIGH
        Finding f = only(report, Category.ORPHANED_PVC);
        assertThat(f.resource()).isEqualTo("pvc shop/data-old");
        assertThat(f.saving()).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Kind.REALIZABLE);
            assertThat(s.monthly()).isEqualByComparingTo("4.00");
            assertThat(s.basis()).isEqualTo("50 GiB of gp3 at $0.08/GiB-month");
        });
        assertThat(f.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(f.recommendation()).contains("no VolumeSnapshotClass");
        assertThat(f.action()).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.DELETE_PVC);
            assertThat(a.params()).containsEntry("namespace", "shop").containsEntry("pvc", "data-old");
        });
        assertThat(report.totals().realizable()).isEqualByComparingTo("4.00");
        assertThat(report.totals().annual()).isEqualByComparingTo("48.00");
    }

    @Test
    void claims_mountedReferencedYoungOrRecentlyUsed_areNoOrphans() {
        // GIVEN five claims, each kept by one rule
        List<Claim> claims = List.of(
                claim("shop", "mounted", "gp3", 10, 30),
                claim("shop", "in-template", "gp3", 10, 30),
                claim("shop", "data-db-3", "gp3", 10, 30), // StatefulSet db's template "data", ordinal 3
                claim("shop", "young", "gp3", 10, 6), // 6 days < 7
                claim("shop", "used-lately", "gp3", 10, 30)); // mounted 3 days ago
        List<Pod> pods = List.of(pod("shop", "app-1", "n1", 30, deployment("app"), 0.1, 0.1, "mounted"));
        List<Workload> workloads = List.of(
                new Workload("CronJob", "shop", "backup", List.of("in-template"), List.of()),
                new Workload("StatefulSet", "shop", "db", List.of(), List.of("data")));
        UsageHistory usage = new UsageHistory(NOW.minus(Duration.ofDays(7)), NOW, Duration.ofHours(1), Map.of(),
                Map.of("shop/used-lately", NOW.minus(Duration.ofDays(3))), Optional.empty());
        // WHEN
        FinOpsReport report = scan(ClusterInventory.of(List.of(), pods, claims, workloads), usage);
        // THEN none is an orphan
        assertThat(report.findings()).noneMatch(f -> f.category() == Category.ORPHANED_PVC);
    }

    @Test
    void orphanedClaim_unknownStorageClassOrSnapshotClass_unpricedOrMediumRisk() {
        // GIVEN one claim of a class the table lacks, one with a VolumeSnapshotClass
        Claim unknown = claim("shop", "fast", "premium-nvme", 20, 30);
        Claim snap = new Claim("shop", "snap", Optional.of("io1"), "Bound", 8 * GIB, NOW.minus(Duration.ofDays(30)),
                Optional.of("ebs-snapshots"));
        // WHEN
        FinOpsReport report = scan(ClusterInventory.of(List.of(), List.of(), List.of(unknown, snap), List.of()),
                usage(Map.of()));
        // THEN the unknown one says why it has no figure and counts nothing; 8 GiB io1 = 8 x 0.125 = $1.00
        Finding fast = report.findings().stream().filter(f -> f.resource().equals("pvc shop/fast")).findFirst()
                .orElseThrow();
        assertThat(fast.saving()).isEmpty();
        assertThat(fast.unpriced()).contains("storage class premium-nvme is not in the pricing table");
        Finding s = report.findings().stream().filter(f -> f.resource().equals("pvc shop/snap")).findFirst()
                .orElseThrow();
        assertThat(s.monthly()).isEqualByComparingTo("1.00");
        assertThat(s.risk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(s.recommendation()).contains("after a VolumeSnapshot of it (class ebs-snapshots)");
        assertThat(s.action()).get()
                .satisfies(a -> assertThat(a.params()).containsEntry("snapshotClass", "ebs-snapshots"));
        assertThat(report.totals().monthly()).isEqualByComparingTo("1.00");
        assertThat(report.findings()).last().isEqualTo(fast); // unpriced findings last
    }

    // ---- zombie pods -------------------------------------------------------------------------------

    @Test
    void zombiePod_idleForTheWholeWindow_freedPricedByRequestsOnItsInstanceType() {
        // GIVEN a 10-day-old pod requesting 0.5 CPU and 1 GiB on an m.large whose hourly CPU peaked at
        // 0.004 cores (< 1% of 0.5 = 0.005)
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)),
                List.of(pod("shop", "report-1", "n1", 10, deployment("report"), 0.5, 1)), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/report-1", steady(0.004, 0.2))));
        // THEN m.large: GiB-hour = 0.10 / (2 x 8 + 8) = 0.1/24, vCPU-hour = 8 x that;
        // 0.5 x 8/24 x 0.1 + 1 x 1/24 x 0.1 = 0.5/24 = $0.0208333/h; x 730 = $15.2083 -> $15.21 freed
        Finding f = only(report, Category.ZOMBIE_POD);
        assertThat(f.resource()).isEqualTo("deployment shop/report");
        assertThat(f.saving()).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Kind.FREED);
            assertThat(s.monthly()).isEqualByComparingTo("15.21");
            assertThat(s.basis()).contains("m.large");
        });
        assertThat(f.action()).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.SCALE_DEPLOYMENT);
            assertThat(a.params()).containsEntry("replicas", "0").containsEntry("deployment", "report");
        });
        assertThat(report.totals().freed()).isEqualByComparingTo("15.21");
        // and the lone node's buffered use (0.0048 CPU, 0.24 GiB) fits an s.small: (0.10 - 0.02) x 730 = $58.40
        assertThat(report.totals().realizable()).isEqualByComparingTo("58.40");
    }

    @Test
    void pods_youngBusyOrAtTheThreshold_areNoZombies() {
        // GIVEN an idle 3-day-old pod, a busy one, and one exactly at 1% of its request
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)), List.of(
                pod("shop", "young-1", "n1", 3, deployment("young"), 0.5, 1),
                pod("shop", "busy-1", "n1", 10, deployment("busy"), 0.5, 1),
                pod("shop", "edge-1", "n1", 10, deployment("edge"), 0.5, 1)), List.of(), List.of());
        UsageHistory usage = usage(Map.of("shop/young-1", steady(0.0, 0.1), "shop/busy-1", steady(0.4, 0.5),
                "shop/edge-1", steady(0.005, 0.1)));
        // WHEN
        FinOpsReport report = scan(cluster, usage);
        // THEN none is a zombie (below means strictly below)
        assertThat(report.findings()).noneMatch(f -> f.category() == Category.ZOMBIE_POD);
    }

    @Test
    void zombiePod_withoutRequest_thresholdIsOnePercentOfOneCore() {
        // GIVEN a bare pod without requests idling at 0.009 cores (< 0.01 of one core)
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)),
                List.of(pod("shop", "debug", "n1", 9, null, 0, 0)), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/debug", steady(0.009, 0.05))));
        // THEN a zombie whose requests free nothing ($0.00), to delete (no controller recreates it): HIGH
        Finding f = only(report, Category.ZOMBIE_POD);
        assertThat(f.resource()).isEqualTo("pod shop/debug");
        assertThat(f.monthly()).isEqualByComparingTo("0.00");
        assertThat(f.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(report.top(5)).isEmpty(); // nothing to gain: not a recommendation
    }

    @Test
    void zombieReplicas_notAllIdle_noScaleToZero() {
        // GIVEN a deployment with one idle and one busy replica
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)), List.of(
                pod("shop", "api-1", "n1", 10, deployment("api"), 0.5, 1),
                pod("shop", "api-2", "n1", 10, deployment("api"), 0.5, 1)), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/api-1", steady(0.001, 0.1),
                "shop/api-2", steady(0.3, 0.6))));
        // THEN advice to lower the replicas, no action; still $15.21 freed (one replica)
        Finding f = only(report, Category.ZOMBIE_POD);
        assertThat(f.action()).isEmpty();
        assertThat(f.recommendation()).contains("1 of its 2 running pods idle");
        assertThat(f.monthly()).isEqualByComparingTo("15.21");
    }

    @Test
    void zombiePod_samplesMissingPartOfTheWindow_notJudgedButReported() {
        // GIVEN an idle old pod measured only for the last 3 days
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)),
                List.of(pod("shop", "gappy", "n1", 10, deployment("gappy"), 0.5, 1)), List.of(), List.of());
        PodUsage partial = new PodUsage(NOW.minus(Duration.ofDays(3)), NOW, 73, 0.0, OptionalDouble.of(GIB));
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/gappy", partial)));
        // THEN no zombie, and the report says why
        assertThat(report.findings()).noneMatch(f -> f.category() == Category.ZOMBIE_POD);
        assertThat(report.gaps()).contains(new Gap("pod shop/gappy", "CPU measured for 73 of 169 hours of the window"));
    }

    @Test
    void zombiePod_onNodeWithoutInstanceType_unpricedAndNodeReported() {
        // GIVEN a zombie on a node without the instance-type label
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", null, 2, 8)),
                List.of(pod("shop", "report-1", "n1", 10, deployment("report"), 0.5, 1)), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/report-1", steady(0.0, 0.1))));
        // THEN the finding has no figure but a reason, and the node is a gap
        Finding f = only(report, Category.ZOMBIE_POD);
        assertThat(f.saving()).isEmpty();
        assertThat(f.unpriced()).contains("node n1 of pod report-1 has no known instance type");
        assertThat(report.gaps())
                .contains(new Gap("node n1", "no node.kubernetes.io/instance-type label: its cost is unknown"));
        assertThat(report.totals().monthly()).isEqualByComparingTo("0.00");
    }

    // ---- nodes -------------------------------------------------------------------------------------

    @Test
    void nodes_oneFitsOnTheOther_removedAndTheOtherResized() {
        // GIVEN two m.xlarge (4 CPU, 16 GiB, $0.20/h):
        //   a: api-1 requests 2 CPU / 4 GiB, peaks 1.5 CPU / 3 GiB -> needs max(2, 1.8) = 2 CPU, max(4, 3.6) = 4 GiB
        //   b: web-1 requests 1 CPU / 2 GiB, peaks 0.1 CPU / 0.5 GiB -> needs 1 CPU, 2 GiB
        ClusterInventory cluster = ClusterInventory.of(
                List.of(node("a", "m.xlarge", 4, 16), node("b", "m.xlarge", 4, 16)),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 2, 4),
                        pod("shop", "web-1", "b", 30, deployment("web"), 1, 2)),
                List.of(), List.of());
        UsageHistory usage = usage(Map.of("shop/api-1", steady(1.5, 3), "shop/web-1", steady(0.1, 0.5)));
        // WHEN
        FinOpsReport report = scan(cluster, usage);
        // THEN both waste CPU (a: 2 - 1.8 = 0.2, b: 1 - 0.12 = 0.88); b is the emptier (1/4 < 2/4) and its pod
        // fits in a's free 2 CPU / 12 GiB: b goes, $0.20 x 730 = $146.00. a stays (no node left for api-1);
        // its buffered use 1.8 CPU / 3.6 GiB fits an m.large ($0.10/h): (0.20 - 0.10) x 730 = $73.00
        assertThat(report.findings()).extracting(Finding::resource, Finding::monthly)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node b", new BigDecimal("146.00")),
                        org.assertj.core.groups.Tuple.tuple("node a", new BigDecimal("73.00")));
        Finding b = report.findings().get(0);
        assertThat(b.recommendation()).startsWith("Drain node b");
        assertThat(b.evidence()).anyMatch(e -> e.contains("shop/web-1 -> a"));
        assertThat(b.evidence().get(0)).isEqualTo(
                "CPU: 1 cores requested of 4 cores, peak use 0.1 cores (0.12 cores with the 1.2x buffer): 0.88 cores wasted");
        Finding a = report.findings().get(1);
        assertThat(a.recommendation()).contains("with a m.large");
        assertThat(a.action()).isEmpty();
        assertThat(report.totals().realizable()).isEqualByComparingTo("219.00");
        assertThat(report.totals().annual()).isEqualByComparingTo("2628.00");
    }

    @Test
    void node_withPinnedPod_staysButIsResized() {
        // GIVEN node b's only pod is pinned by a node selector
        Pod pinned = new Pod("shop", "web-1", Optional.of("b"), "Running", NOW.minus(Duration.ofDays(30)),
                Optional.of(deployment("web")), 1, 2 * GIB, List.of(), true);
        ClusterInventory cluster = ClusterInventory.of(
                List.of(node("a", "m.xlarge", 4, 16), node("b", "m.xlarge", 4, 16)),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 2, 4), pinned), List.of(), List.of());
        UsageHistory usage = usage(Map.of("shop/api-1", steady(1.9, 3.5), "shop/web-1", steady(0.1, 0.5)));
        // WHEN
        FinOpsReport report = scan(cluster, usage);
        // THEN a wastes nothing (2 - 2.28 < 0, 4 - 4.2 < 0); b stays, and its buffered use 0.12 CPU / 0.6 GiB
        // fits an s.small ($0.02/h): (0.20 - 0.02) x 730 = $131.40
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.resource()).isEqualTo("node b");
        assertThat(b.monthly()).isEqualByComparingTo("131.40");
        assertThat(b.evidence()).anyMatch(e -> e.contains("cannot be moved"));
    }

    @Test
    void node_runningNothingButItsDaemonSetPod_canGo() {
        // GIVEN node b runs only a DaemonSet pod that uses what it requests (no waste by the buffer rule)
        Pod agent = new Pod("kube-system", "agent-b", Optional.of("b"), "Running", NOW.minus(Duration.ofDays(30)),
                Optional.of(new Owner(Owner.DAEMON_SET, "agent")), 0.1, 0.1 * GIB, List.of(), false);
        ClusterInventory cluster = ClusterInventory.of(
                List.of(node("a", "m.large", 2, 8), node("b", "m.large", 2, 8)),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 1, 2), agent), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/api-1", steady(0.9, 1.8), "kube-system/agent-b",
                steady(0.1, 0.1))));
        // THEN b goes with its DaemonSet pod: $0.10 x 730 = $73.00, through drain_node
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.resource()).isEqualTo("node b");
        assertThat(b.monthly()).isEqualByComparingTo("73.00");
        assertThat(b.evidence()).contains("no pod needs moving");
        assertThat(b.action()).get().satisfies(a -> assertThat(a.type()).isEqualTo(ActionType.DRAIN_NODE));
    }

    @Test
    void zombieStatefulSet_everyReplicaIdle_scaleStatefulSetToZero_someIdle_advice() {
        // GIVEN ledger's two replicas idle (0.001 of 0.5 CPU each), cache's one of two idles
        Owner ledger = new Owner(Owner.STATEFUL_SET, "ledger");
        Owner cache = new Owner(Owner.STATEFUL_SET, "cache");
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.xlarge", 4, 16)), List.of(
                pod("shop", "ledger-0", "n1", 10, ledger, 0.5, 1), pod("shop", "ledger-1", "n1", 10, ledger, 0.5, 1),
                pod("shop", "cache-0", "n1", 10, cache, 0.5, 1), pod("shop", "cache-1", "n1", 10, cache, 0.5, 1)),
                List.of(), List.of());
        UsageHistory usage = usage(Map.of("shop/ledger-0", steady(0.001, 0.1), "shop/ledger-1", steady(0.001, 0.1),
                "shop/cache-0", steady(0.001, 0.1), "shop/cache-1", steady(0.4, 0.5)));
        // WHEN
        FinOpsReport report = scan(cluster, usage);
        // THEN ledger: scale_statefulset to 0 (MEDIUM); 2 x (0.5 x 8 + 1) x 0.20/48 x 730 = $30.42 freed (m.xlarge:
        // a GiB-hour 0.20 / (4 x 8 + 16) = 0.20/48, a vCPU-hour 8 times that); cache: lower its replicas, no action
        Finding l = report.findings().stream().filter(f -> f.resource().equals("statefulset shop/ledger")).findFirst()
                .orElseThrow();
        assertThat(l.monthly()).isEqualByComparingTo("30.42");
        assertThat(l.risk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(l.action()).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.SCALE_STATEFULSET);
            assertThat(a.params()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("namespace", "shop", "statefulset", "ledger", "replicas", "0"));
        });
        Finding c = report.findings().stream().filter(f -> f.resource().equals("statefulset shop/cache")).findFirst()
                .orElseThrow();
        assertThat(c.recommendation()).startsWith("Lower the replicas of statefulset cache");
        assertThat(c.action()).isEmpty();
    }

    // ---- bare, static and system zombie pods (delete_pod) ---------------------------------------------

    private static final String UID = "0f1e2d3c-4b5a-4697-8877-665544332211";

    private static Pod bare(String ns, String name, String uid, boolean mirror, Owner owner) {
        return new Pod(ns, name, Optional.of("n1"), "Running", NOW.minus(Duration.ofDays(10)),
                Optional.ofNullable(owner),
                0.5, 1 * GIB, List.of(), false, uid, List.of(), mirror);
    }

    @Test
    void bareZombiePod_withUid_deletePodRequestedHighNamingItsUid() {
        // GIVEN a 10-day-old bare pod (0.5 CPU, 1 GiB on an m.large) peaking at 0.004 cores (< 1% of 0.5)
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.large", 2, 8)),
                List.of(bare("shop", "report-manual", UID, false, null)), List.of(), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/report-manual", steady(0.004, 0.2))));
        // THEN priced as any zombie: 0.5/24 x 730 = $15.21 freed; delete_pod with the pod's uid (without its
        // dashes: the leak guard reads a dashed UUID as a personal identifier), HIGH
        Finding f = only(report, Category.ZOMBIE_POD);
        assertThat(f.resource()).isEqualTo("pod shop/report-manual");
        assertThat(f.monthly()).isEqualByComparingTo("15.21");
        assertThat(f.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(f.recommendation()).contains("gone for good");
        assertThat(f.action()).get().satisfies(a -> {
            // the card's technical line carries it: the leak guard's scanner must find nothing in it
            assertThat(new io.awoooi.core.privacy.PiiScanner().scan(a.toString())).isEmpty();
            assertThat(a.type()).isEqualTo(ActionType.DELETE_POD);
            assertThat(a.params()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("namespace", "shop", "pod", "report-manual", "uid", "0f1e2d3c4b5a46978877665544332211"));
        });
    }

    @Test
    void bareZombiePod_inSystemNamespaceStaticOrWithoutUid_adviceOnly() {
        // GIVEN three idle bare pods: one in kube-system, a static pod (mirror, owned by its node), one without uid
        ClusterInventory cluster = ClusterInventory.of(List.of(node("n1", "m.xlarge", 4, 16)), List.of(
                bare("kube-system", "bootstrap", UID, false, null),
                bare("shop", "etcd-n1", UID, true, new Owner(Owner.NODE, "n1")),
                bare("shop", "legacy", "", false, null)), List.of(), List.of());
        UsageHistory usage = usage(
                Map.of("kube-system/bootstrap", steady(0.001, 0.1), "shop/etcd-n1", steady(0.001, 0.1),
                        "shop/legacy", steady(0.001, 0.1)));
        // WHEN
        FinOpsReport report = scan(cluster, usage);
        // THEN three zombie findings, each its own, none with an action
        List<Finding> zombies = report.findings().stream().filter(f -> f.category() == Category.ZOMBIE_POD).toList();
        assertThat(zombies).extracting(Finding::resource).containsExactlyInAnyOrder(
                "pod kube-system/bootstrap", "pod shop/etcd-n1", "pod shop/legacy");
        assertThat(zombies).allSatisfy(f -> assertThat(f.action()).isEmpty());
        assertThat(zombies).extracting(Finding::recommendation).anyMatch(r -> r.contains("system namespace"))
                .anyMatch(r -> r.contains("static pod") && r.contains("node n1"))
                .anyMatch(r -> r.contains("uid is unknown"));
    }

    // ---- the scheduler's rules in the node plan ------------------------------------------------------

    /** a (busy: api-1 needs all it requests) and b (web-1 idle) as in nodes_oneFitsOnTheOther, with a's taints. */
    private static FinOpsReport taintedScan(List<ClusterInventory.Toleration> webTolerations) {
        ClusterInventory.Node a = new ClusterInventory.Node("a", Optional.of("m.xlarge"), 4, 16 * GIB, false, true,
                List.of(new ClusterInventory.Taint("team", "payments", "NoSchedule")), Optional.empty());
        Pod web = new Pod("shop", "web-1", Optional.of("b"), "Running", NOW.minus(Duration.ofDays(30)),
                Optional.of(deployment("web")), 1, 2 * GIB, List.of(), false, "", webTolerations, false);
        ClusterInventory cluster = ClusterInventory.of(List.of(a, node("b", "m.xlarge", 4, 16)),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 2, 4), web), List.of(), List.of());
        return scan(cluster, usage(Map.of("shop/api-1", steady(1.9, 3.5), "shop/web-1", steady(0.1, 0.5))));
    }

    @Test
    void node_whosePodsOnlyFitOnATaintedNode_staysAndIsResized() {
        // WHEN web-1 does not tolerate a's taint team=payments:NoSchedule
        FinOpsReport report = taintedScan(List.of());
        // THEN a wastes nothing (2 - 2.28 < 0, 4 - 4.2 < 0); b cannot go (a refuses web-1), and its buffered
        // use 0.12 CPU / 0.6 GiB fits an s.small: (0.20 - 0.02) x 730 = $131.40
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.recommendation()).startsWith("Replace node b");
        assertThat(b.monthly()).isEqualByComparingTo("131.40");
        assertThat(b.action()).isEmpty();
        assertThat(b.evidence()).anyMatch(e -> e.contains("taint team=payments:NoSchedule not tolerated"));
    }

    @Test
    void node_whosePodsTolerateTheTaint_canGo() {
        // WHEN web-1 tolerates team (Exists, any effect)
        FinOpsReport report = taintedScan(List.of(new ClusterInventory.Toleration("team", "Exists", "", "")));
        // THEN b goes: web-1 -> a (2 CPU / 12 GiB free); $0.20 x 730 = $146.00, through drain_node
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.monthly()).isEqualByComparingTo("146.00");
        assertThat(b.evidence()).anyMatch(e -> e.contains("shop/web-1 -> a"));
        assertThat(b.action()).get().satisfies(x -> assertThat(x.type()).isEqualTo(ActionType.DRAIN_NODE));
    }

    /** web-1 on b mounts "data", whose volume is in {@code volumeZones}; a is in zone us-east-1a. */
    private static FinOpsReport zonalScan(java.util.Set<String> volumeZones, boolean volumesReadable) {
        ClusterInventory.Node a = new ClusterInventory.Node("a", Optional.of("m.xlarge"), 4, 16 * GIB, false, true,
                List.of(), Optional.of("us-east-1a"));
        ClusterInventory.Node b = new ClusterInventory.Node("b", Optional.of("m.xlarge"), 4, 16 * GIB, false, true,
                List.of(), Optional.of("us-east-1b"));
        Claim data = new Claim("shop", "data", Optional.of("gp3"), "Bound", 10 * GIB, NOW.minus(Duration.ofDays(30)),
                Optional.empty(), volumeZones);
        ClusterInventory cluster = new ClusterInventory(List.of(a, b),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 2, 4),
                        pod("shop", "web-1", "b", 30, deployment("web"), 1, 2, "data")),
                List.of(data), List.of(), volumesReadable ? Map.of() : Map.of(ClusterInventory.VOLUMES, "HTTP 403"));
        return scan(cluster, usage(Map.of("shop/api-1", steady(1.9, 3.5), "shop/web-1", steady(0.1, 0.5))));
    }

    @Test
    void node_whosePodHasAZonalVolume_staysWhenNoOtherNodeIsInThatZone() {
        // WHEN web-1's volume is in us-east-1b, b's zone, and a is in us-east-1a
        FinOpsReport report = zonalScan(java.util.Set.of("us-east-1b"), true);
        // THEN b stays (resized to an s.small, $131.40, as above): web-1 cannot leave its zone
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.monthly()).isEqualByComparingTo("131.40");
        assertThat(b.evidence()).anyMatch(e -> e.contains("zone us-east-1a; its volumes are in us-east-1b"));
    }

    @Test
    void node_whosePodHasAVolumeInTheOtherNodesZoneOrOfNoZone_canGo() {
        // WHEN the volume is in us-east-1a (a's zone), or in no zone (EFS, NFS)
        for (java.util.Set<String> zones : List.of(java.util.Set.of("us-east-1a"), java.util.Set.<String>of())) {
            FinOpsReport report = zonalScan(zones, true);
            // THEN b goes: $146.00
            assertThat(only(report, Category.OVERPROVISIONED_NODE).monthly()).isEqualByComparingTo("146.00");
        }
    }

    @Test
    void node_whosePodHasAClaim_staysWhenVolumesCannotBeRead() {
        // WHEN the PersistentVolumes could not be listed: web-1's volume may be zonal
        FinOpsReport report = zonalScan(java.util.Set.of(), false);
        // THEN b stays (resized, $131.40) and the gap is reported
        Finding b = only(report, Category.OVERPROVISIONED_NODE);
        assertThat(b.monthly()).isEqualByComparingTo("131.40");
        assertThat(b.evidence()).anyMatch(e -> e.contains("cannot be moved"));
        assertThat(report.gaps()).anyMatch(g -> g.toString().contains("persistentvolumes"));
    }

    @Test
    void cluster_withoutWaste_reportsZeroAndNoFindings() {
        // GIVEN a busy cluster: usage x 1.2 above every request, no claims unused
        ClusterInventory cluster = ClusterInventory.of(List.of(node("a", "m.large", 2, 8)),
                List.of(pod("shop", "api-1", "a", 30, deployment("api"), 1, 2, "data")),
                List.of(claim("shop", "data", "gp3", 10, 30)), List.of());
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of("shop/api-1", steady(0.9, 1.8))));
        // THEN
        assertThat(report.findings()).isEmpty();
        assertThat(report.gaps()).isEmpty();
        assertThat(report.totals().monthly()).isEqualByComparingTo("0.00");
        assertThat(report.totals().annual()).isEqualByComparingTo("0.00");
    }

    // ---- when things go wrong ----------------------------------------------------------------------

    @Test
    void metricsUnavailable_claimsStillPricedUsageFindingsReportedAsGaps() {
        // GIVEN Prometheus unreachable and an orphaned claim
        ClusterInventory cluster = ClusterInventory.of(List.of(node("a", "m.large", 2, 8)),
                List.of(pod("shop", "idle-1", "a", 30, deployment("idle"), 1, 2)),
                List.of(claim("shop", "data-old", "gp3", 50, 30)), List.of());
        UsageHistory down = UsageHistory.unavailable(NOW.minus(Duration.ofDays(7)), NOW, Duration.ofHours(1),
                "Prometheus query failed: ConnectException");
        // WHEN
        FinOpsReport report = scan(cluster, down);
        // THEN the claim is priced, nothing usage-based is invented, and the report says why
        assertThat(report.findings()).extracting(Finding::resource).containsExactly("pvc shop/data-old");
        assertThat(report.gaps()).extracting(Gap::subject).contains("metrics",
                "zombie pods and over-provisioned nodes");
        assertThat(report.totals().monthly()).isEqualByComparingTo("4.00");
    }

    @Test
    void podListUnreadable_nothingThatNeedsPodsIsJudged() {
        // GIVEN the pod list timed out
        ClusterInventory cluster = new ClusterInventory(List.of(node("a", "m.large", 2, 8)), List.of(),
                List.of(claim("shop", "data-old", "gp3", 50, 30)), List.of(), Map.of("pods", "timed out"));
        // WHEN
        FinOpsReport report = scan(cluster, usage(Map.of()));
        // THEN an orphan cannot be told from a mounted claim without the pods: no finding, three gaps
        assertThat(report.findings()).isEmpty();
        assertThat(report.gaps()).extracting(Gap::toString).contains("pods: could not be listed: timed out",
                "orphaned PVCs: not judged: claims, pods and workload templates are all needed");
    }

    @Test
    void ordinalPrefix_onlyForNamesEndingInDigits() {
        assertThat(WasteAnalysis.ordinalPrefix("ns/data-db-12")).isEqualTo("ns/data-db");
        assertThat(WasteAnalysis.ordinalPrefix("ns/data-db-x")).isEmpty();
        assertThat(WasteAnalysis.ordinalPrefix("ns/data-")).isEmpty();
        assertThat(WasteAnalysis.ordinalPrefix("ns/-3")).isEmpty();
    }
}
