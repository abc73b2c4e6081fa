package io.awoooi.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.testing.LocalAws;
import io.awoooi.testing.RepoRoot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two approvers deciding at the same moment, against the real DynamoDB API server (dynalite) and the
 * real SQS FIFO queue (ElasticMQ), through the same wiring the functions use: both signatures are
 * recorded, the quorum is acted on once, and exactly one message reaches the executions queue.
 */
class ConcurrentDecisionsTest {
    private static final String KEY = "concurrency-test-link-key-0123456789abcdef";
    private static LocalAws aws;
    private static Supplier<ApprovalDesk> desks;
    private static ExecutorService pool;
    /** Every notification sent, as "kind incident recipient": the winner of the quorum alone tells people. */
    private static final List<String> SENT = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final io.awoooi.core.notify.NotificationChannel RECORDING = new io.awoooi.core.notify.NotificationChannel() {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Optional<String> addressOf(io.awoooi.core.approval.Approver approver) {
            return Optional.of(approver.id());
        }

        @Override
        public void deliver(String address, io.awoooi.core.notify.Notification n) {
            SENT.add(n.kind() + " " + n.incidentId() + " " + address);
        }
    };

    @BeforeAll
    static void wire() {
        aws = LocalAws.shared();
        var dynamo = aws.dynamo().client();
        String table = aws.resources().tableName("StateTable");
        desks = new ApprovalParts(new ApprovalParts.Settings(ApprovalParts.Links.VERIFY, table,
                aws.resources().tableName("TrustTable"), Optional.of(KEY), Optional.empty(),
                Optional.of(RepoRoot.find().resolve("infra/local/demo/approvers.json")), Optional.empty(),
                Optional.empty()), dynamo, List.of(RECORDING),
                new LeakGuard(new PiiScanner(), report -> {
                }, Clock.systemUTC()), Clock.systemUTC())
                .desks(new io.awoooi.aws.SqsExecutionQueue(aws.sqs().client(),
                        aws.resources().queueUrl("ExecutionsQueue")));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static ApprovalRequest pendingHigh() {
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        ProposedAction action = new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "w-" + incident.substring(4, 14), "kind", "deployment"));
        Instant now = Instant.now();
        ApprovalRequest r = new ApprovalRequest(ApprovalRequest.idFor(incident), incident, "nk-" + incident, action,
                ApprovalRequest.hashOf(action), ActionPattern.of(action),
                new RiskAssessment(RiskLevel.MEDIUM, RiskLevel.HIGH, List.of("test")), 0,
                Quorum.forLevel(RiskLevel.HIGH),
                new DryRunReport(List.of(DryRunCheck.pass("rbac", "allowed")), "fp"), ApprovalStatus.PENDING,
                List.of("alice", "bob"), false, Optional.empty(), now, now.plusSeconds(600), now);
        assertThat(desks.get().store().create(r)).isTrue();
        return r;
    }

    private static List<String> drainExecutionsFor(List<String> requestIds) {
        var sqs = aws.sqs().client();
        String url = aws.resources().queueUrl("ExecutionsQueue");
        List<String> bodies = new ArrayList<>();
        for (int empty = 0; empty < 2;) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (messages.isEmpty()) {
                empty++;
            }
            for (var m : messages) {
                if (requestIds.stream().anyMatch(m.body()::contains)) {
                    bodies.add(m.body());
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    @Test
    void decide_twoApproversAtTheSameMomentOnDynalite_bothRecordedAndExactlyOneExecutionMessage() throws Exception {
        // GIVEN 10 pending HIGH requests, each to be approved by alice and bob released together
        List<String> ids = new ArrayList<>();
        var signer = desks.get().signer();
        for (int round = 0; round < 10; round++) {
            ApprovalRequest r = pendingHigh();
            ids.add(r.id());
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<DecideApproval.Result>> decisions = new ArrayList<>();
            for (String approver : List.of("alice", "bob")) {
                String token = signer.sign(r.id(), approver, r.actionHash(), r.expiresAt());
                decisions.add(pool.submit(() -> {
                    together.await();
                    return new DecideApproval(desks.get()).decide(r.id(), token, Decision.APPROVE);
                }));
            }
            // WHEN both decide at once
            for (Future<DecideApproval.Result> d : decisions) {
                // THEN each was recorded (never refused: distinct approvers)
                assertThat(d.get()).as("round %d", round).isInstanceOf(DecideApproval.Result.Shown.class);
            }
            ApprovalRequest stored = desks.get().store().find(r.id()).orElseThrow();
            assertThat(stored.status()).as("round %d", round).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(stored.dispatched()).as("round %d", round).isTrue();
            assertThat(desks.get().store().signatures(r.id())).as("round %d", round).hasSize(2);
            // the move to APPROVED happened once: one "approved" notice, to the approver who did not make it
            // (the one who did sees it on the page)
            assertThat(SENT).as("round %d", round).filteredOn(line -> line.startsWith("approved " + r.incidentId()))
                    .singleElement().satisfies(line -> assertThat(line).isIn("approved " + r.incidentId() + " alice",
                            "approved " + r.incidentId() + " bob"));
        }
        // AND the executions queue holds exactly one message per request
        List<String> bodies = drainExecutionsFor(ids);
        for (String id : ids) {
            assertThat(bodies.stream().filter(b -> b.contains(id))).as(id).hasSize(1);
        }
    }
}
