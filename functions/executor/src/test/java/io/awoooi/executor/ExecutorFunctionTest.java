package io.awoooi.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.aws.DynamoDbExecutionStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbVaultStore;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ApprovalStatus;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.approval.Quorum;
import io.awoooi.core.approval.RiskAssessment;
import io.awoooi.core.execution.ExecutionRecord;
import io.awoooi.core.execution.ExecutionStatus;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.LabelBook;
import io.awoooi.core.shield.Vault;
import io.awoooi.kube.KubernetesDryRun;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor inside Quarkus, fed SQS events through the mock Lambda event server, against dynalite,
 * ElasticMQ and the fabric8 mock server holding the demo cluster: EXECUTED once under redelivery,
 * VOIDED when the state changed, FAILED when RBAC denies, rehydration only here and never logged.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DemoClusterResource.class, restrictToAnnotatedClass = true)
class ExecutorFunctionTest {

    @Inject
    TestKeyRing keys;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
        DemoClusterResource.reviews.allowAll();
    }

    @AfterEach
    void releaseLogs() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    static String table() {
        return LocalAwsResource.aws.resources().tableName("StateTable");
    }

    static DynamoDbApprovalStore approvals() {
        return new DynamoDbApprovalStore(LocalAwsResource.aws.dynamo().client(), table());
    }

    static String newIncident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    /** An APPROVED request with the dry-run the approvers saw, taken from the cluster now. */
    static ApprovalRequest approved(String incident, ProposedAction action) {
        return approved(incident, action, action);
    }

    /** {@code dryRunOn}: the real objects the analysis dry-ran for a labelled action (its names mapped in memory). */
    static ApprovalRequest approved(String incident, ProposedAction action, ProposedAction dryRunOn) {
        var dryRun = new KubernetesDryRun(DemoClusterResource.client).dryRun(dryRunOn);
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.idFor(incident), incident, "nk-" + incident,
                action, ApprovalRequest.hashOf(action), ActionPattern.of(action),
                new RiskAssessment(action.baseRisk(), RiskLevel.HIGH, List.of("test")), 0,
                Quorum.forLevel(RiskLevel.HIGH),
                dryRun, ApprovalStatus.PENDING, List.of("alice", "bob"), false, Optional.empty(), now,
                now.plusSeconds(1800), now);
        assertThat(approvals().create(request)).isTrue();
        assertThat(approvals().transition(request.id(), ApprovalStatus.PENDING, ApprovalStatus.APPROVED,
                Optional.of("quorum met"), now)).isTrue();
        return approvals().find(request.id()).orElseThrow();
    }

    static JsonPath deliver(String messageId, String body) {
        Map<String, Object> record = Map.of("messageId", messageId, "receiptHandle", "rh-" + messageId, "body", body,
                "eventSource", "aws:sqs", "attributes", Map.of("MessageGroupId", "g"));
        return given().contentType("application/json").body(Map.of("Records", List.of(record)))
                .when().post().then().statusCode(200).extract().jsonPath();
    }

    static ExecutionRecord execution(ApprovalRequest r) {
        return new DynamoDbExecutionStore(LocalAwsResource.aws.dynamo().client(), table()).find(r.id()).orElseThrow();
    }

    static String deploymentPodUid(String prefix) {
        return DemoClusterResource.client.pods().inNamespace("shop").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(prefix)).findFirst()
                .map(p -> p.getMetadata().getUid()).orElse("absent");
    }

    static String restartedBy(String deployment) {
        var d = DemoClusterResource.client.apps().deployments().inNamespace("shop").withName(deployment).get();
        var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("awoooi.io/restarted-by");
    }

    @Test
    void execute_approvedRolloutRestart_executedOnceEvenWhenDeliveredTwice() {
        // GIVEN an approved rollout restart of the auth-service Deployment
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "auth-service", "kind", "deployment")));
        String order = ExecutionOrder.of(r, Instant.now()).toJson();
        // WHEN the order is delivered, then delivered again (SQS at-least-once)
        JsonPath first = deliver("m1", order);
        String restartedAt = DemoClusterResource.client.apps().deployments().inNamespace("shop")
                .withName("auth-service")
                .get().getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt");
        JsonPath second = deliver("m1-again", order);
        // THEN both succeed; the Deployment carries this request's restart once; EXECUTED; one "executed" entry
        assertThat(first.getList("batchItemFailures")).isEmpty();
        assertThat(second.getList("batchItemFailures")).isEmpty();
        assertThat(restartedBy("auth-service")).isEqualTo(r.id());
        assertThat(DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("auth-service").get()
                .getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"))
                .isEqualTo(restartedAt);
        assertThat(execution(r).status()).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(approvals().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
        var trail = new DynamoDbOperationLog(LocalAwsResource.aws.dynamo().client(), table()).trail(incident);
        assertThat(trail).filteredOn(op -> op.type().equals("executed")).hasSize(1);
        // AND the effectiveness check is scheduled on the verification queue
        var sqs = LocalAwsResource.aws.sqs().client();
        var messages = sqs
                .receiveMessage(b -> b.queueUrl(LocalAwsResource.aws.resources().queueUrl("VerificationQueue"))
                        .maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages).anySatisfy(m -> assertThat(m.body()).contains(r.id(), "verify"));
    }

    @Test
    void execute_stateChangedSinceApproval_voidedAndNothingRuns() {
        // GIVEN an approved rollout restart of product-api, then someone scales it
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "product-api", "kind", "deployment")));
        DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("product-api").scale(3);
        // WHEN the order arrives
        JsonPath answer = deliver("m-void", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN VOIDED, the request VOIDED, and the Deployment was not restarted
        assertThat(answer.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).isEqualTo(ExecutionStatus.VOIDED);
        assertThat(execution(r).reason()).get().asString().contains("changed since the approval");
        assertThat(approvals().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(restartedBy("product-api")).isNull();
    }

    @Test
    void execute_rbacDeniedByTheApiServer_failedWithItsReasonAndNothingRuns() {
        // GIVEN an approved restart of a frontend pod, and an API server that no longer lets us delete pods
        String incident = newIncident();
        String pod = DemoClusterResource.client.pods().inNamespace("shop").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).filter(n -> n.startsWith("frontend-")).findFirst().orElseThrow();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", pod)));
        DemoClusterResource.reviews.deny("delete", "pods");
        String uid = DemoClusterResource.client.pods().inNamespace("shop").withName(pod).get().getMetadata().getUid();
        // WHEN the order arrives
        JsonPath answer = deliver("m-rbac", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN FAILED with the RBAC reason, the pod untouched
        assertThat(answer.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution(r).reason()).get().asString().contains("rbac");
        assertThat(approvals().find(r.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(DemoClusterResource.client.pods().inNamespace("shop").withName(pod).get().getMetadata().getUid())
                .isEqualTo(uid);
    }

    @Test
    void execute_labelledParameters_rehydratedHereAndNeverLogged() {
        // GIVEN an approved restart whose pod is a Privacy Shield label the vault holds for the incident
        String incident = newIncident();
        String pod = DemoClusterResource.client.pods().inNamespace("shop").list().getItems().stream()
                .map(p -> p.getMetadata().getName()).filter(n -> n.startsWith("product-api-")).findFirst()
                .orElseThrow();
        Vault vault = new Vault(new DynamoDbVaultStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("VaultTable")), keys, Clock.systemUTC());
        LabelBook book = vault.open(incident);
        String label = book.labelFor(PiiType.POD, pod).text();
        vault.seal(book);
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", label)),
                new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop", "pod", pod)));
        // WHEN the order arrives
        JsonPath answer = deliver("m-label", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN the real pod is gone (restarted), EXECUTED, and no log line names it
        assertThat(answer.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).as(execution(r).reason().orElse("")).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(DemoClusterResource.client.pods().inNamespace("shop").withName(pod).get()).isNull();
        synchronized (logged) {
            assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(pod));
        }
    }

    @Test
    void execute_unknownLabel_failedAndNothingRuns() {
        // GIVEN an approved restart naming a label the vault never sealed for this incident
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", "[POD_9]")));
        // WHEN the order arrives
        JsonPath answer = deliver("m-unknown", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN FAILED, nothing done
        assertThat(answer.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution(r).reason()).get().asString().contains("label");
    }

    // ---------------------------------------------------------------------- rollout_undo, set_resources

    private static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String HASH = "pod-template-hash";
    private static final String APP = "app.kubernetes.io/name";

    /** A pod template of {@code app}: container api with the image and a memory limit. */
    static io.fabric8.kubernetes.api.model.PodTemplateSpec template(String app, String image, String memoryLimit) {
        return new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
                .withNewMetadata().addToLabels(APP, app).endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage(image)
                .withNewResources().addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity(memoryLimit))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("256Mi")).endResources()
                .endContainer().endSpec().build();
    }

    /**
     * A Deployment at revision 2 (image :2) with the ReplicaSets of revisions 1 (image :1) and 2 and
     * two ready pods of revision 2, as the Deployment controller leaves them (the mock server runs none).
     */
    static io.fabric8.kubernetes.api.model.apps.Deployment deploymentWithRevisions(String name) {
        var client = DemoClusterResource.client;
        var deployment = client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withNamespace("shop").withName(name).addToAnnotations(REVISION, "2").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels(APP, name).endSelector()
                .withTemplate(template(name, "ghcr.io/example/" + name + ":2", "512Mi")).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(2)
                .withAvailableReplicas(2).endStatus().build()).create();
        for (int revision = 1; revision <= 2; revision++) {
            String hash = "rev" + revision + "hash";
            var rsTemplate = template(name, "ghcr.io/example/" + name + ":" + revision, "512Mi");
            rsTemplate.getMetadata().getLabels().put(HASH, hash);
            client.resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                    .withNewMetadata().withNamespace("shop").withName(name + "-" + hash)
                    .addToAnnotations(REVISION, Integer.toString(revision))
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                    .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withReplicas(revision == 2 ? 2 : 0)
                    .withNewSelector().addToMatchLabels(APP, name).addToMatchLabels(HASH, hash).endSelector()
                    .withTemplate(rsTemplate).endSpec().build()).create();
        }
        replacePods(name, "rev2hash", null);
        return deployment;
    }

    /**
     * What the Deployment controller does once the template changed: a ReplicaSet of the new template,
     * the pods replaced by two ready ones of it (the first with a container last terminated for
     * {@code terminatedBy}, if given), and the status caught up with the generation.
     */
    static void rolledOut(String name, String terminatedBy) {
        var client = DemoClusterResource.client;
        var deployment = client.apps().deployments().inNamespace("shop").withName(name).get();
        String hash = "rev3hash";
        var rsTemplate = client.getKubernetesSerialization().clone(deployment.getSpec().getTemplate());
        rsTemplate.getMetadata().getLabels().put(HASH, hash);
        client.resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withNamespace("shop").withName(name + "-" + hash).addToAnnotations(REVISION, "3")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .withUid(deployment.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels(APP, name)
                .addToMatchLabels(HASH, hash)
                .endSelector().withTemplate(rsTemplate).endSpec().build()).create();
        replacePods(name, hash, terminatedBy);
        client.apps().deployments().inNamespace("shop").withName(name).editStatus(d -> {
            d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
            d.getStatus().setReplicas(2);
            d.getStatus().setUpdatedReplicas(2);
            d.getStatus().setReadyReplicas(2);
            d.getStatus().setAvailableReplicas(2);
            return d;
        });
    }

    private static void replacePods(String app, String hash, String terminatedBy) {
        var client = DemoClusterResource.client;
        client.pods().inNamespace("shop").withLabel(APP, app).delete();
        for (int i = 1; i <= 2; i++) {
            var status = new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("api").withImage("img")
                    .withReady(true).withRestartCount(i == 1 && terminatedBy != null ? 2 : 0)
                    .withNewState().withNewRunning().withStartedAt("2026-11-25T00:00:00Z").endRunning().endState();
            if (i == 1 && terminatedBy != null) {
                status.withNewLastState().withNewTerminated().withReason(terminatedBy).withExitCode(137).endTerminated()
                        .endLastState();
            }
            client.resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata().withNamespace("shop").withName(app + "-" + hash + "-p" + i)
                    .addToLabels(APP, app).addToLabels(HASH, hash).endMetadata()
                    .withNewSpec().addNewContainer().withName("api").withImage("img").endContainer().endSpec()
                    .withNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addToContainerStatuses(status.build()).endStatus().build()).create();
        }
    }

    static io.fabric8.kubernetes.api.model.Container api(String deployment) {
        return DemoClusterResource.client.apps().deployments().inNamespace("shop").withName(deployment).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static JsonPath verify(String messageId, ApprovalRequest r) {
        return deliver(messageId, new io.awoooi.core.execution.VerificationOrder(r.id(), r.incidentId()).toJson());
    }

    @Test
    void rolloutUndo_approved_restoresThePreviousRevisionOnceAndIsEffectiveWhenRolledOut() {
        // GIVEN checkout at revision 2 (image :2) with revision 1 (image :1) behind it, and an approved rollback
        deploymentWithRevisions("checkout");
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.ROLLOUT_UNDO,
                Map.of("namespace", "shop", "deployment", "checkout")));
        assertThat(r.dryRun().passed()).as(r.dryRun().checks().toString()).isTrue();
        String order = ExecutionOrder.of(r, Instant.now()).toJson();
        // WHEN the order is delivered, then delivered again
        JsonPath first = deliver("m-undo", order);
        var afterFirst = DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("checkout").get();
        JsonPath second = deliver("m-undo-again", order);
        // THEN revision 1's template is back once, marked with the request; EXECUTED
        assertThat(first.getList("batchItemFailures")).isEmpty();
        assertThat(second.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).as(execution(r).reason().orElse("")).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(execution(r).reason()).get().asString().contains("rolled back to revision 1");
        var after = DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("checkout").get();
        assertThat(api("checkout").getImage()).isEqualTo("ghcr.io/example/checkout:1");
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(HASH);
        assertThat(after.getMetadata().getAnnotations()).containsEntry("awoooi.io/rolled-back-by", r.id());
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(afterFirst.getMetadata().getResourceVersion());
        // WHEN the Deployment has rolled out and the effectiveness check comes
        rolledOut("checkout", null);
        JsonPath verified = verify("m-undo-verify", r);
        // THEN EFFECTIVE
        assertThat(verified.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).outcome()).contains(io.awoooi.core.execution.Outcome.EFFECTIVE);
    }

    @Test
    void rolloutUndo_newRolloutSinceTheApproval_voidedAndNothingRuns() {
        // GIVEN an approved rollback of basket, then someone rolls out a new image
        deploymentWithRevisions("basket");
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.ROLLOUT_UNDO,
                Map.of("namespace", "shop", "deployment", "basket", "toRevision", "1")));
        DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("basket").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ghcr.io/example/basket:3");
            return d;
        });
        // WHEN the order arrives
        deliver("m-undo-void", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN VOIDED: the approval was for another state
        assertThat(execution(r).status()).isEqualTo(ExecutionStatus.VOIDED);
        assertThat(api("basket").getImage()).isEqualTo("ghcr.io/example/basket:3");
    }

    @Test
    void setResources_approved_raisesTheLimitAndIsIneffectiveWhenPodsStillGetOomKilled() {
        // GIVEN payments (api memory limit 512Mi) and an approved raise to 1Gi
        deploymentWithRevisions("payments");
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.SET_RESOURCES, Map.of("namespace", "shop",
                "workload", "payments", "container", "api", "resource", "memory", "value", "1Gi")));
        assertThat(r.dryRun().passed()).as(r.dryRun().checks().toString()).isTrue();
        // WHEN the order is delivered
        JsonPath answer = deliver("m-resources", ExecutionOrder.of(r, Instant.now()).toJson());
        // THEN the limit is 1Gi, nothing else moved; EXECUTED
        assertThat(answer.getList("batchItemFailures")).isEmpty();
        assertThat(execution(r).status()).as(execution(r).reason().orElse("")).isEqualTo(ExecutionStatus.EXECUTED);
        assertThat(api("payments").getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(api("payments").getResources().getRequests().get("memory").toString()).isEqualTo("256Mi");
        // WHEN it rolled out but a pod of the new template was OOMKilled again, and the check comes
        rolledOut("payments", "OOMKilled");
        verify("m-resources-verify", r);
        // THEN INEFFECTIVE
        assertThat(execution(r).outcome()).contains(io.awoooi.core.execution.Outcome.INEFFECTIVE);
    }

    @Test
    void setResources_approved_effectiveWhenRolledOutWithoutOomKills() {
        // GIVEN wallet and an approved raise of its memory limit to 768Mi, executed
        deploymentWithRevisions("wallet");
        String incident = newIncident();
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.SET_RESOURCES, Map.of("namespace", "shop",
                "workload", "wallet", "kind", "deployment", "container", "api", "resource", "memory", "field", "limit",
                "value", "768Mi")));
        deliver("m-wallet", ExecutionOrder.of(r, Instant.now()).toJson());
        assertThat(execution(r).status()).as(execution(r).reason().orElse("")).isEqualTo(ExecutionStatus.EXECUTED);
        // WHEN it rolled out with every pod ready, and the check comes
        rolledOut("wallet", null);
        verify("m-wallet-verify", r);
        // THEN EFFECTIVE
        assertThat(execution(r).outcome()).contains(io.awoooi.core.execution.Outcome.EFFECTIVE);
    }

    @Test
    void execute_notAnOrder_returnedAsBatchFailure() {
        // GIVEN / WHEN a body that is no execution order
        JsonPath answer = deliver("m-bad", "{\"action\":\"rm -rf\"}");
        // THEN the message comes back (to be dead-lettered after its retries), nothing else happens
        assertThat(answer.getList("batchItemFailures.itemIdentifier", String.class)).containsExactly("m-bad");
    }

    @Test
    void execute_undecodableOrderOfAKnownIncident_parkedThereAndNotRetried() {
        // GIVEN a stored incident, and a message on its executions group that is no execution order
        String incident = newIncident();
        var dynamo = LocalAwsResource.aws.dynamo().client();
        new io.awoooi.aws.DynamoDbIncidentStore(dynamo, table()).create(new io.awoooi.core.incident.Incident(incident,
                "gkh-" + incident, io.awoooi.core.incident.IncidentStatus.FIRING, Instant.now(), Instant.now(),
                Optional.empty(), List.of(), 0));
        Map<String, Object> poison = Map.of("messageId", "x-1", "receiptHandle", "rh-x-1", "body", "{\"action\":",
                "eventSource", "aws:sqs", "attributes", Map.of("MessageGroupId", "shop/pod-a"),
                "messageAttributes", Map.of("incidentId", Map.of("stringValue", incident, "dataType", "String")));
        Map<String, Object> unknown = Map.of("messageId", "x-2", "receiptHandle", "rh-x-2", "body", "[]",
                "eventSource", "aws:sqs", "attributes", Map.of("MessageGroupId", "shop/pod-b"));

        // WHEN the executor receives both
        JsonPath response = given().contentType("application/json").body(Map.of("Records", List.of(poison, unknown)))
                .when().post().then().statusCode(200).extract().jsonPath();

        // THEN the first is parked on its incident (stage executor); the second, with no incident, comes back alone
        assertThat(response.getList("batchItemFailures.itemIdentifier", String.class)).containsExactly("x-2");
        var failure = new io.awoooi.aws.DynamoDbIncidentFailureStore(dynamo, table()).find(incident).orElseThrow();
        assertThat(failure.stage()).isEqualTo("executor");
        assertThat(failure.reason()).isEqualTo("the message body is not an execution order");
    }
}
