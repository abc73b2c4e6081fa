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

    static Map<String, Object> event(String routeKey, String path, Map<String, String> query, Map<String, String> pathParams,
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
        assertThat(invoke(event("GET /v1/incidents", "/v1/incidents", null, null, null)).getInt("statusCode")).isEqualTo(401);
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
        assertThat(doc.getString("failure.reason")).isEqualTo("the redacted alert exceeds DynamoDB's 400 KB item limit");
        assertThat(doc.getString("failure.at")).isNotBlank();
        assertThat(doc.getInt("failure.messages")).isEqualTo(1);
        assertThat(doc.getList("timeline.type", String.class)).contains("processing_failed");
        // AND the list shows it on that incident only
        assertThat(page.getString("incidents.find { it.id == '" + id + "' }.failure.stage")).isEqualTo("redaction");
        assertThat(page.getString("incidents.find { it.id == '" + IDS.get(1) + "' }.failure")).isNull();
    }
}
