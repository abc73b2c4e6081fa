package io.awoooi.approval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The incident read API inside Quarkus, through the mock Lambda event server, on dynalite. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class IncidentApiHandlerTest {
    private static final List<String> IDS = new java.util.ArrayList<>();

    @BeforeAll
    static void seed() {
        var store = new DynamoDbIncidentStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
        var ids = new IncidentIds(Clock.systemUTC());
        Instant base = Instant.parse("2026-11-25T03:00:00Z");
        for (int i = 0; i < 3; i++) {
            Alert alert = new Alert(AlertStatus.FIRING, Map.of("alertname", "PostgresDown", "severity", "critical",
                    "instance", "10.1.1." + i), Map.of(), base, Optional.empty(), "", "fp000000000000" + i + "0");
            Incident incident = Incident.open(ids.next(), "gkh" + i, List.of(alert), base.plusSeconds(i));
            store.create(incident);
            IDS.add(incident.id());
        }
    }

    static Map<String, Object> event(String routeKey, String path, Map<String, String> query,
            Map<String, String> pathParams,
            String token) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("headers", token == null ? Map.of() : Map.of("authorization", "Bearer " + token));
        event.put("queryStringParameters", query);
        event.put("pathParameters", pathParams);
        event.put("requestContext", Map.of("http", Map.of("method", "GET", "path", path), "stage", "$default"));
        event.put("isBase64Encoded", false);
        return event;
    }

    static JsonPath invoke(Map<String, Object> event) {
        return given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void get_existingIncident_returnsDocumentWithoutLabelValues() {
        String id = IDS.get(0);
        JsonPath response = invoke(event("GET /v1/incidents/{id}", "/v1/incidents/" + id, null, Map.of("id", id),
                LocalAwsResource.TOKEN));
        assertThat(response.getInt("statusCode")).isEqualTo(200);
        JsonPath doc = new JsonPath(response.getString("body"));
        assertThat(doc.getString("id")).isEqualTo(id);
        assertThat(doc.getString("status")).isEqualTo("FIRING");
        assertThat(doc.getString("groupKeyHash")).isEqualTo("gkh0");
        assertThat(doc.getList("alerts")).hasSize(1);
        assertThat(doc.getString("alerts[0].alertname")).isEqualTo("PostgresDown");
        assertThat(doc.getString("alerts[0].severity")).isEqualTo("critical");
        assertThat(doc.getString("alerts[0].status")).isEqualTo("FIRING");
        assertThat(response.getString("body")).doesNotContain("10.1.1.0");
    }

    @Test
    void get_unknownOrMalformedId_404() {
        for (String id : List.of("inc_0000000000000000000000000z", "../../etc")) {
            JsonPath response = invoke(event("GET /v1/incidents/{id}", "/v1/incidents/x", null, Map.of("id", id),
                    LocalAwsResource.TOKEN));
            assertThat(response.getInt("statusCode")).isEqualTo(404);
            assertThat(new JsonPath(response.getString("body")).getString("error")).isEqualTo("not_found");
        }
    }

    @Test
    void list_limitTwo_newestFirstWithNextToken() {
        JsonPath response = invoke(event("GET /v1/incidents", "/v1/incidents", Map.of("limit", "2"), null,
                LocalAwsResource.TOKEN));
        assertThat(response.getInt("statusCode")).isEqualTo(200);
        JsonPath page = new JsonPath(response.getString("body"));
        assertThat(page.getList("incidents.id", String.class)).containsExactly(IDS.get(2), IDS.get(1));
        String next = page.getString("nextToken");
        JsonPath rest = new JsonPath(invoke(event("GET /v1/incidents", "/v1/incidents",
                Map.of("limit", "2", "nextToken", next), null, LocalAwsResource.TOKEN)).getString("body"));
        assertThat(rest.getList("incidents.id", String.class)).containsExactly(IDS.get(0));
    }

    @Test
    void list_badLimit_400() {
        for (String limit : List.of("0", "101", "ten")) {
            JsonPath response = invoke(event("GET /v1/incidents", "/v1/incidents", Map.of("limit", limit), null,
                    LocalAwsResource.TOKEN));
            assertThat(response.getInt("statusCode")).as(limit).isEqualTo(400);
        }
    }

    @Test
    void anyRoute_missingOrIntakeToken_401() {
        assertThat(invoke(event("GET /v1/incidents", "/v1/incidents", null, null, null)).getInt("statusCode"))
                .isEqualTo(401);
        assertThat(invoke(event("GET /v1/incidents", "/v1/incidents", null, null, "test-intake-token-0123456789"))
                .getInt("statusCode")).isEqualTo(401);
    }

    @Test
    void getAndList_incidentWithAParkedMessage_showFailureBesideTheAlertsStatus() {
        // GIVEN an incident on which the redaction parked a message it can never process
        var dynamo = LocalAwsResource.aws.dynamo().client();
        String table = LocalAwsResource.aws.resources().tableName("StateTable");
        String id = IDS.get(2);
        new io.awoooi.core.incident.ParkFailedMessage("redaction", Optional.of("alert_received"),
                new DynamoDbIncidentStore(dynamo, table), new io.awoooi.aws.DynamoDbIncidentFailureStore(dynamo, table),
                new io.awoooi.aws.DynamoDbOperationLog(dynamo, table), Clock.systemUTC())
                .park("m-poison", Optional.of(id), Optional.empty(), new io.awoooi.core.batch.PermanentFailureException(
                        "the redacted alert exceeds DynamoDB's 400 KB item limit"));

        // WHEN it is read, and listed
        JsonPath doc = new JsonPath(invoke(event("GET /v1/incidents/{id}", "/v1/incidents/" + id, null,
                Map.of("id", id), LocalAwsResource.TOKEN)).getString("body"));
        JsonPath page = new JsonPath(invoke(event("GET /v1/incidents", "/v1/incidents", Map.of("limit", "3"), null,
                LocalAwsResource.TOKEN)).getString("body"));

        // THEN the status is still the alerts' own, with the failure (stage, reason, when) and a timeline entry
        assertThat(doc.getString("status")).isEqualTo("FIRING");
        assertThat(doc.getString("failure.stage")).isEqualTo("redaction");
        assertThat(doc.getString("failure.reason"))
                .isEqualTo("the redacted alert exceeds DynamoDB's 400 KB item limit");
        assertThat(doc.getString("failure.at")).isNotBlank();
        assertThat(doc.getInt("failure.messages")).isEqualTo(1);
        assertThat(doc.getList("timeline.type", String.class)).contains("processing_failed");
        // AND the list shows it on that incident only
        assertThat(page.getString("incidents.find { it.id == '" + id + "' }.failure.stage")).isEqualTo("redaction");
        assertThat(page.getString("incidents.find { it.id == '" + IDS.get(1) + "' }.failure")).isNull();
    }

    private static JsonPath list(Map<String, String> query) {
        JsonPath response = invoke(event("GET /v1/incidents", "/v1/incidents", query, null, LocalAwsResource.TOKEN));
        assertThat(response.getInt("statusCode")).as(query.toString()).isEqualTo(200);
        return new JsonPath(response.getString("body"));
    }

    @Test
    void list_filters_statusSinceUntil() {
        // GIVEN three firing incidents created at 03:00:00, 03:00:01 and 03:00:02
        // WHEN / THEN each filter keeps what it says, newest first
        assertThat(list(Map.of("status", "RESOLVED")).getList("incidents")).isEmpty();
        assertThat(list(Map.of("status", "firing")).getList("incidents.id", String.class))
                .containsExactly(IDS.get(2), IDS.get(1), IDS.get(0));
        assertThat(list(Map.of("since", "2026-11-25T03:00:01Z")).getList("incidents.id", String.class))
                .containsExactly(IDS.get(2), IDS.get(1));
        assertThat(list(Map.of("until", "2026-11-25T03:00:01Z")).getList("incidents.id", String.class))
                .containsExactly(IDS.get(1), IDS.get(0));
        assertThat(list(Map.of("since", "2026-11-25T03:00:02Z", "until", "2026-11-25T03:00:02Z", "status", "FIRING"))
                .getList("incidents.id", String.class)).containsExactly(IDS.get(2));
        // a relative time: everything of the last 3650 days, paged by one with the filter kept
        JsonPath first = list(Map.of("since", "3650d", "limit", "1"));
        assertThat(first.getList("incidents.id", String.class)).containsExactly(IDS.get(2));
        JsonPath second = list(Map.of("since", "3650d", "limit", "2", "nextToken", first.getString("nextToken")));
        assertThat(second.getList("incidents.id", String.class)).containsExactly(IDS.get(1), IDS.get(0));
    }

    @Test
    void list_badFilters_400NamingTheParameter() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("status", "BROKEN"), "status must be FIRING or RESOLVED",
                Map.of("since", "yesterday"), "since must be an ISO-8601 instant",
                Map.of("until", "2026-13-01"), "until must be an ISO-8601 instant",
                Map.of("since", "2026-11-25T04:00:00Z", "until", "2026-11-25T03:00:00Z"),
                "since must not be after until");
        bad.forEach((query, message) -> {
            JsonPath response = invoke(
                    event("GET /v1/incidents", "/v1/incidents", query, null, LocalAwsResource.TOKEN));
            assertThat(response.getInt("statusCode")).as(query.toString()).isEqualTo(400);
            assertThat(new JsonPath(response.getString("body")).getString("detail")).as(query.toString())
                    .startsWith(message);
        });
    }

    @Test
    void list_item_severityAgeDiagnosisRootCauseActionApprovalExecutionAndLatestUpdate() {
        // GIVEN incident 1 analysed (a crash loop of postgres-db, restart proposed), its request raised to
        // HIGH and approved, executed and found effective
        var dynamo = LocalAwsResource.aws.dynamo().client();
        String table = LocalAwsResource.aws.resources().tableName("StateTable");
        String id = IDS.get(1);
        Instant analyzedAt = Instant.parse("2026-11-25T03:01:00Z");
        var restart = new io.awoooi.core.action.ProposedAction(io.awoooi.core.action.ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", "postgres-db-0"));
        var db = new io.awoooi.core.topology.ServiceId("shop", "postgres-db");
        var diagnosis = new io.awoooi.core.diagnosis.Diagnosis(io.awoooi.core.diagnosis.DiagnosisKind.CRASH_LOOP,
                Optional.of(db), "postgres-db crash-loops", List.of("CrashLoopBackOff"),
                Optional.of(new io.awoooi.core.action.ActionProposal(restart,
                        io.awoooi.core.action.ProposalRule.RESTART_FAILING_POD)),
                List.of(restart), true, Optional.empty());
        new io.awoooi.aws.DynamoDbAnalysisStore(dynamo, table).save(new io.awoooi.core.analysis.Analysis(id, "nk-" + id,
                new io.awoooi.core.topology.GraphFindings(List.of(db), List.of(new io.awoooi.core.topology.RootCause(db,
                        io.awoooi.core.topology.ComponentKind.DATABASE, 0, List.of("0/1 ready"))), List.of()),
                "postgres-db is down", List.of(), "deterministic", Optional.of(restart), "deterministic", false,
                analyzedAt, true, Optional.of(diagnosis)));
        var approvals = new io.awoooi.aws.DynamoDbApprovalStore(dynamo, table);
        Instant requestedAt = Instant.parse("2026-11-25T03:01:01Z");
        var request = new io.awoooi.core.approval.ApprovalRequest(io.awoooi.core.approval.ApprovalRequest.idFor(id), id,
                "nk-" + id, restart, io.awoooi.core.approval.ApprovalRequest.hashOf(restart),
                io.awoooi.core.approval.ActionPattern.of(restart), new io.awoooi.core.approval.RiskAssessment(
                        io.awoooi.core.action.RiskLevel.LOW, io.awoooi.core.action.RiskLevel.MEDIUM,
                        List.of("raised: it disrupts a stateful component (a database)")),
                0,
                io.awoooi.core.approval.Quorum.forLevel(io.awoooi.core.action.RiskLevel.MEDIUM),
                new io.awoooi.core.approval.DryRunReport(List.of(), "fp"),
                io.awoooi.core.approval.ApprovalStatus.PENDING,
                List.of("alice"), false, Optional.empty(), requestedAt, requestedAt.plusSeconds(1800), requestedAt);
        approvals.create(request);
        approvals.transition(request.id(), io.awoooi.core.approval.ApprovalStatus.PENDING,
                io.awoooi.core.approval.ApprovalStatus.APPROVED, Optional.of("quorum met"),
                requestedAt.plusSeconds(60));
        var executions = new io.awoooi.aws.DynamoDbExecutionStore(dynamo, table);
        Instant executedAt = Instant.parse("2026-11-25T03:02:30Z");
        executions.claim(request.id(), id, executedAt, java.time.Duration.ofMinutes(2));
        executions.finish(request.id(), 1, io.awoooi.core.execution.ExecutionStatus.EXECUTED, Optional.of("deleted"),
                executedAt);
        Instant verifiedAt = Instant.parse("2026-11-25T03:07:30Z");
        executions.recordOutcome(request.id(), io.awoooi.core.execution.Outcome.EFFECTIVE, verifiedAt);

        // WHEN the list is read
        JsonPath page = list(Map.of("limit", "3"));

        // THEN its item says it all in one line's worth, the assessed risk beside the catalog's
        String item = "incidents.find { it.id == '" + id + "' }";
        assertThat(page.getString(item + ".severity")).isEqualTo("critical");
        assertThat(page.getString(item + ".age")).isNotBlank();
        assertThat(page.getLong(item + ".ageSeconds")).isPositive();
        assertThat(page.getString(item + ".diagnosis.kind")).isEqualTo("CRASH_LOOP");
        assertThat(page.getString(item + ".diagnosis.inWords")).isEqualTo("a crash loop");
        assertThat(page.getString(item + ".rootCause")).isEqualTo("shop/postgres-db");
        assertThat(page.getString(item + ".proposedAction.id")).isEqualTo("restart_pod");
        assertThat(page.getString(item + ".proposedAction.inWords")).isEqualTo("Restart pod postgres-db-0 in shop");
        assertThat(page.getString(item + ".proposedAction.baseRisk")).isEqualTo("LOW");
        assertThat(page.getString(item + ".proposedAction.risk")).isNull();
        assertThat(page.getString(item + ".approval.status")).isEqualTo("APPROVED");
        assertThat(page.getString(item + ".approval.risk")).isEqualTo("MEDIUM");
        assertThat(page.getString(item + ".approval.baseRisk")).isEqualTo("LOW");
        assertThat(page.getString(item + ".execution.status")).isEqualTo("EXECUTED");
        assertThat(page.getString(item + ".execution.outcome")).isEqualTo("EFFECTIVE");
        // AND updatedAt is the latest change of any part (the verification), in the list and the document
        assertThat(page.getString(item + ".updatedAt")).isEqualTo(verifiedAt.toString());
        JsonPath doc = new JsonPath(invoke(event("GET /v1/incidents/{id}", "/v1/incidents/" + id, null,
                Map.of("id", id), LocalAwsResource.TOKEN)).getString("body"));
        assertThat(Instant.parse(doc.getString("updatedAt"))).isAfterOrEqualTo(verifiedAt);
        assertThat(doc.getString("severity")).isEqualTo("critical");
        assertThat(doc.getString("analysis.proposedAction.baseRisk")).isEqualTo("LOW");
        assertThat(doc.getString("analysis.proposedAction.risk")).isNull();
        assertThat(doc.getString("approval.risk")).isEqualTo("MEDIUM");
        assertThat(doc.getString("approval.baseRisk")).isEqualTo("LOW");
        // the other incidents have none of these parts
        assertThat(page.getString("incidents.find { it.id == '" + IDS.get(0) + "' }.approval")).isNull();
        assertThat(page.getString("incidents.find { it.id == '" + IDS.get(0) + "' }.updatedAt"))
                .isEqualTo("2026-11-25T03:00:00Z");
    }

    @Test
    void finOpsReports_latestAndById_operatorTokenOnly_badIdIs400() {
        // GIVEN a report written whole and made the latest
        var reports = new io.awoooi.aws.DynamoDbFinOpsReportStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
        Instant at = Instant.parse("2099-01-01T00:00:00Z");
        var report = new io.awoooi.core.finops.FinOpsReport(io.awoooi.core.finops.FinOpsReport.idFor(at), at,
                at.minusSeconds(7 * 86400), "test prices", List.of(), List.of(),
                new io.awoooi.core.finops.FinOpsReport.Totals(java.math.BigDecimal.TEN, java.math.BigDecimal.ONE),
                new io.awoooi.core.finops.FinOpsReport.Scope(2, 3, 4));
        reports.save(report, io.awoooi.core.finops.FinOpsReportDocument.toJson(report, 5));
        reports.promote(report.id(), at);
        // WHEN / THEN the latest and the same by id
        JsonPath latest = invoke(event("GET /v1/finops/reports/latest", "/v1/finops/reports/latest", null, null,
                LocalAwsResource.TOKEN));
        assertThat(latest.getInt("statusCode")).isEqualTo(200);
        JsonPath doc = new JsonPath(latest.getString("body"));
        assertThat(doc.getString("id")).isEqualTo("fin_20990101T000000Z");
        assertThat(doc.getString("totals.monthly")).isEqualTo("11.00");
        assertThat(doc.getString("totals.annual")).isEqualTo("132.00");
        assertThat(doc.getString("box")).contains("FINOPS COST ANALYSIS", "MONTHLY WASTE DETECTED: $11.00");
        JsonPath byId = invoke(event("GET /v1/finops/reports/{id}", "/v1/finops/reports/fin_20990101T000000Z", null,
                Map.of("id", "fin_20990101T000000Z"), LocalAwsResource.TOKEN));
        assertThat(byId.getInt("statusCode")).isEqualTo(200);
        assertThat(byId.getString("body")).isEqualTo(latest.getString("body"));
        // an id that cannot be one, one never written, no token
        assertThat(invoke(event("GET /v1/finops/reports/{id}", "/v1/finops/reports/x", null, Map.of("id", "../x"),
                LocalAwsResource.TOKEN)).getInt("statusCode")).isEqualTo(400);
        assertThat(invoke(event("GET /v1/finops/reports/{id}", "/v1/finops/reports/x", null,
                Map.of("id", "fin_19990101T000000Z"), LocalAwsResource.TOKEN)).getInt("statusCode")).isEqualTo(404);
        assertThat(invoke(event("GET /v1/finops/reports/latest", "/v1/finops/reports/latest", null, null, null))
                .getInt("statusCode")).isEqualTo(401);
    }

    @Test
    void driftReports_latestAndById_withoutToken401_unknown404() {
        // GIVEN a stored drift report (an image from a registry by IP)
        var dynamo = LocalAwsResource.aws.dynamo().client();
        String table = LocalAwsResource.aws.resources().tableName("StateTable");
        var item = new io.awoooi.core.drift.DriftItem(io.awoooi.core.drift.DriftCategory.IMAGE,
                io.awoooi.core.drift.Severity.HIGH, "spec.template.spec.containers[app].image", "10.9.8.7:5000/shop:1",
                "10.9.8.7:5000/shop:2", true, "");
        var w = new io.awoooi.core.drift.WorkloadDrift(
                new io.awoooi.core.drift.WorkloadRef("Deployment", "shop", "checkout"),
                "u1", "42", io.awoooi.core.drift.DesiredSource.LAST_APPLIED, List.of(item));
        Instant at = Instant.parse("2031-01-01T00:00:00Z");
        var report = new io.awoooi.core.drift.DriftReport("drf_203101010000_abcdef0123", at, List.of("shop"), Map.of(),
                List.of(w), 3, List.of(), List.of(item.fingerprint(w.ref())));
        new io.awoooi.aws.DynamoDbDriftStore(dynamo, table).save(report);
        // WHEN read as the latest, by id, without the token, and by an unknown id
        JsonPath latest = invoke(event("GET /v1/drift/reports/latest", "/v1/drift/reports/latest", null, null,
                LocalAwsResource.TOKEN));
        JsonPath byId = invoke(event("GET /v1/drift/reports/{id}", "/v1/drift/reports/" + report.id(), null,
                Map.of("id", report.id()), LocalAwsResource.TOKEN));
        JsonPath noToken = invoke(event("GET /v1/drift/reports/latest", "/v1/drift/reports/latest", null, null, null));
        JsonPath unknown = invoke(event("GET /v1/drift/reports/{id}", "/v1/drift/reports/drf_x", null,
                Map.of("id", "drf_x"), LocalAwsResource.TOKEN));
        // THEN
        assertThat(latest.getInt("statusCode")).isEqualTo(200);
        JsonPath doc = new JsonPath(latest.getString("body"));
        assertThat(doc.getString("id")).isEqualTo(report.id());
        assertThat(doc.getString("workloads[0].items[0].line"))
                .isEqualTo(
                        "Deployment/shop/checkout: container app image [IP_1]:5000/shop:1 -> [IP_1]:5000/shop:2 [HIGH]");
        assertThat(latest.getString("body")).doesNotContain("10.9.8.7");
        assertThat(byId.getString("body")).isEqualTo(latest.getString("body"));
        assertThat(noToken.getInt("statusCode")).isEqualTo(401);
        assertThat(unknown.getInt("statusCode")).isEqualTo(404);
    }
}
