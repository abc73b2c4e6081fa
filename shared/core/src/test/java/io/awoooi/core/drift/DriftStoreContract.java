package io.awoooi.core.drift;

import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the drift ports ({@link DriftReports}, {@link Baselines}, {@link DriftDecisions}),
 * run against the in-memory fake here and the DynamoDB adapter in shared/aws on dynalite (through the
 * core test-jar). What the drift scan and its links rely on: a report comes back whole; the latest
 * only moves forward (an older scan finishing late does not replace a newer one); a notification is
 * claimed once per reminder period, and two overlapping scans cannot both win; a baseline is replaced,
 * listed by its namespace only; a decision is claimed once (whoever clicks first), then finished.
 * Each test uses ids, namespaces and an era of its own, so a shared table is fine.
 */
public abstract class DriftStoreContract {
    /** Each test its own era: on a shared table all tests share the one latest pointer. */
    private static final AtomicLong ERA = new AtomicLong(Instant.parse("2031-01-01T00:00:00Z").getEpochSecond());

    /** The stores, possibly shared between tests (one object may implement all three). */
    protected abstract DriftReports reports();

    protected abstract Baselines baselines();

    protected abstract DriftDecisions decisions();

    private static Instant era() {
        return Instant.ofEpochSecond(ERA.addAndGet(10_000_000));
    }

    private static String hash() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static DriftReport report(Instant at) {
        var item = new DriftItem(DriftCategory.IMAGE, Severity.HIGH, "spec.template.spec.containers[app].image", "a:1",
                "a:2", true, "");
        var workload = new WorkloadDrift(new WorkloadRef("Deployment", "shop", "checkout"), "u1", "42",
                DesiredSource.LAST_APPLIED, List.of(item));
        String minute = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC).format(at);
        return new DriftReport("drf_" + minute + "_" + hash(), at, List.of("shop"),
                Map.of("billing", "cannot list Deployments (HTTP 503)"), List.of(workload), 7, List.of("a problem"),
                List.of(item.fingerprint(workload.ref())));
    }

    private static String namespace() {
        return "ns-" + hash();
    }

    private static DriftDecision decision(String workloadKey, DriftChoice choice, String approver, Instant at) {
        String reportId = report(at).id();
        return new DriftDecision(DriftLinks.decisionId(reportId, workloadKey), reportId, workloadKey, choice, approver,
                at, DriftDecision.State.CLAIMED, "");
    }

    // ---------------------------------------------------------------- reports

    @Test
    void save_thenFind_reportAsSaved() {
        // GIVEN a report with a drifted workload, a namespace not scanned and a problem
        DriftReport report = report(era());
        // WHEN it is saved / THEN it comes back whole by its id
        reports().save(report);
        assertThat(reports().find(report.id())).contains(report);
    }

    @Test
    void find_unknownOrMalformedId_empty() {
        // GIVEN / WHEN / THEN an id never saved, a path-like one and none at all find nothing
        assertThat(reports().find(report(era()).id())).isEmpty();
        assertThat(reports().find("drf_../etc")).isEmpty();
        assertThat(reports().find("")).isEmpty();
    }

    @Test
    void latest_olderScanSavedLate_newerStaysTheLatest() {
        // GIVEN a report, then an older scan's report saved after it
        Instant at = era();
        DriftReport newer = report(at);
        DriftReport older = report(at.minusSeconds(3600));
        // WHEN both are saved
        reports().save(newer);
        reports().save(older);
        // THEN both can be read, and the newer is the latest
        assertThat(reports().find(older.id())).contains(older);
        assertThat(reports().latest()).contains(newer);
    }

    @Test
    void latest_laterScanSaved_movesForward() {
        // GIVEN the latest report
        Instant at = era();
        reports().save(report(at));
        DriftReport later = report(at.plusSeconds(60));
        // WHEN a later scan's report is saved / THEN it is the latest
        reports().save(later);
        assertThat(reports().latest()).contains(later);
    }

    @Test
    void latest_anotherReportOfTheSameScanTime_theLaterSavedIsTheLatest() {
        // GIVEN the latest report, and a retried scan of the same moment that wrote another report
        Instant at = era();
        reports().save(report(at));
        DriftReport retried = report(at);
        // WHEN the retry's report is saved / THEN it is the latest (the latest never moves back, but may move on
        // to a report of the same time)
        reports().save(retried);
        assertThat(reports().latest()).contains(retried);
    }

    // ---------------------------------------------------------------- notification claims

    @Test
    void claimNotification_withinTheReminder_onceThenAgainWhenDue() {
        // GIVEN a drift never notified
        String fingerprint = hash();
        Instant now = era();
        Duration reminder = Duration.ofHours(24);
        // WHEN it is claimed, an hour later, just before the reminder, and exactly when it is due
        boolean first = reports().claimNotification(fingerprint, now, reminder);
        boolean hourLater = reports().claimNotification(fingerprint, now.plusSeconds(3600), reminder);
        boolean almost = reports().claimNotification(fingerprint, now.plus(reminder).minusMillis(1), reminder);
        boolean due = reports().claimNotification(fingerprint, now.plus(reminder), reminder);
        boolean afterReminder = reports().claimNotification(fingerprint, now.plus(reminder).plusSeconds(60), reminder);
        // THEN the first and the reminder win; the reminder restarts the period
        assertThat(first).isTrue();
        assertThat(hourLater).isFalse();
        assertThat(almost).isFalse();
        assertThat(due).isTrue();
        assertThat(afterReminder).isFalse();
    }

    @Test
    void claimNotification_oneDriftClaimed_othersStillFree() {
        // GIVEN one drift claimed
        Instant now = era();
        reports().claimNotification(hash() + "-a", now, Duration.ofHours(24));
        // WHEN / THEN another drift is still to notify
        assertThat(reports().claimNotification(hash() + "-b", now, Duration.ofHours(24))).isTrue();
    }

    @Test
    void claimNotification_overlappingScans_exactlyOneWins() throws Exception {
        // GIVEN 8 scans claiming the same new drift at once
        String fingerprint = hash();
        Instant now = era();
        // WHEN they claim together
        List<Boolean> won = race(8, i -> reports().claimNotification(fingerprint, now, Duration.ofHours(24)));
        // THEN exactly one notifies
        assertThat(won).containsOnlyOnce(true);
    }

    // ---------------------------------------------------------------- baselines

    @Test
    void baselines_savedFoundAndListedByTheirNamespaceOnly() {
        // GIVEN two baselines in a namespace (one without a uid or a report) and one in another
        String ns = namespace();
        var a = new Baseline(new WorkloadRef("Deployment", ns, "a"), "uid-a",
                Map.of("spec.replicas", "3", "spec.template.spec.containers[app].env[K]", "digest:0123"), "alice",
                Instant.parse("2026-12-07T04:00:00Z"), "drf_202612070400_aaaaaaaaaa");
        var b = new Baseline(new WorkloadRef("StatefulSet", ns, "b"), "", Map.of(), "bob",
                Instant.parse("2026-12-07T05:00:00Z"), "");
        var elsewhere = new Baseline(new WorkloadRef("Deployment", namespace(), "a"), "uid-c", Map.of(), "carol",
                Instant.parse("2026-12-07T06:00:00Z"), "");
        // WHEN saved
        baselines().save(a);
        baselines().save(b);
        baselines().save(elsewhere);
        // THEN each comes back as saved, listed with its namespace only; a workload without one has none
        assertThat(baselines().find(a.ref())).contains(a);
        assertThat(baselines().find(b.ref())).contains(b);
        assertThat(baselines().inNamespace(ns)).containsExactlyInAnyOrder(a, b);
        assertThat(baselines().find(new WorkloadRef("Deployment", ns, "missing"))).isEmpty();
        assertThat(baselines().inNamespace(namespace())).isEmpty();
    }

    @Test
    void baselines_savedAgain_replacesTheWorkloadsBaseline() {
        // GIVEN a workload's baseline
        WorkloadRef ref = new WorkloadRef("Deployment", namespace(), "api");
        baselines().save(new Baseline(ref, "uid-1", Map.of("spec.replicas", "3"), "alice",
                Instant.parse("2026-12-07T04:00:00Z"), ""));
        var accepted = new Baseline(ref, "uid-2", Map.of("spec.replicas", "5"), "bob",
                Instant.parse("2026-12-07T05:00:00Z"), "drf_202612070500_bbbbbbbbbb");
        // WHEN another state is accepted / THEN it replaces the first, and the workload has one
        baselines().save(accepted);
        assertThat(baselines().find(ref)).contains(accepted);
        assertThat(baselines().inNamespace(ref.namespace())).containsExactly(accepted);
    }

    // ---------------------------------------------------------------- decisions

    @Test
    void claimDecision_first_wonAndFoundAsClaimed() {
        // GIVEN a decision never taken (no detail yet)
        DriftDecision claimed = decision("Deployment/shop/checkout", DriftChoice.ACCEPT, "alice", era());
        // WHEN claimed / THEN it won and reads back as it was claimed
        assertThat(decisions().claimDecision(claimed)).isTrue();
        assertThat(decisions().findDecision(claimed.id())).contains(claimed);
    }

    @Test
    void claimDecision_second_refusedAndTheFirstStands() {
        // GIVEN a decision claimed by alice
        Instant at = era();
        DriftDecision first = decision("Deployment/shop/checkout", DriftChoice.ACCEPT, "alice", at);
        decisions().claimDecision(first);
        DriftDecision second = new DriftDecision(first.id(), first.reportId(), first.workloadKey(),
                DriftChoice.ROLLBACK, "bob", at.plusSeconds(5), DriftDecision.State.CLAIMED, "");
        // WHEN bob clicks the other link of the same workload / THEN he loses, alice's decision stands
        assertThat(decisions().claimDecision(second)).isFalse();
        assertThat(decisions().findDecision(first.id())).contains(first);
    }

    @Test
    void claimDecision_manyClicksAtOnce_exactlyOneWins() throws Exception {
        // GIVEN 8 approvers clicking the same workload's links at once
        DriftDecision base = decision("Deployment/shop/cart", DriftChoice.ROLLBACK, "a0", era());
        // WHEN they claim together
        List<Boolean> won = race(8, i -> decisions().claimDecision(new DriftDecision(base.id(), base.reportId(),
                base.workloadKey(), base.choice(), "a" + i, base.at(),
                DriftDecision.State.CLAIMED, "")));
        // THEN exactly one decides
        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void finishDecision_claimed_readsBackWithItsStateAndDetail() {
        // GIVEN a claimed decision
        DriftDecision claimed = decision("Deployment/shop/checkout", DriftChoice.ROLLBACK, "alice", era());
        decisions().claimDecision(claimed);
        // WHEN its effect is made / THEN it reads back done, with what came of it
        DriftDecision done = claimed.with(DriftDecision.State.DONE, "approval apr_0123456789 asked");
        decisions().finishDecision(done);
        assertThat(decisions().findDecision(claimed.id())).contains(done);
    }

    @Test
    void findDecision_unknownId_empty() {
        // GIVEN / WHEN / THEN
        assertThat(decisions().findDecision(decision("Deployment/shop/none", DriftChoice.ACCEPT, "alice", era()).id()))
                .isEmpty();
    }
}
