package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.finops.ClusterInventory;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsSettings;
import io.awoooi.core.finops.Finding;
import io.awoooi.core.finops.PricingTable;
import io.awoooi.core.finops.ScanForWaste;
import io.awoooi.core.finops.UsageHistory;
import io.awoooi.core.failure.UsageUnavailableException;
import io.awoooi.core.finops.WasteAnalysis;
import io.awoooi.kube.finops.KubernetesInventory;
import io.awoooi.kube.finops.PrometheusAuth;
import io.awoooi.kube.finops.PrometheusUsage;
import io.awoooi.testing.LocalPrometheus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FinOps scan end to end over its adapters: the fabric8 mock API server (CRUD) holds the scenario
 * cluster ({@link FinOpsScenario}), a real Prometheus holds 8 days of its metrics, backfilled with
 * promtool. Every figure below is worked out by hand in the comments.
 */
@Timeout(300)
class FinOpsScanTest {
    /** The scan's clock: now, as the backfilled samples end now. */
    private static final Instant NOW = Instant.now();
    @TempDir
    static Path work;
    private static LocalPrometheus prometheus;

    private final MockCluster cluster = new MockCluster();

    @BeforeAll
    static void startPrometheus() {
        // CI (.ci/run installs it) must not skip this silently; elsewhere it says what to install
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(LocalPrometheus.installed())
                    .as("prometheus and promtool on the PATH (apt-get install prometheus)")
                    .isTrue();
        }
        prometheus = LocalPrometheus.start(work.resolve("prometheus"), FinOpsScenario.metrics(NOW));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ScanForWaste scanner(URI prometheusUrl, List<FinOpsReport> handedOn) {
        FinOpsSettings settings = FinOpsSettings.defaults();
        return new ScanForWaste(new KubernetesInventory(cluster.client()),
                new PrometheusUsage(prometheusUrl, PrometheusAuth.none()),
                new WasteAnalysis(PricingTable.parse(FinOpsScenario.PRICES, "test"), settings), settings,
                new io.awoooi.core.finops.InMemoryFinOpsReportStore(), List.of(handedOn::add),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    /**
     * Workloads and nodes go into the CRUD store. Pods and claims are served as list answers, because
     * the CRUD store stamps its own creationTimestamp (now) on every object it creates, as a real API
     * server does, and the ages are what the scan judges. The pods come in two pages: the scan must
     * follow the continue token.
     */
    private void seed() {
        List<io.fabric8.kubernetes.api.model.Pod> pods = new java.util.ArrayList<>();
        List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims = new java.util.ArrayList<>();
        for (HasMetadata o : FinOpsScenario.cluster(NOW)) {
            if (o instanceof io.fabric8.kubernetes.api.model.Pod p) {
                pods.add(p);
            } else if (o instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim c) {
                claims.add(c);
            } else {
                cluster.with(o);
            }
        }
        cluster.server().expect().get().withPath("/api/v1/pods?limit=500")
                .andReturn(200, new io.fabric8.kubernetes.api.model.PodListBuilder().withNewMetadata()
                        .withContinue("page-2").endMetadata().withItems(pods.subList(0, 2)).build())
                .always();
        cluster.server().expect().get().withPath("/api/v1/pods?continue=page-2&limit=500")
                .andReturn(200, new io.fabric8.kubernetes.api.model.PodListBuilder().withNewMetadata().endMetadata()
                        .withItems(pods.subList(2, pods.size())).build())
                .always();
        cluster.server().expect().get().withPath("/api/v1/persistentvolumeclaims?limit=500")
                .andReturn(200, new io.fabric8.kubernetes.api.model.PersistentVolumeClaimListBuilder().withNewMetadata()
                        .endMetadata().withItems(claims).build())
                .always();
    }

    @Test
    void scan_scenarioCluster_findsThePricedWasteAndNothingElse() {
        // GIVEN the scenario cluster and its metrics
        seed();
        List<FinOpsReport> handedOn = new java.util.ArrayList<>();
        // WHEN
        FinOpsReport report = scanner(prometheus.baseUrl(), handedOn).scan(NOW).report();
        // THEN three findings, best first:
        //  node-idle: requested 1 CPU, uses 0.002 -> wasted 1 - 0.0024 > 0; its two pods need 0.5 CPU / 1 GiB
        //    each and node-busy has 4 - max(2, 2 x 1.2) = 1.6 CPU and 16 - 4.8 = 11.2 GiB free: both fit,
        //    the node goes: $0.20 x 730 = $146.00 realizable
        //  old-export: 100 GiB x $0.08 = $8.00 realizable
        //  report-gen: peak 0.002 CPU < 1% of 0.5 = 0.005 for 7 days; (0.5 x 8 + 1) x 0.20/48 = $0.0208333/h
        //    x 730 = $15.2083 -> $15.21 freed
        // and none for busy-api (2 - 2 x 1.2 < 0), young-idle (3 days < 7), data-mounted (mounted),
        // data-db-0 (StatefulSet template), recent-scratch (last mounted 3 days ago), node-busy (no waste)
        assertThat(report.findings()).extracting(Finding::resource, Finding::monthly).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node node-idle", new BigDecimal("146.00")),
                org.assertj.core.groups.Tuple.tuple("deployment shop/report-gen", new BigDecimal("15.21")),
                org.assertj.core.groups.Tuple.tuple("pvc shop/old-export", new BigDecimal("8.00")));
        assertThat(report.findings().get(1).action()).get().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.SCALE_DEPLOYMENT);
            assertThat(a.params()).containsEntry("replicas", "0");
        });
        assertThat(report.findings().get(2).evidence()).anyMatch(e -> e.contains("no pod seen mounting it"));
        // realizable 146 + 8 = $154.00, freed $15.21, monthly $169.21, annual x 12 = $2,030.52
        assertThat(report.totals().realizable()).isEqualByComparingTo("154.00");
        assertThat(report.totals().freed()).isEqualByComparingTo("15.21");
        assertThat(report.totals().monthly()).isEqualByComparingTo("169.21");
        assertThat(report.totals().annual()).isEqualByComparingTo("2030.52");
        assertThat(report.gaps()).isEmpty();
        assertThat(handedOn).containsExactly(report);
    }

    @Test
    void usage_fromRealPrometheus_hourlyRatesAndLastClaimUse() {
        // GIVEN the scenario
        seed();
        ClusterInventory inventory = new KubernetesInventory(cluster.client()).read();
        Instant to = NOW.truncatedTo(ChronoUnit.HOURS);
        // WHEN
        UsageHistory usage = new PrometheusUsage(prometheus.baseUrl(), PrometheusAuth.none())
                .read(inventory, to.minus(Duration.ofDays(7)), to, Duration.ofHours(1));
        // THEN 169 hourly points (7 x 24 + 1); rates as backfilled
        assertThat(usage.of("shop/busy-api-1")).get().satisfies(u -> {
            assertThat(u.samples()).isEqualTo(169);
            assertThat(u.maxCpuCores()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(u.maxMemoryBytes().getAsDouble()).isEqualTo(4.0 * FinOpsScenario.GIB);
        });
        assertThat(usage.of("shop/report-gen-1").orElseThrow().maxCpuCores()).isLessThan(0.0025);
        // young-idle-1 exists for 3 days only: 3 x 24 (+1) points
        assertThat(usage.of("shop/young-idle-1").orElseThrow().samples()).isBetween(72L, 73L);
        // recent-scratch was last mounted 3 days ago (within an hour, the query's step)
        assertThat(usage.claimLastUsed().get("shop/recent-scratch"))
                .isBetween(NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(1)), NOW.minus(Duration.ofDays(3)));
    }

    @Test
    void usage_prometheusUnreachable_failsNamingTheQuery() {
        // GIVEN a Prometheus URL nothing listens on
        seed();
        ClusterInventory inventory = new KubernetesInventory(cluster.client()).read();
        PrometheusUsage usage = new PrometheusUsage(URI.create("http://127.0.0.1:1"), PrometheusAuth.none());
        // WHEN / THEN
        assertThatThrownBy(() -> usage.read(inventory, NOW.minus(Duration.ofDays(7)), NOW, Duration.ofHours(1)))
                .isInstanceOf(UsageUnavailableException.class)
                .hasMessage("Prometheus CPU query failed: ConnectException");
    }

    @Test
    void scan_prometheusDown_claimsPricedRestReportedNotInvented() {
        // GIVEN the scenario with Prometheus unreachable
        seed();
        // WHEN
        FinOpsReport report = scanner(URI.create("http://127.0.0.1:1"), new java.util.ArrayList<>()).scan(NOW).report();
        // THEN old-export ($8.00) and recent-scratch are orphans now: without metrics its last use is unknown,
        // so its age (20 days) decides: 50 GiB x $0.08 = $4.00. No zombie, no node: the report says why.
        assertThat(report.findings()).extracting(Finding::resource)
                .containsExactly("pvc shop/old-export", "pvc shop/recent-scratch");
        assertThat(report.totals().monthly()).isEqualByComparingTo("12.00");
        assertThat(report.gaps()).extracting(g -> g.subject() + ": " + g.reason()).contains(
                "metrics: usage could not be read: Prometheus CPU query failed: ConnectException");
    }

    @Test
    void inventory_nodeListFails_reportedUnreadableNotEmpty() {
        // GIVEN the node list answers 503
        seed();
        cluster.server().expect().get().withPath("/api/v1/nodes?limit=500").andReturn(503, "busy").always();
        // WHEN
        ClusterInventory inventory = new KubernetesInventory(cluster.client()).read();
        // THEN
        assertThat(inventory.readable(ClusterInventory.NODES)).isFalse();
        assertThat(inventory.unreadable()).containsEntry("nodes", "HTTP 503");
        assertThat(inventory.pods()).hasSize(3);
        assertThat(inventory.pods()).filteredOn(p -> p.name().equals("report-gen-1")).singleElement()
                .satisfies(p -> assertThat(p.owner()).contains(
                        new ClusterInventory.Owner("Deployment", "report-gen")));
        assertThat(inventory.workloads()).filteredOn(w -> w.kind().equals("StatefulSet")).singleElement()
                .satisfies(w -> assertThat(w.claimTemplates()).containsExactly("data"));
    }
}
