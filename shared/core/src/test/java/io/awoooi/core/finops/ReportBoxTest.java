package io.awoooi.core.finops;

import static io.awoooi.core.finops.FinOpsFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.RiskLevel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportBoxTest {

    @Test
    void render_reportWithFindings_boxWithTotalsAndRankedRecommendations() {
        // GIVEN $400 realizable and $123.60 freed
        Finding node = new Finding(Finding.Category.OVERPROVISIONED_NODE, "node b", "Drain node b and remove it",
                List.of(),
                Optional.of(new Finding.Saving(Finding.Kind.REALIZABLE, new BigDecimal("400"), "m5.xlarge")),
                Optional.empty(), RiskLevel.HIGH, Optional.empty());
        Finding pod = new Finding(Finding.Category.ZOMBIE_POD, "deployment shop/report",
                "Scale deployment report in shop to zero",
                List.of(), Optional.of(new Finding.Saving(Finding.Kind.FREED, new BigDecimal("123.6"), "requests")),
                Optional.empty(), RiskLevel.MEDIUM, Optional.empty());
        FinOpsReport report = new FinOpsReport("fin_20261207T000000Z", NOW, NOW.minusSeconds(7 * 86400), "test prices",
                List.of(node, pod), List.of(new Gap("node c", "instance type x9 is not in the pricing table")),
                FinOpsReport.Totals.of(List.of(node, pod)), new FinOpsReport.Scope(3, 10, 2));
        // WHEN
        String box = ReportBox.render(report, 5);
        // THEN
        assertThat(box).contains("FINOPS COST ANALYSIS", "MONTHLY WASTE DETECTED: $523.60",
                "REALIZABLE $400.00/mo   FREED $123.60/mo   ANNUAL $6,283.20",
                "1. $400.00/mo realizable, risk HIGH: Drain node b and remove it",
                "2. $123.60/mo freed, risk MEDIUM: Scale deployment report in shop to zero",
                "- node c: instance type x9 is not in the pricing table", "prices: test prices");
        assertThat(box.lines()).allSatisfy(l -> assertThat(l.length()).isEqualTo(ReportBox.WIDTH));
    }

    @Test
    void render_noWaste_saysSo() {
        FinOpsReport report = new FinOpsReport("fin_20261207T000000Z", NOW, NOW, "p", List.of(), List.of(),
                FinOpsReport.Totals.of(List.of()), new FinOpsReport.Scope(1, 1, 0));
        assertThat(ReportBox.render(report, 5)).contains("MONTHLY WASTE DETECTED: $0.00", "No waste found");
    }
}
