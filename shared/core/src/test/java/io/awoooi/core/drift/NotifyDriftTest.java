package io.awoooi.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.Pseudonymizer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyDriftTest {
    private static final String SECRET = "xK9-very-secret-Q2";
    private final ApprovalFixture f = new ApprovalFixture();
    private final InMemoryDrift store = new InMemoryDrift();
    private final Map<String, List<LiveWorkload>> cluster = new LinkedHashMap<>();

    private final DriftSource source = new DriftSource() {
        @Override
        public List<String> namespaces() {
            return List.copyOf(cluster.keySet());
        }

        @Override
        public List<LiveWorkload> workloads(String namespace) {
            return cluster.get(namespace);
        }

        @Override
        public Optional<LiveWorkload> workload(WorkloadRef ref) {
            return Optional.empty();
        }
    };

    private NotifyDrift notifyDrift(AiTraceSink traces) {
        var scan = new DriftScan(source, store, store, DriftPolicy.defaults(), f.clock);
        var narration = new DriftNarration(new DeterministicNarrator(), traces, f.operations,
                new DriftRedaction(new Pseudonymizer(new PiiScanner(), false)), Duration.ofSeconds(30), f.clock);
        return new NotifyDrift(scan, narration, f::desk);
    }

    private static LiveWorkload drifted() {
        var live = Workloads.deployment("checkout", "shop/checkout:2", 3,
                new LinkedHashMap<>(Map.of("API_TOKEN", SECRET)));
        Workloads.annotations(live).put(LiveWorkload.LAST_APPLIED,
                Workloads.json(Workloads.deployment("checkout", "shop/checkout:1", 3, Map.of("API_TOKEN", "old"))));
        return Workloads.live("checkout", live, false, List.of());
    }

    @Test
    void drift_operatorsNotified_secretNowhere() {
        // GIVEN a drifted image and a changed env var holding a secret
        cluster.put("shop", List.of(drifted()));
        // WHEN the scan runs
        var result = notifyDrift(t -> {
        }).run();
        // THEN the three operators get one message each, through the guard, without the secret
        assertThat(result.notified()).isEqualTo(3);
        assertThat(f.channel.delivered()).hasSize(3);
        var n = f.channel.delivered().getFirst().notification();
        assertThat(n.kind()).isEqualTo("drift_report");
        assertThat(n.text()).contains("container app image shop/checkout:1 -> shop/checkout:2")
                .contains("env API_TOKEN changed (value not shown)");
        assertThat(f.guarded).isNotEmpty();
        assertThat(String.join("\n", f.guarded) + f.channel.delivered()).doesNotContain(SECRET);
    }

    @Test
    void auditStoresFail_notificationStillSent() {
        // GIVEN the operation log and the trace sink both failing
        cluster.put("shop", List.of(drifted()));
        f.operations.failNextCalls.set(100);
        // WHEN the scan runs
        var result = notifyDrift(t -> {
            throw new IllegalStateException("audit table down");
        }).run();
        // THEN the operators are still told
        assertThat(f.channel.delivered()).hasSize(3);
        assertThat(result.narrative()).get().satisfies(n -> assertThat(n.opId()).isEmpty());
    }

    @Test
    void undriftedOrAlreadyNotified_nobodyNotified() {
        // GIVEN an undrifted cluster
        var same = Workloads.deployment("cart", "c:1", 1, Map.of());
        Workloads.annotations(same).put(LiveWorkload.LAST_APPLIED,
                Workloads.json(Workloads.deployment("cart", "c:1", 1, Map.of())));
        cluster.put("shop", List.of(Workloads.live("cart", same, false, List.of())));
        // WHEN scanned
        var quiet = notifyDrift(t -> {
        }).run();
        // THEN no narration and no message
        assertThat(quiet.narrative()).isEmpty();
        assertThat(f.channel.delivered()).isEmpty();
        assertThat(f.operations.trail(quiet.report().id())).isEmpty();

        // AND drift notified once is not notified again on the next run
        cluster.put("shop", List.of(drifted()));
        notifyDrift(t -> {
        }).run();
        f.clock.advance(Duration.ofHours(1));
        var again = notifyDrift(t -> {
        }).run();
        assertThat(again.notified()).isZero();
        assertThat(f.channel.delivered()).hasSize(3);
    }

    @Test
    void laterScan_listsOnlyTheNewDrift_andCountsTheRest() {
        // GIVEN drift notified once (image and env)
        cluster.put("shop", List.of(drifted()));
        notifyDrift(t -> {
        }).run();
        // WHEN replicas also drift by the next scan
        var more = Workloads.deployment("checkout", "shop/checkout:2", 7,
                new LinkedHashMap<>(Map.of("API_TOKEN", SECRET)));
        Workloads.annotations(more).put(LiveWorkload.LAST_APPLIED,
                Workloads.json(Workloads.deployment("checkout", "shop/checkout:1", 3, Map.of("API_TOKEN", "old"))));
        cluster.put("shop", List.of(Workloads.live("checkout", more, false, List.of())));
        f.clock.advance(Duration.ofHours(1));
        var second = notifyDrift(t -> {
        }).run();
        // THEN the message lists the replicas only, and says two more still drift
        assertThat(second.notified()).isEqualTo(3);
        var n = f.channel.delivered().getLast().notification();
        assertThat(n.subject()).startsWith("[AWOOOI] Drift: 1 new fields in 1 workloads (3 drifting in all");
        assertThat(n.text()).contains("replicas").doesNotContain("shop/checkout:1 -> shop/checkout:2")
                .contains("2 more drifted fields were notified before and still drift");
    }
}
