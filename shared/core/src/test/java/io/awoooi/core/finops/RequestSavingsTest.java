package io.awoooi.core.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalFixture;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.notify.Notification;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestSavingsTest {
    private final ApprovalFixture fx = new ApprovalFixture();

    private static final ProposedAction DELETE_PVC = new ProposedAction(ActionType.DELETE_PVC,
            Map.of("namespace", "shop", "pvc", "old-export"));
    private static final ProposedAction SCALE = new ProposedAction(ActionType.SCALE_DEPLOYMENT,
            Map.of("namespace", "shop", "deployment", "report-gen", "replicas", "0"));

    private static Finding finding(Finding.Category c, String resource, String monthly, Finding.Kind kind,
            RiskLevel risk, ProposedAction action) {
        return new Finding(c, resource, "do it", List.of("evidence line"),
                Optional.of(new Finding.Saving(kind, new BigDecimal(monthly), "priced so")), Optional.empty(), risk,
                Optional.ofNullable(action));
    }

    private FinOpsReport report() {
        List<Finding> findings = List.of(
                finding(Finding.Category.OVERPROVISIONED_NODE, "node node-idle", "146.00", Finding.Kind.REALIZABLE,
                        RiskLevel.MEDIUM, null),
                finding(Finding.Category.ZOMBIE_POD, "deployment shop/report-gen", "15.21", Finding.Kind.FREED,
                        RiskLevel.MEDIUM, SCALE),
                finding(Finding.Category.ORPHANED_PVC, "pvc shop/old-export", "8.00", Finding.Kind.REALIZABLE,
                        RiskLevel.HIGH, DELETE_PVC));
        return new FinOpsReport(FinOpsReport.idFor(ApprovalFixture.NOW), ApprovalFixture.NOW,
                ApprovalFixture.NOW.minus(Duration.ofDays(7)), "test prices", findings, List.of(),
                FinOpsReport.Totals.of(findings), new FinOpsReport.Scope(2, 3, 4));
    }

    private RequestSavings savings() {
        return new RequestSavings(fx::desk, a -> new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")),
                "state-" + a.type().id()), new RiskPolicy(), Duration.ofMinutes(30), 5);
    }

    @Test
    void requestAll_actionableSavings_oneRequestEachWithSignedLinksAndTheSavingOnTheCard() {
        // WHEN
        List<RequestSavings.Outcome> outcomes = savings().requestAll(report());
        // THEN two requests (the node has no catalog action), each PENDING with its subject fin_<day>_<hash>
        assertThat(outcomes).hasSize(2).allMatch(o -> o instanceof RequestSavings.Outcome.Requested);
        ApprovalRequest pvc = ((RequestSavings.Outcome.Requested) outcomes.get(1)).request();
        assertThat(pvc.incidentId()).matches("fin_20261125_[0-9a-f]{16}")
                .isEqualTo(RequestSavings.subjectFor(ApprovalFixture.NOW, DELETE_PVC));
        assertThat(pvc.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(pvc.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(pvc.quorum().count()).isEqualTo(2);
        assertThat(pvc.notified()).containsExactlyInAnyOrder("alice", "bob", "erin");
        // the card names the saving, the prices and the scan
        ApprovalCard card = ApprovalCard.of(pvc, List.of(), fx.directory, ApprovalFixture.NOW);
        assertThat(card.headline()).isEqualTo("Orphaned PVC shop/old-export: saves $8.00/month (realizable)");
        assertThat(card.toCard(Optional.empty(), ApprovalFixture.NOW).text()).contains(
                "saves $8.00 a month, $96.00 a year",
                "Recommended by the FinOps scan fin_20261125T030000Z");
        // each approver got their own link; the operators got the summary
        List<Notification> toAlice = fx.channel.to("alice");
        assertThat(toAlice).extracting(Notification::kind).contains("approval_requested", "finops_report");
        assertThat(toAlice.stream().filter(n -> n.kind().equals("approval_requested")).flatMap(n -> n.links().stream()))
                .anyMatch(l -> l.url().startsWith(ApprovalFixture.BASE_URL + "/v1/approvals/" + pvc.id() + "?t="));
        Notification summary = toAlice.stream().filter(n -> n.kind().equals("finops_report")).findFirst().orElseThrow();
        assertThat(summary.subject())
                .isEqualTo("[AWOOOI] FinOps: $169.21/month of waste detected ($154.00 realizable)");
        assertThat(summary.text()).contains("approval requested: delete_pvc(namespace=shop, pvc=old-export)");
    }

    @Test
    void requestAll_lowRiskWithTrust_stillNeedsOneSignature() {
        // GIVEN scale_deployment (MEDIUM) with enough trust for no signature
        for (int i = 0; i < 5; i++) {
            fx.trust.increment(io.awoooi.core.approval.ActionPattern.of(SCALE));
        }
        // WHEN
        List<RequestSavings.Outcome> outcomes = savings().requestAll(report());
        // THEN it waits for one operator
        ApprovalRequest scale = ((RequestSavings.Outcome.Requested) outcomes.get(0)).request();
        assertThat(scale.quorum().automatic()).isFalse();
        assertThat(scale.quorum().count()).isEqualTo(1);
        assertThat(scale.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(fx.executions.orders()).isEmpty();
    }

    @Test
    void requestAll_twoOverlappingScans_oneRequestPerResource() throws Exception {
        // GIVEN two scans of the same day running at once (a schedule and an on-demand run)
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<RequestSavings.Outcome>>> runs = List.of(
                    pool.submit(() -> {
                        go.await();
                        return savings().requestAll(report());
                    }),
                    pool.submit(() -> {
                        go.await();
                        return savings().requestAll(report());
                    }));
            // WHEN
            go.countDown();
            long requested = 0;
            for (Future<List<RequestSavings.Outcome>> run : runs) {
                requested += run.get(30, TimeUnit.SECONDS).stream()
                        .filter(o -> o instanceof RequestSavings.Outcome.Requested).count();
            }
            // THEN each resource was asked about once: two requests in all, links sent once each
            assertThat(requested).isEqualTo(2);
            assertThat(fx.channel.to("alice").stream().filter(n -> n.kind().equals("approval_requested"))).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestAll_blockedDryRun_noRequestButSaidInTheSummary() {
        // GIVEN the claim is in use by now: the dry-run blocks
        RequestSavings blocked = new RequestSavings(fx::desk, a -> new DryRunReport(List.of(
                DryRunCheck.fail("exists", "the claim is mounted by a pod", false)), "s"), new RiskPolicy(),
                Duration.ofMinutes(30), 5);
        // WHEN
        List<RequestSavings.Outcome> outcomes = blocked.requestAll(report());
        // THEN
        assertThat(outcomes).allMatch(o -> o instanceof RequestSavings.Outcome.Blocked);
        assertThat(fx.store.find(ApprovalRequest.idFor(RequestSavings.subjectFor(ApprovalFixture.NOW, DELETE_PVC))))
                .isEmpty();
        assertThat(fx.channel.to("alice")).extracting(Notification::kind).containsExactly("finops_report");
    }

    @Test
    void requestAll_claimWithASnapshotClass_mediumRiskOneSignature() {
        // GIVEN the claim's driver can snapshot it: the action takes a VolumeSnapshot first
        ProposedAction withSnapshot = new ProposedAction(ActionType.DELETE_PVC,
                Map.of("namespace", "shop", "pvc", "old-export", "snapshotClass", "ebs-snapshots"));
        List<Finding> findings = List.of(finding(Finding.Category.ORPHANED_PVC, "pvc shop/old-export", "8.00",
                Finding.Kind.REALIZABLE, RiskLevel.MEDIUM, withSnapshot));
        FinOpsReport r = new FinOpsReport(FinOpsReport.idFor(ApprovalFixture.NOW), ApprovalFixture.NOW,
                ApprovalFixture.NOW.minus(Duration.ofDays(7)), "p", findings, List.of(),
                FinOpsReport.Totals.of(findings),
                new FinOpsReport.Scope(0, 0, 1));
        // WHEN
        ApprovalRequest request = ((RequestSavings.Outcome.Requested) savings().requestAll(r).get(0)).request();
        // THEN recoverable: MEDIUM (HIGH without the snapshot), one signature; the card says so
        assertThat(request.risk().base()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(request.risk().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(request.risk().reasons().get(0))
                .contains("with a VolumeSnapshot first (class ebs-snapshots; HIGH without one)");
        assertThat(request.quorum().count()).isEqualTo(1);
        assertThat(io.awoooi.core.action.ActionWords.sentence(withSnapshot))
                .isEqualTo("Delete volume claim old-export in shop after a VolumeSnapshot of it (class ebs-snapshots)");
    }
}
