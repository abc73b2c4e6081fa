package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.testing.HostileWebhooks;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code ./awoooi stress faults}: the loop under faults, one after the other, each while alerts
 * arrive and (for the cluster and the executor) while an approved action is carried out:
 * <ol>
 *   <li>the incidents queue refuses every message (SQS 500) for longer than the redrive policy
 *       allows: the Privacy Shield's messages end in the raw-alerts dead-letter queue, later moved
 *       back with {@code redrive};
 *   <li>DynamoDB stopped mid-flow;
 *   <li>SQS stopped mid-flow (every connection reset);
 *   <li>the model hangs, answers 500, answers garbage;
 *   <li>the Kubernetes API answers 500, then hangs, each while an approved restart is executed;
 *   <li>function JVMs killed: the executor right after its action reached the cluster and before it
 *       recorded it, the redaction, the analysis and the intake mid-flow.
 * </ol>
 * Afterwards (faults off, pipeline settled, dead-letter queues redriven once SQS's 5-minute
 * deduplication window has passed): every accepted alert is analysed, or parked visibly on its
 * incident, or was dead-lettered with its reason in the consumer's log; no action reached the
 * cluster twice (one change request per EXECUTED execution, at most one {@code executed} per
 * timeline); no execution without its quorum of approvals; and the leak scan finds nothing.
 */
final class StressFaults {

    private static final List<String> SIGNERS = TracerBullet.DEMO_SIGNERS;
    /** SQS drops a FIFO message whose deduplication id it saw within 5 minutes: a redrive waits this long. */
    private static final Duration DEDUPLICATION_WINDOW = Duration.ofSeconds(330);

    /** The faults, in the order a full run injects them. */
    enum Phase {
        INCIDENTS_QUEUE_REFUSES,
        DYNAMODB_DOWN,
        SQS_DOWN,
        MODEL_HANGS,
        MODEL_500,
        MODEL_GARBAGE,
        KUBERNETES_500,
        KUBERNETES_TIMEOUT,
        KILLS
    }

    /** One accepted alert and the phase it was sent in. */
    record Tracked(String phase, String incidentId) {
    }

    private final StressStack s;
    private final PrintStream out;
    private final StressReport report = new StressReport("faults");
    private final HostileWebhooks alerts = HostileWebhooks.uniqueGroups(0xFA17L, "faults");
    private final List<Tracked> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, String> phases = new LinkedHashMap<>();
    private int next;
    private long deadLetterFaultStarted;

    private final java.util.Set<Phase> selected;

    /** Every fault, one after the other. */
    StressFaults(StressStack stack, PrintStream out) {
        this(stack, out, java.util.EnumSet.allOf(Phase.class));
    }

    /** The faults of {@code selected} (in the order of {@link Phase}). */
    StressFaults(StressStack stack, PrintStream out, java.util.Set<Phase> selected) {
        this.s = stack;
        this.out = out;
        this.selected = java.util.EnumSet.copyOf(selected);
    }

    StressReport run() {
        long started = System.nanoTime();
        KubernetesClient k8s = s.stack().kubernetes().orElseThrow(() -> new IllegalStateException(
                "the faults run needs the local demo cluster"));
        int v = s.options().visibilitySeconds;
        report.figure("visibility timeout of the queues (stress template)", v + " s, the executions queue "
                + StressTemplate.executionsVisibility(v) + " s");

        for (Phase phase : selected) {
            switch (phase) {
                case INCIDENTS_QUEUE_REFUSES -> incidentsQueueRefuses(v);
                case DYNAMODB_DOWN -> dynamoDbDown();
                case SQS_DOWN -> sqsDown();
                case MODEL_HANGS -> model(ModelStub.Mode.HANG, "the model hangs");
                case MODEL_500 -> model(ModelStub.Mode.ERROR_500, "the model answers 500");
                case MODEL_GARBAGE -> model(ModelStub.Mode.GARBAGE, "the model answers garbage");
                case KUBERNETES_500 -> kubernetesDuringExecution(k8s, FaultProxy.Mode.ERROR_500, Duration.ofSeconds(15),
                        "the Kubernetes API answers 500");
                case KUBERNETES_TIMEOUT -> kubernetesDuringExecution(k8s, FaultProxy.Mode.HANG, Duration.ofSeconds(25),
                        "the Kubernetes API times out");
                case KILLS -> kills(k8s);
            }
        }

        // ------------------------------------------------------------ after the faults
        out.println("faults: all faults off; waiting for the pipeline");
        boolean quiet = s.awaitQuiet(Duration.ofMinutes(10), line -> out.println("faults: " + line));
        report.check(quiet, "the pipeline did not settle within 10 minutes after the faults");
        Map<String, String> before = verdicts("before the redrive");
        Map<String, List<Message>> dead = s.deadLettered();
        Map<String, Integer> dlq = new LinkedHashMap<>();
        dead.forEach((q, m) -> dlq.put(q, m.size()));
        report.figure("dead-letter queues after the faults", dlq);
        report.figure("dead-lettered messages with their reason in the consumer's log", reasons(dead));

        // ------------------------------------------------------------ redrive
        int moved = 0;
        if (dead.values().stream().anyMatch(m -> !m.isEmpty())) {
            long wait = deadLetterFaultStarted + DEDUPLICATION_WINDOW.toNanos() - System.nanoTime();
            if (wait > 0) {
                out.printf("faults: waiting %d s for SQS's 5-minute deduplication window before the redrive%n",
                        wait / 1_000_000_000L);
                StressStack.sleep(Duration.ofNanos(wait));
            }
            for (QueueRedrive.Pair pair : s.stack().queueRedrive().pairs()) {
                if (!dead.getOrDefault(pair.deadLetterQueue(), List.of()).isEmpty()) {
                    moved += s.stack().redrive(pair.deadLetterQueue());
                }
            }
            s.awaitQuiet(Duration.ofMinutes(5), line -> out.println("faults: " + line));
        }
        report.figure("messages redriven", moved);
        Map<String, String> after = moved > 0 ? verdicts("after the redrive") : before;
        for (Tracked t : List.copyOf(accepted)) {
            String verdict = after.get(t.incidentId());
            if (!"analysed".equals(verdict) && !verdict.startsWith("failed")) {
                report.violation("incident " + t.incidentId() + " (" + t.phase() + ") ended " + verdict);
            }
        }
        int survived = 0;
        for (String phase : phases.keySet()) {
            boolean ok = accepted.stream().filter(t -> t.phase().equals(phase))
                    .allMatch(t -> "analysed".equals(after.get(t.incidentId())));
            phases.put(phase, phases.get(phase) + (ok ? ", every alert analysed" : ", NOT every alert analysed"));
            survived += ok ? 1 : 0;
        }
        report.figure("phases", phases);
        report.figure("faults survived", survived + " / " + phases.size());
        report.check(survived == phases.size(), (phases.size() - survived) + " fault phase(s) left alerts unanalysed");

        executions();

        LeakScan leaks = s.scanEverything(20);
        leaks.print("faults: leak scan", out);
        report.figure("leaks", leaks.leaks());
        if (leaks.leaks() > 0) {
            leaks.examples().forEach(e -> report.violation("leak: " + e));
        }
        report.figure("intake answers during the run (status: count)", statuses);
        report.figure("model calls by mode", s.model().answered());
        report.figure("took", StressStack.seconds(started));
        return report;
    }

    // ------------------------------------------------------------------ phases

    private void incidentsQueueRefuses(int v) {
        String phase = "the incidents queue refuses every message (SQS 500)";
        out.println("faults: " + phase);
        deadLetterFaultStarted = System.nanoTime();
        s.sqsProxy().mode(FaultProxy.Mode.ERROR_500, s.stack().resources().queueName("IncidentsQueue"));
        List<String> ids = sendNow(phase, 3);
        long deadline = System.nanoTime() + Duration.ofSeconds(6L * v + 90).toNanos();
        while (s.depth("RawAlertsDLQ") < ids.size() && System.nanoTime() < deadline) {
            StressStack.sleep(Duration.ofSeconds(2));
        }
        s.sqsProxy().mode(FaultProxy.Mode.PASS);
        phases.put(phase, ids.size() + " alerts; raw-alerts DLQ " + s.depth("RawAlertsDLQ") + " after "
                + StressStack.seconds(deadLetterFaultStarted));
    }

    /**
     * Alerts in flight when the fault starts (the first accepted, the pipeline working on it) and more
     * arriving during it (intake answers 503, the sender retries as Alertmanager does).
     */
    private void midFlow(String phase, Runnable faultOn, Runnable faultOff) {
        out.println("faults: " + phase);
        long failuresBefore = s.consumerFailures();
        CompletableFuture<List<String>> before = CompletableFuture.supplyAsync(() -> sendNow(phase, 3));
        awaitFirst(phase);
        faultOn.run();
        CompletableFuture<List<String>> during = CompletableFuture.supplyAsync(() -> sendNow(phase, 2));
        StressStack.sleep(Duration.ofSeconds(8));
        faultOff.run();
        int sent = before.join().size() + during.join().size();
        s.awaitQuiet(Duration.ofMinutes(3), line -> out.println("faults: " + line));
        phases.put(phase, sent + " alerts; " + (s.consumerFailures() - failuresBefore) + " consumer failures retried");
    }

    private void dynamoDbDown() {
        midFlow("DynamoDB stopped mid-flow (8 s)", () -> s.stack().dynamoDown(), s::dynamoUp);
    }

    private void sqsDown() {
        midFlow("SQS stopped mid-flow (8 s, every connection reset)", () -> s.sqsProxy().mode(FaultProxy.Mode.DOWN),
                () -> s.sqsProxy().mode(FaultProxy.Mode.PASS));
    }

    private void model(ModelStub.Mode mode, String phase) {
        out.println("faults: " + phase);
        long callsBefore = s.model().calls();
        s.model().mode(mode);
        List<String> ids = sendNow(phase, 3);
        for (String id : ids) {
            s.awaitIncident(id, Duration.ofSeconds(120), i -> i.has("analysis") || i.has("failure"));
        }
        s.model().mode(ModelStub.Mode.OK);
        phases.put(phase, ids.size() + " alerts; " + (s.model().calls() - callsBefore) + " model calls");
    }

    /** An approved restart carried out while the Kubernetes API is broken for {@code length}. */
    private void kubernetesDuringExecution(KubernetesClient k8s, FaultProxy.Mode mode, Duration length, String phase) {
        out.println("faults: " + phase);
        Optional<String> target = approvableIncident(k8s, phase);
        s.kubernetesProxy().mode(mode);
        CompletableFuture<List<String>> sending = CompletableFuture.supplyAsync(() -> sendNow(phase, 2));
        String approved = target.map(id -> approve(id) ? "approved during the fault" : "approval failed")
                .orElse("no approval");
        StressStack.sleep(length);
        s.kubernetesProxy().mode(FaultProxy.Mode.PASS);
        int sent = sending.join().size();
        String execution = executionEnd(target);
        phases.put(phase,
                (sent + (target.isPresent() ? 1 : 0)) + " alerts; an execution " + approved + ", ended " + execution);
    }

    private void kills(KubernetesClient k8s) {
        String phase = "function JVMs killed (executor between action and record; redaction, analysis, intake mid-flow)";
        out.println("faults: " + phase);
        Optional<String> target = approvableIncident(k8s, phase);
        AtomicReference<String> killed = new AtomicReference<>("the executor was not killed");
        s.onKubernetesChange(c -> c.startsWith("DELETE ") && c.contains("/pods/"),
                () -> killed.set(s.kill("ExecutorFunction")
                        .map(pid -> "the executor killed right after its DELETE reached the cluster")
                        .orElse("no executor JVM to kill")));
        target.ifPresent(this::approve);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (killed.get().startsWith("the executor was not") && System.nanoTime() < deadline) {
            StressStack.sleep(Duration.ofMillis(200));
        }
        CompletableFuture<List<String>> sending = CompletableFuture.supplyAsync(() -> sendNow(phase, 4));
        awaitFirst(phase);
        List<String> others = new ArrayList<>();
        for (String function : List.of("RedactionFunction", "AnalysisFunction", "IntakeFunction")) {
            StressStack.sleep(Duration.ofMillis(700));
            s.kill(function).ifPresent(pid -> others.add(function));
        }
        int sent = sending.join().size();
        String execution = executionEnd(target);
        phases.put(phase,
                (sent + (target.isPresent() ? 1 : 0)) + " alerts; " + killed.get() + " (execution ended " + execution
                        + "); killed mid-flow " + others);
    }

    /** How the target incident's execution ended (EXECUTED, VOIDED, FAILED), or "none" within the deadline. */
    private String executionEnd(Optional<String> target) {
        return target.flatMap(id -> s.awaitIncident(id, executionDeadline(),
                i -> i.path("execution").path("status").asText().matches("EXECUTED|VOIDED|FAILED")))
                .map(i -> i.path("execution").path("status").asText("none"))
                .orElse("none");
    }

    /**
     * How long an execution may take to end after a fault: an order that met the claim lease of an
     * attempt that failed or died (2 minutes) is received again every executions-queue visibility
     * timeout, 5 times at most.
     */
    private Duration executionDeadline() {
        return Duration.ofSeconds(5L * StressTemplate.executionsVisibility(s.options().visibilitySeconds) + 60);
    }

    /**
     * Breaks the demo database (so that the analysis proposes its restart), sends an alert and waits
     * for its approval links; the incident, or empty when no request came.
     */
    private Optional<String> approvableIncident(KubernetesClient k8s, String phase) {
        DemoFaults.breakDemoDatabase(k8s);
        StressStack.sleep(Duration.ofMillis(2_500)); // the analysis reads the topology at most every 2 s locally
        List<String> ids = sendNow(phase, 1);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> links = s.awaitLinks(ids.get(0), SIGNERS, Duration.ofSeconds(90));
        if (!links.keySet().containsAll(SIGNERS)) {
            report.violation(phase + ": no approval links for incident " + ids.get(0) + " within 90 s (links: "
                    + links.keySet() + ")");
            return Optional.empty();
        }
        return Optional.of(ids.get(0));
    }

    /** alice and bob approve the incident's request; true when both were recorded. */
    private boolean approve(String incidentId) {
        Map<String, String> links = s.approvalLinks(incidentId);
        boolean ok = true;
        for (String signer : SIGNERS) {
            StressStack.Answer answer = s.decide(links.get(signer), "approve");
            ok &= answer.status() == 200;
        }
        return ok;
    }

    /** Sends {@code n} alerts as Alertmanager would (retrying 5xx up to 3 minutes each); the accepted incident ids. */
    private List<String> sendNow(String phase, int n) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            HostileWebhooks.Body body;
            synchronized (this) {
                body = alerts.innocent(next++);
            }
            s.leaks().plant(body.planted());
            StressStack.Answer answer = s.postAsAlertmanager(body.bytes(), Duration.ofMinutes(3), statuses);
            if (answer.status() == 202) {
                String id = answer.json().path("incidentId").asText();
                accepted.add(new Tracked(phase, id));
                ids.add(id);
            } else {
                report.violation(phase + ": an alert was never accepted (last answer " + answer.status() + ")");
            }
        }
        return ids;
    }

    private void awaitFirst(String phase) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (accepted.stream().noneMatch(t -> t.phase().equals(phase)) && System.nanoTime() < deadline) {
            StressStack.sleep(Duration.ofMillis(100));
        }
    }

    // ------------------------------------------------------------------ checks

    /** Each accepted incident: analysed, failed (visible), dead-lettered, or unfinished. */
    private Map<String, String> verdicts(String when) {
        Map<String, String> deadIncidents = new LinkedHashMap<>();
        s.deadLettered().forEach((q, messages) -> messages.forEach(m -> StressStack.incidentIdOf(m)
                .ifPresent(id -> deadIncidents.put(id, q))));
        Map<String, String> verdicts = new LinkedHashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Tracked t : List.copyOf(accepted)) {
            JsonNode incident = s.incident(t.incidentId()).orElse(null);
            String verdict = incident == null ? "unreadable"
                    : incident.has("analysis") ? "analysed"
                            : incident.has("failure") ? "failed (visible on the incident)"
                                    : deadIncidents.containsKey(t.incidentId())
                                            ? "dead-lettered (" + deadIncidents.get(t.incidentId()) + ")"
                                            : "unfinished";
            verdicts.put(t.incidentId(), verdict);
            counts.merge(verdict, 1, Integer::sum);
        }
        report.figure("accepted alerts " + when, accepted.size() + " " + counts);
        return verdicts;
    }

    private static final Pattern REASON = Pattern.compile("message=(\\S+) failed[^(]*\\(([^):]+)");

    /** For each dead-lettered message, the failure its consumer logged (by class), or "no reason logged". */
    private Map<String, Integer> reasons(Map<String, List<Message>> dead) {
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, String> consumer = Map.of("RawAlertsDLQ", "RedactionFunction", "IncidentsDLQ", "AnalysisFunction",
                "ExecutionsDLQ", "ExecutorFunction", "VerificationDLQ", "ExecutorFunction");
        dead.forEach((queue, messages) -> {
            for (Message m : messages) {
                List<String> lines = s.logLines(consumer.get(queue), "message=" + m.messageId());
                String reason = "no reason logged";
                for (String line : lines) {
                    Matcher r = REASON.matcher(line);
                    if (r.find()) {
                        reason = r.group(2).trim();
                    }
                }
                reasons.merge(queue + ": " + reason, 1, Integer::sum);
                if (reason.equals("no reason logged")) {
                    report.violation(queue + " holds message " + m.messageId() + " without a reason in the "
                            + consumer.get(queue) + " log");
                }
            }
        });
        return reasons;
    }

    /**
     * No action twice, none unapproved: every execution's request has its quorum of approvals; at most
     * one {@code executed} on any timeline; the change requests that reached the cluster (the access
     * reviews of the dry-run aside) are at most one per execution that may have acted (EXECUTED, or
     * ended by a later attempt after one that may have acted before it died or failed), and so never
     * more than the approved executions. An action that reached the cluster under an execution not
     * recorded EXECUTED is a finding: nothing ran twice, but the record says less than happened.
     */
    private void executions() {
        int executed = 0;
        int mayHaveActed = 0;
        int withExecution = 0;
        Map<String, Integer> ends = new TreeMap<>();
        for (String id : accepted.stream().map(Tracked::incidentId).distinct().toList()) {
            JsonNode incident = s.incident(id).orElse(null);
            if (incident == null || !incident.has("execution")) {
                continue;
            }
            withExecution++;
            JsonNode execution = incident.path("execution");
            String status = execution.path("status").asText();
            int attempt = execution.path("attempt").asInt(1);
            ends.merge(status + (attempt > 1 ? " (attempt " + attempt + ")" : ""), 1, Integer::sum);
            executed += status.equals("EXECUTED") ? 1 : 0;
            mayHaveActed += status.equals("EXECUTED") || attempt > 1 ? 1 : 0;
            JsonNode approval = incident.path("approval");
            int required = approval.path("required").path("count").asInt(-1);
            int approvals = 0;
            for (JsonNode sig : approval.path("signatures")) {
                approvals += sig.path("decision").asText().equals("approve") ? 1 : 0;
            }
            report.check(required >= 0 && approvals >= required,
                    "incident " + id + ": an execution (" + status + ") with "
                            + approvals + " approval(s) of " + required + " required");
            int onTimeline = 0;
            for (JsonNode op : incident.path("timeline")) {
                onTimeline += op.path("type").asText().equals("executed") ? 1 : 0;
            }
            report.check(onTimeline <= 1, "incident " + id + ": " + onTimeline + " 'executed' entries on its timeline");
        }
        List<String> actions = s.kubernetesChanges().stream().filter(StressStack::isAction).toList();
        report.figure("executions by end", ends);
        report.figure("approved executions", withExecution);
        report.figure("change requests that reached the cluster", actions.size() + " " + summary(actions));
        report.check(actions.size() <= mayHaveActed, actions.size() + " change request(s) reached the cluster for "
                + mayHaveActed + " execution(s) that may have acted (" + executed
                + " EXECUTED): an action ran twice or unapproved");
        if (actions.size() != executed) {
            report.finding(actions.size() + " change request(s) reached the cluster, " + executed
                    + " execution(s) are recorded"
                    + " EXECUTED: an attempt acted and died (or failed) before recording it, and the attempt that took its claim"
                    + " over did not find the action done (restart_pod: alreadyApplied takes a pod younger than 2 minutes for the"
                    + " replacement, and the takeover comes no earlier than the end of the 2-minute claim lease), so it ended the"
                    + " execution otherwise (VOIDED: 'nothing was done'). The pod was restarted once; the record says it was not.");
        }
    }

    private static Map<String, Integer> summary(List<String> actions) {
        Map<String, Integer> out = new TreeMap<>();
        actions.forEach(a -> out.merge(a.replaceAll("/[^/]*$", "/<name>").replaceAll("\\?.*", ""), 1, Integer::sum));
        return out;
    }
}
