package io.awoooi.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.audit.InMemoryOperationLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcceptAndRestoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);
    private static final String IMAGE = "spec.template.spec.containers[app].image";
    private static final String ENV = "spec.template.spec.containers[app].env[DB_PASSWORD]";

    private final InMemoryDrift store = new InMemoryDrift();
    private final InMemoryOperationLog operations = new InMemoryOperationLog();
    private final List<String> outcomes = new ArrayList<>();
    private final Map<WorkloadRef, LiveWorkload> cluster = new LinkedHashMap<>();
    private final DriftSource source = new DriftSource() {
        @Override
        public List<String> namespaces() {
            return List.of("shop");
        }

        @Override
        public List<LiveWorkload> workloads(String namespace) {
            return List.copyOf(cluster.values());
        }

        @Override
        public Optional<LiveWorkload> workload(WorkloadRef ref) {
            return Optional.ofNullable(cluster.get(ref));
        }
    };

    private static LiveWorkload drifted(String resourceVersion, String image, String password) {
        var live = Workloads.deployment("checkout", image, 3, new LinkedHashMap<>(Map.of("DB_PASSWORD", password)));
        Workloads.annotations(live).put(LiveWorkload.LAST_APPLIED, Workloads.json(
                Workloads.deployment("checkout", "shop/checkout:1.4", 3, Map.of("DB_PASSWORD", "declared-pw"))));
        return new LiveWorkload(new WorkloadRef("Deployment", "shop", "checkout"), "uid-1", resourceVersion, live,
                List.of(), false);
    }

    private DriftReport scan() {
        return new DriftScan(source, store, store, DriftPolicy.defaults(), CLOCK).run();
    }

    private AcceptDrift accept() {
        return new AcceptDrift(store, store, source, (id, outcome, at) -> outcomes.add(id + "=" + outcome), operations,
                CLOCK);
    }

    @Test
    void accept_storesCurrentStateAsBaseline_outcomeSet_driftGoneOnNextScan() {
        // GIVEN a report with the drifted workload
        var live = drifted("7", "shop/checkout:1.5", "hand-set-pw");
        cluster.put(live.ref(), live);
        DriftReport r = scan();
        // WHEN alice accepts it
        var result = accept().accept(r.id(), "Deployment/shop/checkout", "alice");
        // THEN the baseline holds the state with who accepted, the traces get the outcome, the next scan is clean
        assertThat(result).isInstanceOf(AcceptDrift.Result.Accepted.class);
        Baseline b = store.find(live.ref()).orElseThrow();
        assertThat(b.acceptedBy()).isEqualTo("alice");
        assertThat(b.fields()).containsEntry(IMAGE, "shop/checkout:1.5");
        assertThat(b.fields().get(ENV)).startsWith("digest:");
        assertThat(b.fields().toString()).doesNotContain("hand-set-pw");
        assertThat(outcomes).containsExactly(r.id() + "=accepted_change");
        assertThat(operations.trail(r.id())).extracting(o -> o.type()).containsExactly("drift_accepted");
        assertThat(scan().workloads()).isEmpty();
    }

    @Test
    void accept_workloadChangedOrGoneSinceReport_refused_nothingStored() {
        // GIVEN a report, then the workload changes (new resourceVersion)
        var live = drifted("7", "shop/checkout:1.5", "pw");
        cluster.put(live.ref(), live);
        DriftReport r = scan();
        cluster.put(live.ref(), drifted("8", "shop/checkout:1.6", "pw"));
        // WHEN accepted, and accepted for a workload not in the report
        var changed = accept().accept(r.id(), "Deployment/shop/checkout", "alice");
        var unknown = accept().accept(r.id(), "Deployment/shop/other", "alice");
        var noReport = accept().accept("drf_000000000000_0000000000", "Deployment/shop/checkout", "alice");
        // THEN refused, nothing stored
        assertThat(changed).isInstanceOf(AcceptDrift.Result.Changed.class);
        assertThat(unknown).isInstanceOf(AcceptDrift.Result.NotFound.class);
        assertThat(noReport).isInstanceOf(AcceptDrift.Result.NotFound.class);
        assertThat(store.baselines).isEmpty();
        assertThat(outcomes).isEmpty();
    }

    @Test
    void restorePlan_lastApplied_realDesiredValues_effectiveAfterRestore() {
        // GIVEN image and env drifted from last-applied
        var live = drifted("7", "shop/checkout:1.5", "hand-set-pw");
        var planner = new RestorePlanner(DriftPolicy.defaults());
        // WHEN planned for both fields at the report's resourceVersion
        var plan = planner.plan(live, Optional.empty(), Set.of(IMAGE, ENV), "7");
        // THEN the executor gets the declared values (the env value read from the annotation)
        assertThat(plan).isInstanceOfSatisfying(RestorePlanner.Plan.Ready.class, ready -> {
            assertThat(ready.fields()).extracting(RestorePlanner.FieldValue::path).containsExactly(ENV, IMAGE);
            assertThat(ready.fields().get(0).desired()).isEqualTo(Map.of("value", "declared-pw"));
            assertThat(ready.fields().get(1).desired()).isEqualTo("shop/checkout:1.4");
            assertThat(ready.fields().toString()).doesNotContain("declared-pw");
        });
        // AND after the restore none of them drifts (effective), before it they do
        var restored = drifted("9", "shop/checkout:1.4", "declared-pw");
        assertThat(planner.effective(restored, Optional.empty(), Set.of(IMAGE, ENV))).isTrue();
        assertThat(planner.effective(live, Optional.empty(), Set.of(IMAGE, ENV))).isFalse();
    }

    @Test
    void restorePlan_staleOutsideSetOrNoLongerDrifting_refusedOrAlreadyApplied() {
        var live = drifted("7", "shop/checkout:1.5", "declared-pw");
        var planner = new RestorePlanner(DriftPolicy.defaults());
        // WHEN planned at another resourceVersion, for a label, and for the env var that does not drift
        var stale = planner.plan(live, Optional.empty(), Set.of(IMAGE), "6");
        var label = planner.plan(live, Optional.empty(), Set.of("metadata.labels.app"), "7");
        var nothing = planner.plan(live, Optional.empty(), Set.of(ENV), "7");
        // THEN
        assertThat(stale).isInstanceOfSatisfying(RestorePlanner.Plan.Refused.class,
                r -> assertThat(r.reason()).contains("changed since the drift report"));
        assertThat(label).isInstanceOf(RestorePlanner.Plan.Refused.class);
        assertThat(nothing).isInstanceOf(RestorePlanner.Plan.AlreadyApplied.class);
    }

    @Test
    void restorePlan_envOfBaseline_refused_digestOnly() {
        // GIVEN a baseline accepted with another env value, then the value changed again
        var accepted = drifted("7", "shop/checkout:1.5", "accepted-pw");
        var baseline = new Baseline(accepted.ref(), accepted.uid(), DriftDetector.snapshot(accepted), "alice",
                CLOCK.instant(), "drf_x");
        var live = drifted("8", "shop/checkout:1.5", "changed-again");
        // WHEN the env var is to be restored to the baseline
        var plan = new RestorePlanner(DriftPolicy.defaults()).plan(live, Optional.of(baseline), Set.of(ENV), "8");
        // THEN refused: only its digest is kept
        assertThat(plan).isInstanceOfSatisfying(RestorePlanner.Plan.Refused.class,
                r -> assertThat(r.reason()).contains("digest"));
    }
}
