package io.awoooi.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbAnalysisStore;
import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.DynamoDbRedactedAlertStore;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentAlert;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentEventCodec;
import io.awoooi.core.shield.RedactedAlert;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The analysis function inside Quarkus, fed SQS events through the mock Lambda event server, with
 * real local DynamoDB (dynalite) and a Kubernetes API (fabric8 mock server, CRUD mode) holding the
 * demo shop: order-api -> postgres-db (crash-looping), redis, kafka; ingress -> frontend -> order-api.
 * AWOOOI_LLM is unset, so the narrator is the deterministic one.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DemoClusterResource.class, restrictToAnnotatedClass = true)
class AnalysisFunctionTest {
    private static final Instant STARTS_AT = Instant.parse("2026-11-25T03:00:00Z");

    static String newIncidentId() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    /** A pseudonymized alert about order-api in namespace shop, as the Privacy Shield hands it on. */
    static RedactedAlert orderApiAlert() {
        return new RedactedAlert("a1b2c3d4e5f60718", STARTS_AT, AlertStatus.FIRING, Optional.empty(),
                Map.of("alertname", "HighErrorRate", "severity", "critical", "namespace", "shop",
                        "pod", "order-api-7d9f8c6b5-x2kqp", "instance", "[IP_1]:8080"),
                Map.of("description", "connection refused to [IP_2]:5432"), "");
    }

    static String incidentEvent(String incidentId) {
        return IncidentEventCodec.encode(new IncidentEvent(incidentId, "nk-" + UUID.randomUUID(), "gkh-" + incidentId,
                AlertStatus.FIRING, STARTS_AT.plusSeconds(5), Map.of("alertname", "HighErrorRate"), Map.of(), Map.of(),
                List.of(orderApiAlert())));
    }

    static String resolvedEvent(String incidentId) {
        RedactedAlert firing = orderApiAlert();
        return IncidentEventCodec.encode(new IncidentEvent(incidentId, "nk-" + UUID.randomUUID(), "gkh-" + incidentId,
                AlertStatus.RESOLVED, STARTS_AT.plusSeconds(600), Map.of("alertname", "HighErrorRate"), Map.of(),
                Map.of(), List.of(firing)));
    }

    static Map<String, Object> record(String id, String body) {
        return Map.of("messageId", id, "receiptHandle", "rh-" + id, "body", body, "eventSource", "aws:sqs",
                "attributes", Map.of("MessageGroupId", "g"));
    }

    static JsonPath invoke(List<Map<String, Object>> records) {
        return given().contentType("application/json").body(Map.of("Records", records))
                .when().post().then().statusCode(200).extract().jsonPath();
    }

    static DynamoDbClient dynamo() {
        return LocalAwsResource.aws.dynamo().client();
    }

    static String stateTable() {
        return LocalAwsResource.aws.resources().tableName("StateTable");
    }

    static Optional<Map<String, Object>> storedAnalysis(String incidentId) {
        return new DynamoDbAnalysisStore(dynamo(), stateTable()).latest(incidentId)
                .map(io.awoooi.core.incident.view.AnalysisView::document);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> document, String field) {
        return (List<Map<String, Object>>) document.get(field);
    }

    @Test
    void analyze_orderApiIncident_rootCausePostgresBlastRadiusFrontendAndIngress() {
        // GIVEN an incident event whose alert is about an order-api pod in namespace shop
        String incident = newIncidentId();

        // WHEN the function receives it from the incidents queue
        JsonPath response = invoke(List.of(record("m1", incidentEvent(incident))));

        // THEN it succeeds and the stored analysis points at postgres-db, with the callers hit upstream
        assertThat(response.getList("batchItemFailures")).isEmpty();
        Map<String, Object> doc = storedAnalysis(incident).orElseThrow();
        assertThat(doc.get("targets")).isEqualTo(List.of("shop/order-api"));
        assertThat(list(doc, "rootCauses")).first().satisfies(rc -> {
            assertThat(rc).containsEntry("service", "shop/postgres-db").containsEntry("kind", "DATABASE")
                    .containsEntry("depth", 1);
            assertThat(rc.get("evidence")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .contains("pod postgres-db-0 CrashLoopBackOff");
        });
        assertThat(list(doc, "blastRadius")).extracting(i -> i.get("service"))
                .contains("shop/frontend", "shop/ingress");
        // AND the deterministic narrator wrote the narrative (no model configured)
        assertThat(doc).containsEntry("narrator", "deterministic").containsEntry("topologyStale", false);
        // AND the operation log has the step, chained to the redaction's entry, counts only
        List<Operation> trail = new DynamoDbOperationLog(dynamo(), stateTable()).trail(incident);
        assertThat(trail).filteredOn(op -> op.type().equals("analyzed")).singleElement().satisfies(op -> {
            assertThat(op.type()).isEqualTo("analyzed");
            assertThat(op.output()).containsEntry("narrator", "deterministic")
                    .containsEntry("firingElsewhereComplete", "true");
        });
        // AND the proposal became a HIGH approval request (a database restart, a blocking budget) for
        // two of devops/sre/admin, with links sent to alice and bob, chained to the analysis
        var request = new io.awoooi.aws.DynamoDbApprovalStore(dynamo(), stateTable())
                .find(io.awoooi.core.approval.ApprovalRequest.idFor(incident)).orElseThrow();
        assertThat(request.status()).isEqualTo(io.awoooi.core.approval.ApprovalStatus.PENDING);
        assertThat(request.risk().level()).isEqualTo(io.awoooi.core.action.RiskLevel.HIGH);
        assertThat(request.quorum().count()).isEqualTo(2);
        assertThat(request.notified()).containsExactly("alice", "bob");
        assertThat(request.dryRun().checks()).extracting(c -> c.name())
                .contains("parameters", "rbac", "exists", "pdb", "blast_radius");
        assertThat(trail).filteredOn(op -> op.type().equals("approval_requested")).singleElement()
                .satisfies(op -> assertThat(op.parentOpId()).contains(
                        trail.stream().filter(o -> o.type().equals("analyzed")).findFirst().orElseThrow().opId()));
    }

    @Test
    void analyze_poisonMessageInTheMiddle_itAndEverythingAfterComeBack() {
        // GIVEN a batch: a valid event, a message that is no incident event, another valid event
        String first = newIncidentId();
        String third = newIncidentId();

        // WHEN the function receives it
        JsonPath response = invoke(List.of(
                record("ok-1", incidentEvent(first)),
                record("bad-2", "{not an incident event"),
                record("ok-3", incidentEvent(third))));

        // THEN the poison message and everything after it go back to the queue (FIFO order is kept)
        assertThat(response.getList("batchItemFailures.itemIdentifier", String.class)).containsExactly("bad-2", "ok-3");
        assertThat(storedAnalysis(first)).isPresent();
        assertThat(storedAnalysis(third)).isEmpty();
    }

    @Test
    void analyze_healthyRedisWithAnotherFiringIncident_isARootCauseWithThatEvidence() {
        // GIVEN another incident firing on a redis pod, stored the way intake and the Privacy Shield store it
        String other = newIncidentId();
        Instant openedAt = STARTS_AT.minusSeconds(60);
        new DynamoDbIncidentStore(dynamo(), stateTable()).create(new Incident(other, "gkh-" + other,
                IncidentStatus.FIRING, openedAt, openedAt, Optional.empty(),
                List.of(new IncidentAlert("9f8e7d6c5b4a3921",
                        openedAt, "RedisEvictions", "warning", AlertStatus.FIRING, Optional.empty())),
                0));
        new DynamoDbRedactedAlertStore(dynamo(), stateTable()).save(other, List.of(new RedactedAlert("9f8e7d6c5b4a3921",
                openedAt, AlertStatus.FIRING, Optional.empty(),
                Map.of("alertname", "RedisEvictions", "namespace", "shop", "pod", "redis-6c8d9f7b4d-q8zlm",
                        "instance", "[IP_7]:6379"),
                Map.of("description", "evicting keys of [EMAIL_1]"), "")));
        String incident = newIncidentId();

        // WHEN an order-api incident is analyzed
        JsonPath response = invoke(List.of(record("m1", incidentEvent(incident))));

        // THEN redis, healthy in the cluster, is a root cause with the other incident as its only evidence
        assertThat(response.getList("batchItemFailures")).isEmpty();
        List<Map<String, Object>> rootCauses = list(storedAnalysis(incident).orElseThrow(), "rootCauses");
        assertThat(rootCauses).extracting(rc -> rc.get("service")).containsExactly("shop/postgres-db", "shop/redis");
        assertThat(rootCauses.get(1)).containsEntry("kind", "CACHE").containsEntry("depth", 1)
                .containsEntry("evidence", List.of("firing incident " + other + ": RedisEvictions"));
    }

    @Test
    void analyze_incidentResolvesWhileItsRequestIsPending_requestCancelledAndApproversTold() {
        // GIVEN a firing incident whose proposal is waiting for signatures
        String incident = newIncidentId();
        invoke(List.of(record("f-1", incidentEvent(incident))));
        var store = new io.awoooi.aws.DynamoDbApprovalStore(dynamo(), stateTable());
        String requestId = io.awoooi.core.approval.ApprovalRequest.idFor(incident);
        assertThat(store.find(requestId).orElseThrow().status())
                .isEqualTo(io.awoooi.core.approval.ApprovalStatus.PENDING);
        // WHEN its resolved event arrives
        JsonPath response = invoke(List.of(record("r-1", resolvedEvent(incident))));
        // THEN the request is CANCELLED with the reason, and the log has "cancelled" chained to the request
        assertThat(response.getList("batchItemFailures")).isEmpty();
        var cancelled = store.find(requestId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(io.awoooi.core.approval.ApprovalStatus.CANCELLED);
        assertThat(cancelled.reason()).contains("the incident's alerts resolved");
        assertThat(new DynamoDbOperationLog(dynamo(), stateTable()).trail(incident))
                .extracting(Operation::type).contains("approval_requested", "cancelled");
    }

    /** A record of message group {@code group}, with the incidentId attribute our senders set (null: none). */
    static Map<String, Object> record(String id, String group, String body, String incidentAttribute) {
        Map<String, Object> record = new java.util.HashMap<>(Map.of("messageId", id, "receiptHandle", "rh-" + id,
                "body", body, "eventSource", "aws:sqs", "attributes", Map.of("MessageGroupId", group)));
        if (incidentAttribute != null) {
            record.put("messageAttributes", Map.of("incidentId",
                    Map.of("stringValue", incidentAttribute, "dataType", "String")));
        }
        return record;
    }

    @Test
    void analyze_undecodableEventInGroupA_parkedOnItsIncidentAndBothGroupsGoOn() {
        // GIVEN an event body that is no incident event (its incident, stored, known from the message
        // attribute) in group A, then valid events of groups A and B
        String poisoned = newIncidentId();
        new DynamoDbIncidentStore(dynamo(), stateTable()).create(new Incident(poisoned, "gkh-" + poisoned,
                IncidentStatus.FIRING, STARTS_AT, STARTS_AT, Optional.empty(), List.of(), 0));
        String a2 = newIncidentId();
        String b1 = newIncidentId();

        // WHEN the function receives them
        JsonPath response = invoke(List.of(
                record("a-1", "A", "{not an incident event", poisoned),
                record("a-2", "A", incidentEvent(a2), a2),
                record("b-1", "B", incidentEvent(b1), b1)));

        // THEN nothing comes back: the poison event is parked, not retried, and the others are analyzed
        assertThat(response.getList("batchItemFailures")).isEmpty();
        assertThat(storedAnalysis(a2)).isPresent();
        assertThat(storedAnalysis(b1)).isPresent();
        var failure = new io.awoooi.aws.DynamoDbIncidentFailureStore(dynamo(), stateTable()).find(poisoned)
                .orElseThrow();
        assertThat(failure.stage()).isEqualTo("analysis");
        assertThat(failure.reason()).isEqualTo("the message body is not an incident event");
        assertThat(new DynamoDbOperationLog(dynamo(), stateTable()).trail(poisoned)).extracting(Operation::type)
                .containsExactly("processing_failed");
    }

    @Test
    void analyze_failureThatCannotBeParkedInGroupA_onlyGroupAWaitsGroupBIsAnalyzed() {
        // GIVEN a poison event nobody can park (no incident known for it) in group A, then events of A and B
        String a2 = newIncidentId();
        String b1 = newIncidentId();

        // WHEN the function receives them
        JsonPath response = invoke(List.of(
                record("a-1", "A", "{not an incident event", null),
                record("a-2", "A", incidentEvent(a2), a2),
                record("b-1", "B", incidentEvent(b1), b1)));

        // THEN it and A's later event come back in order; B's is analyzed
        assertThat(response.getList("batchItemFailures.itemIdentifier", String.class)).containsExactly("a-1", "a-2");
        assertThat(storedAnalysis(a2)).isEmpty();
        assertThat(storedAnalysis(b1)).isPresent();
    }
}
