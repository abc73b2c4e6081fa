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
}
