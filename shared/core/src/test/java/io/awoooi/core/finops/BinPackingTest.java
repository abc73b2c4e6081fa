package io.awoooi.core.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.finops.BinPacking.Bin;
import io.awoooi.core.finops.BinPacking.Demand;
import io.awoooi.core.finops.BinPacking.Mobility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinPackingTest {

    private static Demand moves(String pod, double cpu, double mem) {
        return new Demand(pod, cpu, mem, Mobility.MOVES);
    }

    @Test
    void plan_podsFitFirstFitDecreasing_emptiestNodeGoesFirst() {
        // GIVEN x (4 CPU, 8 GiB) holds 3 CPU; y (4, 8) holds 1 CPU + 1 CPU; z (4, 8) holds 0.5 CPU
        List<Bin> bins = List.of(
                new Bin("x", 4, 8, List.of(moves("x1", 3, 1))),
                new Bin("y", 4, 8, List.of(moves("y1", 1, 1), moves("y2", 1, 1))),
                new Bin("z", 4, 8, List.of(moves("z1", 0.5, 1))));
        // WHEN every node is a candidate
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("x", "y", "z"));
        // THEN z (fill 1/8) goes first: z1 -> x (free 1 CPU). y (fill 2/4): y1 -> x? x has 0.5 left, no;
        // y1 -> z? z is gone; so y stays. x (fill 3.5/4) cannot move 3 CPU into y's 2 free.
        assertThat(plan.removals()).extracting(BinPacking.Removal::node).containsExactly("z");
        assertThat(plan.removal("z").orElseThrow().placements()).containsEntry("z1", "x");
        assertThat(plan.kept()).extracting(BinPacking.Kept::node).containsExactly("y", "x");
    }

    @Test
    void plan_daemonPodsGoWithTheNode_stuckPodsKeepIt() {
        // GIVEN a holds a DaemonSet pod and a movable one; b holds a bare pod; c has room
        List<Bin> bins = List.of(
                new Bin("a", 2, 4, List.of(new Demand("ds", 0.1, 0.1, Mobility.GOES_WITH_NODE), moves("a1", 0.5, 1))),
                new Bin("b", 2, 4, List.of(new Demand("bare", 0.2, 0.2, Mobility.STUCK))),
                new Bin("c", 4, 8, List.of(new Demand("ds-c", 0.1, 0.1, Mobility.GOES_WITH_NODE))));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("a", "b"));
        // THEN a goes (only a1 moves), b stays because of its bare pod
        assertThat(plan.removal("a").orElseThrow().placements()).containsOnlyKeys("a1");
        assertThat(plan.kept()).singleElement().satisfies(k -> {
            assertThat(k.node()).isEqualTo("b");
            assertThat(k.reason()).contains("bare");
        });
    }

    @Test
    void plan_movedPodsCountOnTheirNewNode() {
        // GIVEN p (2 CPU) with 1.5 used... q (2 CPU) with 0.5; each could take the other's pods alone
        List<Bin> bins = List.of(new Bin("p", 2, 8, List.of(moves("p1", 0.6, 1))),
                new Bin("q", 2, 8, List.of(moves("q1", 0.5, 1))));
        // WHEN both are candidates
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("p", "q"));
        // THEN only one goes: once q1 is on p, p has nowhere to go
        assertThat(plan.removals()).extracting(BinPacking.Removal::node).containsExactly("q");
    }

    // ---- what the scheduler would refuse (taints, cordoned and not-Ready nodes, zonal volumes) -----------

    private static final ClusterInventory.Taint GPU = new ClusterInventory.Taint("dedicated", "gpu", "NoSchedule");

    private static Bin node(String name, double cpu, double mem, List<Demand> demands, boolean accepts,
            List<ClusterInventory.Taint> taints, String zone) {
        return new Bin(name, cpu, mem, demands, accepts, taints, java.util.Optional.ofNullable(zone));
    }

    @Test
    void plan_onlyFreeNodeIsTaintedNoSchedule_intolerantPodStaysAndNodeIsKept() {
        // GIVEN idle node (4 CPU) holds w1 (1 CPU, 1 GiB, no tolerations); gpu (8 CPU, 32 GiB) is empty
        // but tainted dedicated=gpu:NoSchedule; busy (4 CPU) has 0.5 CPU free
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(moves("w1", 1, 1)), true, List.of(), null),
                node("gpu", 8, 32, List.of(), true, List.of(GPU), null),
                node("busy", 4, 8, List.of(moves("b1", 3.5, 4)), true, List.of(), null));
        // WHEN idle is tried
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN by capacity alone w1 fits on gpu (8 free); the taint refuses it there and busy has only 0.5
        // CPU free: idle stays, and the reason names the taint
        assertThat(plan.removals()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(k -> {
            assertThat(k.node()).isEqualTo("idle");
            assertThat(k.reason()).contains("w1").contains("gpu (taint dedicated=gpu:NoSchedule not tolerated)");
        });
    }

    @Test
    void plan_podToleratesTheTaint_movesOntoTheTaintedNode() {
        // GIVEN the same cluster, w1 tolerating dedicated=gpu (operator Equal, effect NoSchedule)
        Demand tolerant = new Demand("w1", 1, 1, Mobility.MOVES,
                List.of(new ClusterInventory.Toleration("dedicated", "Equal", "gpu", "NoSchedule")), Set.of());
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(tolerant), true, List.of(), null),
                node("gpu", 8, 32, List.of(), true, List.of(GPU), null),
                node("busy", 4, 8, List.of(moves("b1", 3.5, 4)), true, List.of(), null));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN idle goes, w1 -> gpu
        assertThat(plan.removal("idle").orElseThrow().placements()).containsExactly(java.util.Map.entry("w1", "gpu"));
    }

    @Test
    void plan_noExecuteTaintRefuses_preferNoScheduleDoesNot() {
        // GIVEN w1 (1 CPU) on idle; a (NoExecute taint, 4 free) listed before b (PreferNoSchedule, 4 free)
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(moves("w1", 1, 1)), true, List.of(), null),
                node("a", 4, 8, List.of(), true, List.of(new ClusterInventory.Taint("maintenance", "", "NoExecute")),
                        null),
                node("b", 4, 8, List.of(), true,
                        List.of(new ClusterInventory.Taint("spot", "true", "PreferNoSchedule")),
                        null));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN a refuses it (NoExecute, not tolerated); b only discourages it: w1 -> b
        assertThat(plan.removal("idle").orElseThrow().placements()).containsEntry("w1", "b");
    }

    @Test
    void plan_cordonedAndNotReadyNodesTakeNoPod() {
        // GIVEN w1 (1 CPU) on idle; cordoned and notready each have 4 CPU free but do not take pods;
        // small has 0.5 CPU free
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(moves("w1", 1, 1)), true, List.of(), null),
                node("cordoned", 4, 8, List.of(), false, List.of(), null),
                node("notready", 4, 8, List.of(), false, List.of(), null),
                node("small", 1, 8, List.of(moves("s1", 0.5, 1)), true, List.of(), null));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN nowhere to go: idle stays
        assertThat(plan.removals()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .contains("cordoned (cordoned or not Ready)").contains("notready (cordoned or not Ready)"));
    }

    @Test
    void plan_podWithZonalVolume_movesOnlyWithinItsZone() {
        // GIVEN db-0 (1 CPU, 2 GiB) in zone a whose volume is in zone a, and w1 (1 CPU) without volume, both on
        // idle (zone a); far (zone b) has 4 CPU free, near (zone a) 1 CPU free, nozone (zone unknown) 4 free
        Demand db = new Demand("db-0", 1, 2, Mobility.MOVES, List.of(), Set.of("us-east-1a"));
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(db, moves("w1", 1, 1)), true, List.of(), "us-east-1a"),
                node("far", 4, 8, List.of(), true, List.of(), "us-east-1b"),
                node("nozone", 4, 8, List.of(), true, List.of(), null),
                node("near", 4, 8, List.of(moves("n1", 3, 1)), true, List.of(), "us-east-1a"));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN first fit decreasing by CPU then memory: db-0 (1, 2) first: far and nozone refuse it by zone,
        // near takes it (1 CPU free); w1 (1, 1) then fits on far (first in order)
        assertThat(plan.removal("idle").orElseThrow().placements())
                .containsEntry("db-0", "near").containsEntry("w1", "far");
    }

    @Test
    void plan_podWithZonalVolumeAndNoRoomInItsZone_keepsTheNode() {
        // GIVEN db-0 (1 CPU) with a zone-a volume on idle; the only node with room is in zone b
        Demand db = new Demand("db-0", 1, 2, Mobility.MOVES, List.of(), Set.of("us-east-1a"));
        List<Bin> bins = List.of(
                node("idle", 4, 8, List.of(db), true, List.of(), "us-east-1a"),
                node("far", 8, 32, List.of(), true, List.of(), "us-east-1b"));
        // WHEN
        BinPacking.Plan plan = BinPacking.plan(bins, Set.of("idle"));
        // THEN idle stays: the capacity is in the wrong zone
        assertThat(plan.removals()).isEmpty();
        assertThat(plan.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .contains("far (zone us-east-1b; its volumes are in us-east-1a)"));
    }

    @Test
    void toleration_matchesAsTheScheduler() {
        ClusterInventory.Taint t = new ClusterInventory.Taint("k", "v", "NoSchedule");
        // an empty key with Exists tolerates everything; Exists on the key ignores the value
        assertThat(new ClusterInventory.Toleration("", "Exists", "", "").tolerates(t)).isTrue();
        assertThat(new ClusterInventory.Toleration("k", "Exists", "", "").tolerates(t)).isTrue();
        // Equal (also the default) needs the value; another effect does not tolerate
        assertThat(new ClusterInventory.Toleration("k", null, "v", "NoSchedule").tolerates(t)).isTrue();
        assertThat(new ClusterInventory.Toleration("k", "Equal", "w", "").tolerates(t)).isFalse();
        assertThat(new ClusterInventory.Toleration("k", "Equal", "v", "NoExecute").tolerates(t)).isFalse();
        assertThat(new ClusterInventory.Toleration("other", "Exists", "", "").tolerates(t)).isFalse();
        // an empty key with Equal tolerates nothing
        assertThat(new ClusterInventory.Toleration("", "Equal", "", "").tolerates(t)).isFalse();
        // NoExecute for some seconds (the default not-ready toleration) only delays the eviction
        ClusterInventory.Taint notReady = new ClusterInventory.Taint("node.kubernetes.io/not-ready", "", "NoExecute");
        assertThat(new ClusterInventory.Toleration("node.kubernetes.io/not-ready", "Exists", "", "NoExecute", true)
                .tolerates(notReady)).isFalse();
        assertThat(new ClusterInventory.Toleration("node.kubernetes.io/not-ready", "Exists", "", "NoExecute", false)
                .tolerates(notReady)).isTrue();
    }
}
