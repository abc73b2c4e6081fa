package io.awoooi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsSettings;
import io.awoooi.core.finops.PricingTable;
import io.awoooi.core.finops.UsageHistory;
import io.awoooi.core.finops.WasteAnalysis;
import org.junit.jupiter.api.Test;

/** The FinOps bench measures what it claims: its cluster has the stated size and both versions agree (no timing). */
class FinOpsBenchInputsTest {
    @Test
    void generate_fullSize_statedCounts() {
        FinOpsBench.Synthetic s = FinOpsBench.generate(FinOpsBench.NODES, FinOpsBench.PODS, FinOpsBench.CLAIMS,
                FinOpsBench.SEED);
        assertThat(s.cluster().nodes()).hasSize(500);
        assertThat(s.cluster().pods()).hasSize(10_000);
        assertThat(s.cluster().claims()).hasSize(5_000);
        assertThat(s.cpuSeries()).hasSize(10_000).allSatisfy((k, v) -> assertThat(v).hasSize(169));
    }

    @Test
    void naiveJoins_andAnalysis_findTheSameOrphansAndZombies_onASmallerCluster() {
        // GIVEN a tenth of the size
        FinOpsBench.Synthetic s = FinOpsBench.generate(50, 1_000, 500, 7L);
        UsageHistory usage = FinOpsBench.reduce(s);
        // WHEN
        FinOpsReport report = new WasteAnalysis(PricingTable.defaults(), FinOpsSettings.defaults())
                .analyse("fin_20261207T000000Z", FinOpsBench.NOW, s.cluster(), usage);
        FinOpsBench.Joins fast = FinOpsBench.Joins.of(report);
        FinOpsBench.NaiveJoins naive = FinOpsBench.NaiveJoins.of(s, usage);
        // THEN the same, and there is something to find in both categories
        assertThat(fast.orphans()).isNotEmpty().isEqualTo(naive.orphans);
        assertThat(fast.zombieWorkloads()).isEqualTo(naive.zombieWorkloads);
        assertThat(report.gaps()).anyMatch(g -> g.reason().contains("x9.mystery"));
    }
}
