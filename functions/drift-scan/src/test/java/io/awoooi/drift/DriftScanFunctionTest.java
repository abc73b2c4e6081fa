package io.awoooi.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift-scan function inside Quarkus, through the mock Lambda event server, on dynalite and the fabric8 mock server. */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ClusterResource.class, restrictToAnnotatedClass = true)
class DriftScanFunctionTest {

    private static JsonPath scan(Map<String, Object> event) {
        return given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void scheduledScan_driftReportedStoredNarrated_thenNotNotifiedAgain() {
        // GIVEN an undrifted deployment: the first scan finds nothing and tells no one
        ClusterResource.client.resource(ClusterResource.applied("cart", "shop/cart:1", "shop/cart:1")).create();
        JsonPath quiet = scan(
                Map.of("source", "awoooi.drift.schedule", "scheduledTime", "<aws.scheduler.scheduled-time>"));
        assertThat(quiet.getInt("items")).isZero();
        assertThat(quiet.getInt("notified")).isZero();
        assertThat(quiet.getString("narrative")).isNull();

        // WHEN a deployment's image is changed by hand and the scan runs (on demand: an empty event)
        ClusterResource.client
                .resource(ClusterResource.applied("checkout", "shop/checkout:1.4", "shop/checkout:1.5-hotfix"))
                .create();
        JsonPath found = scan(Map.of());

        // THEN the drift is reported, narrated (deterministic: no model configured) and the operators told
        assertThat(found.getInt("itemsScanned")).isEqualTo(2);
        assertThat(found.getList("lines", String.class)).containsExactly(
                "Deployment/shop/checkout: container app image shop/checkout:1.4 -> shop/checkout:1.5-hotfix [HIGH]");
        assertThat(found.getInt("notified")).isPositive();
        assertThat(found.getString("narrator")).isEqualTo("deterministic");
        assertThat(found.getString("box")).contains("DRIFT SCAN " + found.getString("reportId"));
        var dynamo = LocalAwsResource.aws.dynamo().client();
        String table = LocalAwsResource.aws.resources().tableName("StateTable");
        assertThat(new DynamoDbDriftStore(dynamo, table).latest()).get()
                .satisfies(r -> assertThat(r.id()).isEqualTo(found.getString("reportId")));
        assertThat(new DynamoDbOperationLog(dynamo, table).trail(found.getString("reportId")))
                .singleElement().satisfies(o -> {
                    assertThat(o.type()).isEqualTo("notification_formatted");
                    assertThat(o.tags()).containsExactly("drift", "llm_summary");
                });

        // AND the same drift on the next run is reported but nobody is told again
        JsonPath again = scan(Map.of());
        assertThat(again.getInt("items")).isEqualTo(1);
        assertThat(again.getInt("notified")).isZero();
    }
}
