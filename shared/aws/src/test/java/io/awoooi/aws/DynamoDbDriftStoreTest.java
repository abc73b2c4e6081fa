package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.drift.Baseline;
import io.awoooi.core.drift.DesiredSource;
import io.awoooi.core.drift.DriftCategory;
import io.awoooi.core.drift.DriftItem;
import io.awoooi.core.drift.DriftReport;
import io.awoooi.core.drift.Severity;
import io.awoooi.core.drift.WorkloadDrift;
import io.awoooi.core.drift.WorkloadRef;
import io.awoooi.testing.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The drift store on dynalite, the state table created from the SAM template. */
class DynamoDbDriftStoreTest {
    private static final LocalAws AWS = LocalAws.shared();
    /** Each test its own era, since all share the one LATEST row of the shared table. */
    private static final AtomicLong ERA = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());

    private final DynamoDbDriftStore store = new DynamoDbDriftStore(AWS.dynamo().client(),
            AWS.resources().tableName("StateTable"));

    private static Instant era() {
        return Instant.ofEpochSecond(ERA.addAndGet(10_000_000));
    }

    private static DriftReport report(Instant at, String hash) {
        var item = new DriftItem(DriftCategory.IMAGE, Severity.HIGH, "spec.template.spec.containers[app].image", "a:1",
                "a:2", true, "");
        var w = new WorkloadDrift(new WorkloadRef("Deployment", "shop", "checkout"), "u1", "42",
                DesiredSource.LAST_APPLIED,
                List.of(item));
        String minute = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(java.time.ZoneOffset.UTC)
                .format(at);
        return new DriftReport("drf_" + minute + "_" + hash, at, List.of("shop"),
                Map.of("billing", "cannot list Deployments (HTTP 503)"),
                List.of(w), 7, List.of("a problem"), List.of(item.fingerprint(w.ref())));
    }

    @Test
    void saveReports_readByIdAndLatestOnlyMovesForward() {
        // GIVEN a report, then an older one saved late
        Instant at = era();
        DriftReport newer = report(at, "aaaaaaaaaa");
        DriftReport older = report(at.minusSeconds(3600), "bbbbbbbbbb");
        // WHEN both are saved
        store.save(newer);
        store.save(older);
        // THEN both are readable, the newer stays the latest
        assertThat(store.find(newer.id())).contains(newer);
        assertThat(store.find(older.id())).contains(older);
        assertThat(store.latest()).contains(newer);
        assertThat(store.find("drf_../etc")).isEmpty();
    }

    @Test
    void claimNotification_onceUntilTheReminderIsDue() {
        // GIVEN a fresh fingerprint
        String fp = UUID.randomUUID().toString();
        Instant now = era();
        // WHEN claimed, claimed again an hour later, and a day later (reminder 24 h)
        boolean first = store.claimNotification(fp, now, Duration.ofHours(24));
        boolean again = store.claimNotification(fp, now.plusSeconds(3600), Duration.ofHours(24));
        boolean reminder = store.claimNotification(fp, now.plus(Duration.ofHours(24)), Duration.ofHours(24));
        // THEN
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(reminder).isTrue();
    }

    @Test
    void baselines_savedFoundAndListedByNamespace() {
        // GIVEN two baselines in a fresh namespace
        String ns = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        var a = new Baseline(new WorkloadRef("Deployment", ns, "a"), "uid-a",
                Map.of("spec.replicas", "3", "spec.template.spec.containers[app].env[K]", "digest:0123"), "alice",
                Instant.parse("2026-12-07T04:00:00Z"), "drf_202612070400_aaaaaaaaaa");
        var b = new Baseline(new WorkloadRef("StatefulSet", ns, "b"), "", Map.of(), "bob",
                Instant.parse("2026-12-07T05:00:00Z"), "");
        // WHEN saved
        store.save(a);
        store.save(b);
        // THEN
        assertThat(store.find(a.ref())).contains(a);
        assertThat(store.inNamespace(ns)).containsExactlyInAnyOrder(a, b);
        assertThat(store.find(new WorkloadRef("Deployment", ns, "missing"))).isEmpty();
    }

    @Test
    void operationLog_tagsKeptAndReadBack_untaggedStayUntagged() {
        // GIVEN the drift narrator's row (tagged) and an untagged row under a fresh report id
        var log = new DynamoDbOperationLog(AWS.dynamo().client(), AWS.resources().tableName("StateTable"));
        String reportId = "drf_203001010000_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        log.append(
                new io.awoooi.core.audit.Operation("op_a", reportId, "alert_received", "intake", Map.of(), Map.of(), 1,
                        java.util.Optional.empty(), at));
        log.append(new io.awoooi.core.audit.Operation("op_b", reportId, "notification_formatted", "drift_narrator",
                Map.of("report_id", reportId), Map.of("items_count", "2"), 5, java.util.Optional.of("op_a"),
                at.plusSeconds(1), List.of("drift", "llm_summary")));
        // WHEN read back
        var trail = log.trail(reportId);
        // THEN
        assertThat(trail).extracting(io.awoooi.core.audit.Operation::tags)
                .containsExactly(List.of(), List.of("drift", "llm_summary"));
        assertThat(trail.get(1).parentOpId()).contains("op_a");
    }
}
