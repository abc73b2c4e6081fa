package io.awoooi.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbAiOutcomes;
import io.awoooi.aws.DynamoDbAiTraceSink;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbLeakAudit;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.SqsVerificationQueue;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.drift.AcceptDrift;
import io.awoooi.core.drift.DecideDrift;
import io.awoooi.core.drift.DriftChoice;
import io.awoooi.core.drift.DriftNarration;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.DriftReport;
import io.awoooi.core.drift.DriftScan;
import io.awoooi.core.drift.NotifyDrift;
import io.awoooi.core.drift.RollbackDrift;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.Outcome;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerifyExecution;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.DeterministicNarrator;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.privacy.PiiScanner;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.kube.KubernetesActions;
import io.awoooi.kube.KubernetesDriftSource;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.kube.KubernetesRestores;
import io.awoooi.kube.NamespaceSelection;
import io.awoooi.wiring.ApprovalParts;
import io.awoooi.testing.LocalAws;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accept and Rollback links of a drift message, end to end on the fabric8 mock server (CRUD),
 * dynalite and ElasticMQ, with the real adapters: the scan notifies with signed links, Accept stores
 * the baseline, Rollback becomes a restore_fields approval request that is approved, executed with its
 * TOCTOU check and verified; the narrator's AI traces get their outcome; refused links change nothing;
 * an env var's secret value is never in a request, card or notification.
 */
class DriftDecisionsTest {
    private static final String DECLARED_SECRET = "declared-Secret-Value-4f1c";
    private static final String LIVE_SECRET = "hand-edited-Secret-Value-9a7e";
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger
            .getLogger("io.fabric8.mockwebserver");

    static LocalAws aws;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static Map<String, String> config;
    static final List<Object[]> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        Thread.currentThread().setContextClassLoader(DriftDecisionsTest.class.getClassLoader());
        aws = LocalAws.start();
        config = aws.functionConfig();
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        var expectations = new java.util.HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(),
                expectations, new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(expectations),
                false);
        server.init();
        client = server.createClient();
        // the dry-run's RBAC check: the API server allows everything here
        io.awoooi.kube.LocalAccessReviews.answer(server);
    }

    /**
     * A Quarkus test of this module may have left its class loader as the thread's: fabric8's
     * deserializer would then see its model classes twice ("not a subtype").
     */
    @org.junit.jupiter.api.BeforeEach
    void ownClassLoader() {
        Thread.currentThread().setContextClassLoader(DriftDecisionsTest.class.getClassLoader());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.destroy();
        aws.close();
    }

    // ------------------------------------------------------------------ wiring, as the functions do it

    private static String table() {
        return config.get("state.table");
    }

    private static DynamoDbDriftStore store() {
        return new DynamoDbDriftStore(aws.dynamo().client(), table());
    }

    private static Supplier<ApprovalDesk> desks() {
        NotificationChannel capture = new NotificationChannel() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public Optional<String> addressOf(Approver approver) {
                return Optional.of(approver.id());
            }

            @Override
            public void deliver(String address, Notification notification) {
                sent.add(new Object[] {address, notification});
            }
        };
        var dynamo = aws.dynamo().client();
        return new ApprovalParts(ApprovalParts.Settings.fromConfig(name -> Optional.ofNullable(config.get(name)),
                ApprovalParts.Links.ISSUE), dynamo, List.of(capture),
                new LeakGuard(new PiiScanner(), new DynamoDbLeakAudit(dynamo, table()), Clock.systemUTC()),
                Clock.systemUTC())
                .desks(io.awoooi.aws.SqsExecutionQueue.fromConfig(name -> Optional.ofNullable(config.get(name)),
                        aws.sqs().client()));
    }

    private static KubernetesRestores restores() {
        return new KubernetesRestores(client, store()::find, DriftPolicy.defaults());
    }

    private static DriftRedaction redaction() {
        return new DriftRedaction(new Pseudonymizer(new PiiScanner(), false));
    }

    private static NotifyDrift notifyDrift(String namespace) {
        var dynamo = aws.dynamo().client();
        var source = new KubernetesDriftSource(client, NamespaceSelection.of(List.of(namespace)));
        var narration = new DriftNarration(new DeterministicNarrator(), new DynamoDbAiTraceSink(dynamo, table()),
                new DynamoDbOperationLog(dynamo, table()), redaction(), Duration.ofSeconds(10), Clock.systemUTC());
        return new NotifyDrift(new DriftScan(source, store(), store(), DriftPolicy.defaults(), Clock.systemUTC()),
                narration,
                desks(), Duration.ofHours(24));
    }

    private static DecideDrift decideDrift(ApprovalDesk desk) {
        var dynamo = aws.dynamo().client();
        var source = new KubernetesDriftSource(client, NamespaceSelection.all());
        var accept = new AcceptDrift(store(), store(), source, new DynamoDbAiOutcomes(dynamo, table()),
                new DynamoDbOperationLog(dynamo, table()), Clock.systemUTC());
        var rollback = new RollbackDrift(desk, new KubernetesDryRun(client).withRestores(restores()), new RiskPolicy(),
                Duration.ofMinutes(30), store(), source, redaction());
        return new DecideDrift(desk, store(), store(), accept, rollback);
    }

    private static ExecuteApproved executor(ApprovalDesk desk) {
        var dynamo = aws.dynamo().client();
        return new ExecuteApproved(desk.ledger(), desk.notices(), new DynamoDbExecutionStore(dynamo, table()),
                new KubernetesDryRun(client).withRestores(restores()),
                new KubernetesActions(client).withRestores(restores()), (subject, text) -> text,
                new SqsVerificationQueue(aws.sqs().client(), config.get("verification.queue.url")), Duration.ZERO,
                ExecuteApproved.DEFAULT_LEASE).withAiOutcomes(new DynamoDbAiOutcomes(dynamo, table()));
    }

    private static VerifyExecution verifier(ApprovalDesk desk) {
        var dynamo = aws.dynamo().client();
        return new VerifyExecution(desk.ledger(), desk.notices(), new DynamoDbExecutionStore(dynamo, table()),
                new DynamoDbIncidentStore(dynamo, table()),
                new KubernetesActions(client).withRestores(restores()), (subject, text) -> text,
                new DynamoDbAiOutcomes(dynamo, table()));
    }

    // ------------------------------------------------------------------ the cluster

    /** A namespace of its own with a Deployment as kubectl apply left it, then changed by hand. */
    private static String drifted(String name) {
        String ns = "t" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        Deployment declared = deployment(ns, name, "registry.example/" + name + ":1.0", 2, DECLARED_SECRET);
        String json = client.getKubernetesSerialization().asJson(declared);
        client.resource(
                new DeploymentBuilder(deployment(ns, name, "registry.example/" + name + ":1.0-hotfix", 5, LIVE_SECRET))
                        .editMetadata().addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", json)
                        .endMetadata()
                        .build())
                .create();
        return ns;
    }

    private static Deployment deployment(String ns, String name, String image, int replicas, String token) {
        return new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).addNewEnv().withName("API_TOKEN")
                .withValue(token).endEnv().endContainer().endSpec().endTemplate().endSpec().build();
    }

    /**
     * A plain DELETE: the client's own would parse the answer with fabric8's polymorphic deserializer,
     * which a Quarkus test of this module in the same JVM leaves seeing its classes twice.
     */
    private static void deleteDeployment(String ns, String name) {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    server.url("/apis/apps/v1/namespaces/" + ns + "/deployments/" + name))).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(live(ns, name)).isNull();
    }

    private static Deployment live(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    // ------------------------------------------------------------------ links

    private static List<Notification> to(String who, String kind, String subject) {
        return sent.stream().filter(o -> o[0].equals(who)).map(o -> (Notification) o[1])
                .filter(n -> n.kind().equals(kind) && n.incidentId().equals(subject)).toList();
    }

    private static String button(DriftReport report, String who, String label) {
        return to(who, NotifyDrift.KIND, report.id()).getFirst().card().orElseThrow().buttons().stream()
                .filter(b -> b.label().startsWith(label)).findFirst().orElseThrow().url();
    }

    private static String id(String link) {
        return link.substring(link.indexOf("/decisions/") + "/decisions/".length(), link.indexOf('?'));
    }

    private static String token(String link) {
        return URLDecoder.decode(link.substring(link.indexOf("?t=") + 3), StandardCharsets.UTF_8);
    }

    private static String approvalToken(String subject, String who) {
        String link = to(who, "approval_requested", subject).getFirst().links().getFirst().url();
        return token(link);
    }

    private static List<String> tracesOutcomes(String reportId) {
        return new DynamoDbAiTraceSink(aws.dynamo().client(), table()).of(reportId).stream()
                .filter(t -> t.agent().equals("drift_narrator")).map(AiTrace::actionOutcome).toList();
    }

    // ------------------------------------------------------------------ scenarios

    @Test
    void rollback_approvedAndExecuted_fieldsRestored_traceRolledBack_secretNowhere() {
        // GIVEN image, replicas and a secret env var changed by hand, and the scan's message with links;
        // every log record of this JVM at the default level kept (java.util.logging: the core, the adapters)
        List<String> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Handler keep = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(r) + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        keep.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger.getLogger("").addHandler(keep);
        String ns = drifted("checkout");
        DriftReport report = notifyDrift(ns).run().report();
        String rollback = button(report, "alice", "Rollback ");
        assertThat(rollback).startsWith(LocalAws.PUBLIC_BASE_URL + "/v1/drift/decisions/");
        ApprovalDesk desk = desks().get();

        // WHEN alice clicks Rollback
        var decided = decideDrift(desk).decide(id(rollback), token(rollback), LocalAws.PUBLIC_BASE_URL);

        // THEN a restore_fields request names the drifted fields (names only) and waits for a signature
        assertThat(decided).isInstanceOf(DecideDrift.Result.Shown.class);
        String subject = RollbackDrift.subjectFor(report.id(), "Deployment/" + ns + "/checkout");
        ApprovalRequest request = desk.store().find(ApprovalRequest.idFor(subject)).orElseThrow();
        assertThat(request.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(request.quorum().automatic()).isFalse();
        assertThat(request.action().params().get("fields")).isEqualTo("spec.replicas,"
                + "spec.template.spec.containers[app].env[API_TOKEN],spec.template.spec.containers[app].image");
        assertThat(request.dryRun().passed()).as(request.dryRun().toString()).isTrue();

        // WHEN alice approves through her approval link and the executor runs the order
        var signed = new DecideApproval(desk).decide(request.id(), approvalToken(subject, "alice"), Decision.APPROVE);
        assertThat(signed).isInstanceOf(DecideApproval.Result.Shown.class);
        ApprovalRequest approved = desk.store().find(request.id()).orElseThrow();
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(report.id()).isNotNull();
        var executed = executor(desk).execute(ExecutionOrder.of(approved, approved.updatedAt()));

        // THEN the workload is as declared again, the check finds it EFFECTIVE and the trace says rolled_back
        assertThat(executed).as(executed.toString()).isInstanceOf(ExecuteApproved.Result.Executed.class);
        Deployment after = live(ns, "checkout");
        assertThat(after.getSpec().getReplicas()).isEqualTo(2);
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("registry.example/checkout:1.0");
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().getFirst().getValue())
                .isEqualTo(DECLARED_SECRET);
        var verified = verifier(desk).verify(new VerificationOrder(request.id(), subject));
        assertThat(verified).isInstanceOfSatisfying(VerifyExecution.Result.Verified.class,
                v -> assertThat(v.outcome()).isEqualTo(Outcome.EFFECTIVE));
        assertThat(tracesOutcomes(report.id())).isNotEmpty().containsOnly(ExecuteApproved.ROLLED_BACK);
        assertThat(notifyDrift(ns).run().report().workloads()).isEmpty();

        // AND neither secret value is in the request, a card or any notification
        String everything = desk.store().find(request.id()).orElseThrow().toString() + sent.stream()
                .map(o -> ((Notification) o[1]).subject() + ((Notification) o[1]).text() + ((Notification) o[1]).card())
                .toList();
        assertThat(everything).doesNotContain(DECLARED_SECRET, LIVE_SECRET);
        java.util.logging.Logger.getLogger("").removeHandler(keep);
        assertThat(String.join("\n", logged)).doesNotContain(DECLARED_SECRET, LIVE_SECRET);
    }

    @Test
    void accept_baselineStored_nextScanClean_traceAcceptedChange_linkSingleUse() {
        // GIVEN a drifted workload and the scan's message
        String ns = drifted("cart");
        DriftReport report = notifyDrift(ns).run().report();
        String accept = button(report, "alice", "Accept ");
        ApprovalDesk desk = desks().get();

        // WHEN alice accepts
        var decided = decideDrift(desk).decide(id(accept), token(accept), LocalAws.PUBLIC_BASE_URL);

        // THEN the baseline is stored with who accepted, the next scan is clean, the trace says accepted_change
        assertThat(decided).isInstanceOfSatisfying(DecideDrift.Result.Shown.class, s -> {
            assertThat(s.choice()).isEqualTo(DriftChoice.ACCEPT);
            assertThat(s.repeated()).isFalse();
        });
        var baseline = store().find(new io.awoooi.core.drift.WorkloadRef("Deployment", ns, "cart")).orElseThrow();
        assertThat(baseline.acceptedBy()).isEqualTo("alice");
        assertThat(notifyDrift(ns).run().report().workloads()).isEmpty();
        assertThat(tracesOutcomes(report.id())).isNotEmpty().containsOnly(AcceptDrift.OUTCOME);

        // AND the same link again answers the decision as it stands; bob's Rollback of it is a conflict
        assertThat(decideDrift(desk).decide(id(accept), token(accept), LocalAws.PUBLIC_BASE_URL))
                .isInstanceOfSatisfying(DecideDrift.Result.Shown.class, s -> assertThat(s.repeated()).isTrue());
        String bobs = button(report, "bob", "Rollback ");
        assertThat(decideDrift(desk).decide(id(bobs), token(bobs), LocalAws.PUBLIC_BASE_URL))
                .isInstanceOf(DecideDrift.Result.Conflict.class);
        assertThat(desk.store()
                .find(ApprovalRequest.idFor(RollbackDrift.subjectFor(report.id(), "Deployment/" + ns + "/cart"))))
                .isEmpty();
    }

    @Test
    void rollback_workloadChangedAfterApproval_voided_noOutcome() {
        // GIVEN a rollback request approved by alice
        String ns = drifted("orders");
        DriftReport report = notifyDrift(ns).run().report();
        String rollback = button(report, "alice", "Rollback ");
        ApprovalDesk desk = desks().get();
        decideDrift(desk).decide(id(rollback), token(rollback), LocalAws.PUBLIC_BASE_URL);
        String subject = RollbackDrift.subjectFor(report.id(), "Deployment/" + ns + "/orders");
        String requestId = ApprovalRequest.idFor(subject);
        new DecideApproval(desk).decide(requestId, approvalToken(subject, "alice"), Decision.APPROVE);
        ApprovalRequest approved = desk.store().find(requestId).orElseThrow();

        // WHEN someone scales it by hand before the executor runs
        client.apps().deployments().inNamespace(ns).withName("orders").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        var result = executor(desk).execute(ExecutionOrder.of(approved, approved.updatedAt()));

        // THEN the approval is VOIDED, nothing was written, no outcome is set
        assertThat(result).isInstanceOf(ExecuteApproved.Result.Voided.class);
        assertThat(live(ns, "orders").getSpec().getReplicas()).isEqualTo(7);
        assertThat(live(ns, "orders").getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .endsWith("-hotfix");
        assertThat(tracesOutcomes(report.id())).allMatch(o -> o == null || o.isEmpty());
    }

    @Test
    void links_tamperedReusedOrWorkloadGone_refusedAndNothingChanges() {
        // GIVEN two drifted workloads and their message
        String ns = drifted("search");
        DriftReport report = notifyDrift(ns).run().report();
        String rollback = button(report, "alice", "Rollback ");
        ApprovalDesk desk = desks().get();
        String t = token(rollback);

        // WHEN the token is tampered with, or used for another decision: 403 (Forbidden), nothing stored
        String tampered = t.substring(0, t.length() - 2) + (t.endsWith("A") ? "BB" : "AA");
        assertThat(decideDrift(desk).decide(id(rollback), tampered, LocalAws.PUBLIC_BASE_URL))
                .isInstanceOf(DecideDrift.Result.Forbidden.class);
        String otherDecision = report.id() + ".w0123456789abcdef";
        assertThat(decideDrift(desk).decide(otherDecision, t, LocalAws.PUBLIC_BASE_URL))
                .isInstanceOf(DecideDrift.Result.Forbidden.class);
        assertThat(store().findDecision(id(rollback))).isEmpty();

        // WHEN the workload is deleted before the click: refused (409), no request
        deleteDeployment(ns, "search");
        assertThat(decideDrift(desk).decide(id(rollback), t, LocalAws.PUBLIC_BASE_URL))
                .isInstanceOf(DecideDrift.Result.Conflict.class);
        assertThat(desk.store().find(ApprovalRequest.idFor(RollbackDrift.subjectFor(report.id(),
                "Deployment/" + ns + "/search")))).isEmpty();
        // AND the refused link stays used: the same click again is still a conflict
        assertThat(decideDrift(desk).decide(id(rollback), t, LocalAws.PUBLIC_BASE_URL))
                .isInstanceOf(DecideDrift.Result.Conflict.class);
    }
}
