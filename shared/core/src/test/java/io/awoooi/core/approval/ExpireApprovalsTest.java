package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.analysis;
import static io.awoooi.core.approval.ApprovalFixture.deletePvc;
import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.notify.RecordingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpireApprovalsTest {
    private final ApprovalFixture f = new ApprovalFixture();

    private ApprovalRequest request(int n) {
        RequestApproval.Outcome outcome = f.requestApproval(StaticDryRunner.passing())
                .request(analysis(incidentId(n), deletePvc("data-postgres-" + n), 1));
        return ((RequestApproval.Outcome.Requested) outcome).request();
    }

    private List<String> expiredNews() {
        return f.channel.ofKind("expired").stream().map(RecordingChannel.Delivered::address).toList();
    }

    @Test
    void sweep_pendingRequestPastItsExpiry_expiredOnceAndApproversAndOperatorsToldOnce() {
        // GIVEN a HIGH request whose links went to the operators, and the clock past its expiry
        ApprovalRequest r = request(1);
        f.clock.set(r.expiresAt().plusSeconds(1));

        // WHEN the sweep runs, and again (a retried schedule)
        ExpireApprovals.Result first = new ExpireApprovals(f.desk().ledger(), f.desk().notices())
                .sweep(ExpireApprovals.DEFAULT_BATCH);
        ExpireApprovals.Result second = new ExpireApprovals(f.desk().ledger(), f.desk().notices())
                .sweep(ExpireApprovals.DEFAULT_BATCH);

        // THEN it is EXPIRED, audited once, and everybody it concerns heard it once
        assertThat(first.expired()).containsExactly(r.id());
        assertThat(first.more()).isFalse();
        assertThat(second.expired()).isEmpty();
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(f.operations.ofType("expired")).hasSize(1);
        List<String> told = expiredNews();
        assertThat(told).doesNotHaveDuplicates().contains("alice", "bob", "erin");
        assertThat(f.executions.attempts()).isEmpty();
    }

    @Test
    void sweep_beforeTheExpiry_leavesPendingRequestsAlone() {
        // GIVEN a request one second before its expiry
        ApprovalRequest r = request(1);
        f.clock.set(r.expiresAt().minusSeconds(1));

        // WHEN the sweep runs
        ExpireApprovals.Result result = new ExpireApprovals(f.desk().ledger(), f.desk().notices())
                .sweep(ExpireApprovals.DEFAULT_BATCH);

        // THEN nothing happens
        assertThat(result.expired()).isEmpty();
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(expiredNews()).isEmpty();
    }

    @Test
    void sweep_requestsDecidedBeforeTheirExpiry_notTouched() {
        // GIVEN one request rejected and one approved (both before expiry), then the clock past both expiries
        ApprovalRequest rejected = request(1);
        ApprovalRequest approved = request(2);
        f.decideApproval().decide(rejected.id(), f.freshToken(rejected, "alice"), Decision.REJECT);
        f.decideApproval().decide(approved.id(), f.freshToken(approved, "alice"), Decision.APPROVE);
        f.decideApproval().decide(approved.id(), f.freshToken(approved, "bob"), Decision.APPROVE);
        f.clock.set(approved.expiresAt().plus(Duration.ofHours(1)));

        // WHEN the sweep runs
        ExpireApprovals.Result result = new ExpireApprovals(f.desk().ledger(), f.desk().notices())
                .sweep(ExpireApprovals.DEFAULT_BATCH);

        // THEN neither is listed nor changed
        assertThat(result.expired()).isEmpty();
        assertThat(f.stored(rejected.id()).status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(f.stored(approved.id()).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(expiredNews()).isEmpty();
    }

    @Test
    void sweep_moreOverdueThanTheBatch_takesTheSoonestExpiredAndSaysMoreWait() {
        // GIVEN three overdue requests made a minute apart
        List<ApprovalRequest> requests = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            requests.add(request(n));
            f.clock.set(f.clock.instant().plus(Duration.ofMinutes(1)));
        }
        f.clock.set(requests.get(2).expiresAt().plusSeconds(1));

        // WHEN a sweep of two runs, then another
        ExpireApprovals.Result first = new ExpireApprovals(f.desk().ledger(), f.desk().notices()).sweep(2);
        ExpireApprovals.Result second = new ExpireApprovals(f.desk().ledger(), f.desk().notices()).sweep(2);

        // THEN the two that expired first, then the third
        assertThat(first.expired()).containsExactly(requests.get(0).id(), requests.get(1).id());
        assertThat(first.more()).isTrue();
        assertThat(second.expired()).containsExactly(requests.get(2).id());
        assertThat(second.more()).isFalse();
    }

    @Test
    void sweepAndALateClickAtTheSameMoment_expiredOnceAndToldOnce() throws Exception {
        // GIVEN an overdue request, a still-valid longer link of alice, and two sweeps racing her click
        ApprovalRequest r = request(1);
        String link = f.signer.sign(r.id(), "alice", r.actionHash(), r.expiresAt().plus(Duration.ofHours(1)));
        f.clock.set(r.expiresAt().plusSeconds(5));
        CyclicBarrier start = new CyclicBarrier(3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return new ExpireApprovals(f.desk().ledger(), f.desk().notices())
                            .sweep(ExpireApprovals.DEFAULT_BATCH);
                }));
            }
            runs.add(pool.submit(() -> {
                start.await();
                return f.decideApproval().decide(r.id(), link, Decision.APPROVE);
            }));
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN EXPIRED, one audit row, each person told once, no signature
        assertThat(f.stored(r.id()).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(f.operations.ofType("expired")).hasSize(1);
        assertThat(expiredNews()).doesNotHaveDuplicates().isNotEmpty();
        assertThat(f.store.signatures(r.id())).isEmpty();
    }
}
