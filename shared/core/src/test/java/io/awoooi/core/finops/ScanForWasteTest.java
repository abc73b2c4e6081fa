package io.awoooi.core.finops;

import static io.awoooi.core.finops.FinOpsFixtures.NOW;
import static io.awoooi.core.finops.FinOpsFixtures.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.UsageUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanForWasteTest {

    private static final ClusterInventorySource ONE_ORPHAN = () -> ClusterInventory.of(List.of(), List.of(),
            List.of(claim("shop", "data-old", "gp3", 50, 30)), List.of());

    private static ScanForWaste scanner(ClusterInventorySource cluster, UsageSource usage, FinOpsReportStore store,
            List<FinOpsReport> handedOn, Instant now) {
        return new ScanForWaste(cluster, usage, FinOpsFixtures.analysis(), FinOpsSettings.defaults(), store,
                List.of(handedOn::add), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void scan_metricsDown_reportStoredAsLatestWithTheReason() {
        // GIVEN Prometheus refusing every query
        InMemoryFinOpsReportStore store = new InMemoryFinOpsReportStore();
        List<FinOpsReport> handedOn = new ArrayList<>();
        UsageSource down = (c, from, to, step) -> {
            throw new UsageUnavailableException("Prometheus answered HTTP 503");
        };
        // WHEN
        ScanForWaste.Result result = scanner(ONE_ORPHAN, down, store, handedOn, NOW).scan(NOW);
        // THEN the claim is priced, the report is the latest and names what it could not measure
        assertThat(result.latest()).isTrue();
        assertThat(store.latest()).get().asString().contains("\"id\":\"fin_20261207T000000Z\"",
                "\"monthly\":\"4.00\"", "usage could not be read: Prometheus answered HTTP 503");
        assertThat(handedOn).hasSize(1);
    }

    @Test
    void scan_diesBeforeSaving_previousLatestStays() {
        // GIVEN a previous report, then a scan whose cluster read throws
        InMemoryFinOpsReportStore store = new InMemoryFinOpsReportStore();
        List<FinOpsReport> handedOn = new ArrayList<>();
        scanner(ONE_ORPHAN, (c, f, t, s) -> FinOpsFixtures.usage(Map.of()), store, handedOn, NOW).scan(NOW);
        ClusterInventorySource dying = () -> {
            throw new IllegalStateException("Lambda killed");
        };
        Instant later = NOW.plusSeconds(86400);
        // WHEN
        assertThatThrownBy(() -> scanner(dying, (c, f, t, s) -> FinOpsFixtures.usage(Map.of()), store, handedOn, later)
                .scan(later)).isInstanceOf(IllegalStateException.class);
        // THEN the latest is still the first report; nothing was handed on the second time
        assertThat(store.latestId()).contains("fin_20261207T000000Z");
        assertThat(handedOn).hasSize(1);
    }

    @Test
    void scan_olderScanFinishingLate_isNotTheLatestAndHandsNothingOn() {
        // GIVEN a newer scan already promoted
        InMemoryFinOpsReportStore store = new InMemoryFinOpsReportStore();
        store.promote("fin_20261208T000000Z", NOW.plusSeconds(86400));
        List<FinOpsReport> handedOn = new ArrayList<>();
        // WHEN an older scan finishes
        ScanForWaste.Result result = scanner(ONE_ORPHAN, (c, f, t, s) -> FinOpsFixtures.usage(Map.of()), store,
                handedOn, NOW).scan(NOW);
        // THEN it is kept but not the latest, and makes no requests
        assertThat(result.latest()).isFalse();
        assertThat(store.find("fin_20261207T000000Z")).isPresent();
        assertThat(handedOn).isEmpty();
    }
}
