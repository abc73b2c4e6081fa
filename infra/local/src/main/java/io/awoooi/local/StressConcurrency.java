package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.testing.HostileWebhooks;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./awoooi stress concurrency}: the counts that must stay exact when everything arrives at
 * once, on a stack with two JVMs each of intake, approval and executor (as Lambda runs concurrent
 * instances: the HTTP API spreads requests over them, each executor polls the queue):
 * <ol>
 *   <li>{@code duplicates} (200) concurrent POSTs of one notification: one incident, one notification
 *       row, one raw-alerts message, redacted once, analysed once, every answer 202 with its id;
 *   <li>{@code clicks} (50) concurrent POSTs of alice's approval link: one signature;
 *   <li>{@code clicks} concurrent POSTs of bob's link: one more signature, the request APPROVED and
 *       dispatched once, one executions message, executed once (one change request to the cluster, one
 *       {@code executed} on the timeline);
 *   <li>the same execution order put on the executions queue 20 times more at once, each a message of
 *       its own: still one action.
 * </ol>
 */
final class StressConcurrency {

    private static final int REDELIVERIES = 20;

    private final StressStack s;
    private final int duplicates;
    private final int clicks;
    private final PrintStream out;
    private final StressReport report = new StressReport("concurrency");

    StressConcurrency(StressStack stack, int duplicates, int clicks, PrintStream out) {
        if (duplicates < 2 || duplicates > 2_000 || clicks < 2 || clicks > 1_000) {
            throw new IllegalArgumentException("concurrency: --duplicates 2..2000, --clicks 2..1000");
        }
        this.s = stack;
        this.duplicates = duplicates;
        this.clicks = clicks;
        this.out = out;
    }

    StressReport run() {
        long started = System.nanoTime();
        HostileWebhooks.Body body = HostileWebhooks.uniqueGroups(0xC0C0L, "concurrency").innocent(0);
        s.leaks().plant(body.planted());

        // ------------------------------------------------------------ 1. duplicates
        out.printf("concurrency: %d concurrent POSTs of one notification%n", duplicates);
        List<StressStack.Answer> answers = atOnce(duplicates,
                () -> s.post("/v1/alerts", s.stack().intakeToken(), body.bytes()));
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> ids = new TreeSet<>();
        for (StressStack.Answer a : answers) {
            statuses.merge(a.status(), 1, Integer::sum);
            if (a.status() == 202) {
                ids.add(a.json().path("incidentId").asText());
            }
        }
        report.figure("duplicates: answers (status: count)", statuses);
        report.figure("duplicates: incident ids answered", ids.size());
        report.check(statuses.getOrDefault(202, 0) == duplicates, "not every duplicate answered 202: " + statuses);
        report.check(ids.size() == 1, ids.size() + " incident ids for one notification");
        if (ids.isEmpty()) {
            return report;
        }
        String incident = ids.iterator().next();
        s.awaitQuiet(Duration.ofMinutes(3), line -> out.println("concurrency: " + line));
        int incidentRows = 0;
        int notificationRows = 0;
        for (Map<String, AttributeValue> row : s.rows("StateTable")) {
            String sk = row.get("SK").s();
            incidentRows += sk.equals("INCIDENT") ? 1 : 0;
            notificationRows += sk.equals("NOTIFICATION") ? 1 : 0;
        }
        long redacted = s.logLines("RedactionFunction", "redacted message=").size();
        long analysed = s.logLines("AnalysisFunction", "analyzed message=").size();
        report.figure("duplicates: incidents (rows)", incidentRows);
        report.figure("duplicates: notification rows", notificationRows);
        report.figure("duplicates: raw-alerts messages (SendMessage calls)",
                s.rawAlertsSent() + " (" + s.rawAlertsSends() + ")");
        report.figure("duplicates: redacted / analysed", redacted + " / " + analysed);
        report.check(incidentRows == 1,
                incidentRows + " incident rows for one notification sent " + duplicates + " times");
        report.check(notificationRows == 1, notificationRows + " notification rows for one notification");
        report.check(s.rawAlertsSent() == 1, s.rawAlertsSent() + " raw-alerts messages for one notification");
        report.check(redacted == 1 && analysed == 1,
                "redacted " + redacted + " and analysed " + analysed + " times, expected once");

        // ------------------------------------------------------------ 2. one link, many clicks
        Map<String, String> links = s.awaitLinks(incident, TracerBullet.DEMO_SIGNERS, Duration.ofSeconds(90));
        if (!links.keySet().containsAll(TracerBullet.DEMO_SIGNERS)) {
            report.violation("no approval links for alice and bob within 90 s (links: " + links.keySet() + ")");
            return report;
        }
        click(incident, "alice", links.get("alice"), 1, "PENDING");
        // ------------------------------------------------------------ 3. the quorum completed by many clicks at once
        click(incident, "bob", links.get("bob"), 2, "APPROVED|EXECUTED");
        long executionsSent = s.sentTo("ExecutionsQueue");
        report.figure("executions messages sent by the approval", executionsSent);
        report.check(executionsSent == 1, executionsSent + " executions messages for one approved request");
        JsonNode done = s.awaitIncident(incident, Duration.ofSeconds(120),
                i -> i.path("execution").path("status").asText().matches("EXECUTED|VOIDED|FAILED")).orElseThrow();
        String status = done.path("execution").path("status").asText();
        report.figure("execution", status);
        report.check(status.equals("EXECUTED"),
                "the execution ended " + status + ": " + done.path("execution").path("reason").asText());
        int actionsBefore = actions();

        // ------------------------------------------------------------ 4. the order again, 20 times at once
        ApprovalRequest request = new DynamoDbApprovalStore(s.stack().dynamo(),
                s.stack().resources().tableName("StateTable"))
                .find(ApprovalRequest.idFor(incident)).orElseThrow();
        String order = ExecutionOrder.of(request, Instant.now()).toJson();
        String queue = s.stack().resources().queueUrl("ExecutionsQueue");
        atOnce(REDELIVERIES, new Supplier<>() {
            private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Object get() {
                int k = n.incrementAndGet();
                return s.stack().sqs()
                        .sendMessage(b -> b.queueUrl(queue).messageBody(order).messageGroupId("again-" + k)
                                .messageDeduplicationId("again-" + k + "-" + request.id()));
            }
        });
        s.awaitQuiet(Duration.ofMinutes(3), line -> out.println("concurrency: " + line));
        JsonNode after = s.incident(incident).orElseThrow();
        int executedOnTimeline = 0;
        for (JsonNode op : after.path("timeline")) {
            executedOnTimeline += op.path("type").asText().equals("executed") ? 1 : 0;
        }
        int actions = actions();
        report.figure("execution orders delivered again at once", REDELIVERIES);
        report.figure("change requests that reached the cluster (after the approval / after the redeliveries)",
                actionsBefore + " / " + actions + " "
                        + s.kubernetesChanges().stream().filter(StressStack::isAction).toList());
        report.figure("'executed' on the timeline", executedOnTimeline);
        report.check(actionsBefore == 1 && actions == 1,
                "the action reached the cluster " + actions + " times, expected once");
        report.check(executedOnTimeline == 1, executedOnTimeline + " 'executed' entries on the timeline, expected 1");

        LeakScan leaks = s.scanEverything(10);
        leaks.print("concurrency: leak scan", out);
        report.figure("leaks", leaks.leaks());
        if (leaks.leaks() > 0) {
            leaks.examples().forEach(e -> report.violation("leak: " + e));
        }
        report.figure("took", StressStack.seconds(started));
        return report;
    }

    /**
     * A 200 whose answer (JSON: the link's summary) shows the approval recorded: by this click
     * ({@code repeated} false) or by an earlier one, the decision standing ({@code repeated} true).
     */
    private static boolean approved(StressStack.Answer a, boolean repeated) {
        if (a.status() != 200) {
            return false;
        }
        JsonNode summary;
        try {
            summary = a.json();
        } catch (RuntimeException notJson) {
            return false;
        }
        return "approve".equals(summary.path("recorded").asText()) && summary.path("repeated").isBoolean()
                && summary.path("repeated").asBoolean() == repeated;
    }

    /** {@code clicks} concurrent approvals through one link: one new signature, the request then {@code status} (a pattern). */
    private void click(String incident, String who, String link, int signaturesAfter, String status) {
        out.printf("concurrency: %d concurrent approvals through %s's link%n", clicks, who);
        List<StressStack.Answer> answers = atOnce(clicks, () -> s.decide(link, "approve"));
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
        report.figure(who + "'s link clicked " + clicks + " times at once: answers", statuses);
        // one click records the decision; every other one answers the recorded state (200, repeated: the
        // decision stands) or, racing the first, 409: never a second decision
        long recorded = answers.stream().filter(a -> approved(a, false)).count();
        long stands = answers.stream().filter(a -> approved(a, true)).count();
        report.figure(who + "'s link: recorded / stands / 409", recorded + " / " + stands + " / "
                + statuses.getOrDefault(409, 0));
        report.check(recorded == 1, who + "'s link: " + recorded + " answers said the decision was recorded for "
                + clicks + " clicks, expected 1 (the others: it stands, or 409)");
        report.check(recorded + stands == statuses.getOrDefault(200, 0), who + "'s link: "
                + (statuses.getOrDefault(200, 0) - recorded - stands) + " 200 answers said neither");
        report.check(statuses.keySet().stream().allMatch(c -> c == 200 || c == 409),
                who + "'s link: unexpected answers "
                        + statuses);
        String approvalId = link.substring(link.lastIndexOf('/') + 1, link.indexOf('?'));
        long rows = s.rows("StateTable").stream().filter(r -> r.get("PK").s().equals("APPROVAL#" + approvalId)
                && r.get("SK").s().startsWith("SIG#")).count();
        report.figure("signature rows after " + who + "'s clicks", rows);
        report.check(rows == signaturesAfter,
                rows + " signature rows after " + who + "'s clicks, expected " + signaturesAfter);
        JsonNode approval = s.incident(incident).map(i -> i.path("approval")).orElseThrow();
        report.check(
                approval.path("signatures").size() == signaturesAfter
                        && approval.path("status").asText().matches(status),
                "after " + who + "'s clicks the approval is " + approval.path("status").asText() + " with "
                        + approval.path("signatures").size() + " signature(s), expected " + status + " with "
                        + signaturesAfter);
    }

    private int actions() {
        return (int) s.kubernetesChanges().stream().filter(StressStack::isAction).count();
    }

    /** Runs {@code n} calls at the same moment (each on a thread of its own, released together). */
    private static <T> List<T> atOnce(int n, Supplier<T> call) {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.get();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("concurrent calls failed: " + e, e);
        } finally {
            threads.shutdownNow();
        }
    }
}
