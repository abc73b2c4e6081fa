package io.awoooi.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftScanTest {
    private final InMemoryDrift store = new InMemoryDrift();
    private final Map<String, List<LiveWorkload>> cluster = new HashMap<>();
    private final Map<String, RuntimeException> failing = new HashMap<>();
    private final DriftSource source = new DriftSource() {
        @Override
        public List<String> namespaces() {
            var all = new java.util.TreeSet<>(cluster.keySet());
            all.addAll(failing.keySet());
            return List.copyOf(all);
        }

        @Override
        public List<LiveWorkload> workloads(String namespace) {
            if (failing.containsKey(namespace)) {
                throw new DriftSourceException("the Kubernetes API answered 503", failing.get(namespace));
            }
            return cluster.getOrDefault(namespace, List.of());
        }

        @Override
        public java.util.Optional<LiveWorkload> workload(WorkloadRef ref) {
            return workloads(ref.namespace()).stream().filter(w -> w.ref().equals(ref)).findFirst();
        }
    };

    private DriftScan scanAt(String instant, Duration reminder) {
        return new DriftScan(source, store, store, new DriftPolicy(DriftPolicy.DEFAULT_DECLARATIVE,
                DriftPolicy.DEFAULT_IMPERATIVE, reminder), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static LiveWorkload applied(String name, String appliedImage, String liveImage) {
        var live = Workloads.deployment(name, liveImage, 2, Map.of());
        Workloads.annotations(live).put(LiveWorkload.LAST_APPLIED,
                Workloads.json(Workloads.deployment(name, appliedImage, 2, Map.of())));
        return Workloads.live(name, live, false, List.of());
    }

    @Test
    void undriftedCluster_reportsNothing_notifiesNoOne() {
        // GIVEN every workload as applied
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:1"), applied("cart", "b:1", "b:1")));
        // WHEN scanned
        DriftReport r = scanAt("2026-12-07T04:00:00Z", Duration.ofHours(24)).run();
        // THEN an empty report, stored, that notifies no one
        assertThat(r.workloads()).isEmpty();
        assertThat(r.itemsScanned()).isEqualTo(2);
        assertThat(r.notifies()).isFalse();
        assertThat(store.latest()).contains(r);
        assertThat(r.id()).startsWith("drf_202612070400_");
    }

    @Test
    void sameDrift_notNotifiedAgainUntilReminder() {
        // GIVEN one drifted workload
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:2")));
        // WHEN scanned now, an hour later, and a day later (reminder 24 h)
        DriftReport first = scanAt("2026-12-07T04:00:00Z", Duration.ofHours(24)).run();
        DriftReport second = scanAt("2026-12-07T05:00:00Z", Duration.ofHours(24)).run();
        DriftReport reminder = scanAt("2026-12-08T04:00:00Z", Duration.ofHours(24)).run();
        // THEN the first and the reminder notify, the hourly rerun does not (but still reports it)
        assertThat(first.notifies()).isTrue();
        assertThat(second.notifies()).isFalse();
        assertThat(second.itemCount()).isEqualTo(1);
        assertThat(reminder.newFingerprints()).isEqualTo(first.newFingerprints());
    }

    @Test
    void overlappingScans_sameMinute_onlyOneNotifies() throws Exception {
        // GIVEN one drifted workload and two scans at the same moment on two threads
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:2")));
        var a = new java.util.concurrent.FutureTask<>(() -> scanAt("2026-12-07T04:00:00Z", Duration.ofHours(1)).run());
        var b = new java.util.concurrent.FutureTask<>(() -> scanAt("2026-12-07T04:00:00Z", Duration.ofHours(1)).run());
        Thread.ofVirtual().start(a);
        Thread.ofVirtual().start(b);
        // THEN exactly one of them claims the notification
        int notifying = (a.get().notifies() ? 1 : 0) + (b.get().notifies() ? 1 : 0);
        assertThat(notifying).isEqualTo(1);
    }

    @Test
    void apiFailsForOneNamespace_reportSaysWhichWasNotScanned() {
        // GIVEN namespace "payments" fails to list
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:2")));
        failing.put("payments", new IllegalStateException("503"));
        // WHEN scanned
        DriftReport r = scanAt("2026-12-07T04:00:00Z", Duration.ofHours(24)).run();
        // THEN the other namespace is still scanned and the failed one is named
        assertThat(r.namespacesScanned()).containsExactly("shop");
        assertThat(r.namespacesNotScanned()).containsOnlyKeys("payments");
        assertThat(r.itemCount()).isEqualTo(1);
    }

    @Test
    void baselineOfDeletedWorkload_reportedNeverApplied() {
        // GIVEN a baseline for a workload that is gone
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:1")));
        store.save(new Baseline(new WorkloadRef("Deployment", "shop", "legacy"), "uid-legacy", Map.of(), "ap_1",
                Instant.EPOCH, "drf_old"));
        // WHEN scanned
        DriftReport r = scanAt("2026-12-07T04:00:00Z", Duration.ofHours(24)).run();
        // THEN it is reported and nothing drifts
        assertThat(r.problems()).singleElement().asString().contains("Deployment/shop/legacy").contains("no workload");
        assertThat(r.workloads()).isEmpty();
    }

    @Test
    void report_jsonRoundTrip_equal() {
        // GIVEN a report with drift, a namespace not scanned and a problem
        cluster.put("shop", List.of(applied("checkout", "a:1", "a:2")));
        failing.put("payments", new IllegalStateException("503"));
        DriftReport r = scanAt("2026-12-07T04:00:00Z", Duration.ofHours(24)).run();
        // WHEN written and read back
        DriftReport back = DriftReportCodec.fromJson(DriftReportCodec.toJson(r));
        // THEN the same report
        assertThat(back).isEqualTo(r);
    }

    @Test
    void codec_notAReport_clearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriftReportCodec.fromJson("{\"id\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
