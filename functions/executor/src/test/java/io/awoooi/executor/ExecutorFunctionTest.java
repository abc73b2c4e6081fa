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
        var dryRun = new KubernetesDryRun(DemoClusterResource.client).dryRun(action);
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.idFor(incident), incident, "nk-" + incident,
                action, ApprovalRequest.hashOf(action), ActionPattern.of(action),
                new RiskAssessment(action.baseRisk(), RiskLevel.HIGH, List.of("test")), 0, Quorum.forLevel(RiskLevel.HIGH),
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
        String restartedAt = DemoClusterResource.client.apps().deployments().inNamespace("shop").withName("auth-service")
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
        var messages = sqs.receiveMessage(b -> b.queueUrl(LocalAwsResource.aws.resources().queueUrl("VerificationQueue"))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
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
                .map(p -> p.getMetadata().getName()).filter(n -> n.startsWith("product-api-")).findFirst().orElseThrow();
        Vault vault = new Vault(new DynamoDbVaultStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("VaultTable")), keys, Clock.systemUTC());
        LabelBook book = vault.open(incident);
        String label = book.labelFor(PiiType.POD, pod).text();
        vault.seal(book);
        ApprovalRequest r = approved(incident, new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", label)));
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
