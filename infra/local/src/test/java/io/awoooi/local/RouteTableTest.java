package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new HttpRoute("POST", "/v1/alerts", "IntakeFunction"),
            new HttpRoute("GET", "/v1/incidents", "ApprovalFunction"),
            new HttpRoute("GET", "/v1/incidents/{id}", "ApprovalFunction"),
            new HttpRoute("GET", "/v1/incidents/latest", "LatestFunction"),
            new HttpRoute("ANY", "/files/{proxy+}", "FilesFunction"),
            new HttpRoute("GET", "/files/{proxy+}", "FilesReadFunction")));

    @Test
    void find_literalPath_exactRoute() {
        // GIVEN the routes above / WHEN a literal path is requested / THEN its route, without parameters
        RouteTable.Match match = table.find("POST", "/v1/alerts").orElseThrow();
        assertThat(match.route().functionId()).isEqualTo("IntakeFunction");
        assertThat(match.route().routeKey()).isEqualTo("POST /v1/alerts");
        assertThat(match.pathParameters()).isEmpty();
    }

    @Test
    void find_pathVariable_parameterDecoded() {
        // GIVEN a {id} route / WHEN a path fills it / THEN the parameter is the decoded segment
        RouteTable.Match match = table.find("GET", "/v1/incidents/inc%2042").orElseThrow();
        assertThat(match.route().path()).isEqualTo("/v1/incidents/{id}");
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "inc 42"));
    }

    @Test
    void find_literalAndVariableBothFit_literalWins() {
        // GIVEN /v1/incidents/latest and /v1/incidents/{id} / WHEN latest is asked / THEN the literal route
        assertThat(table.find("GET", "/v1/incidents/latest").orElseThrow().route().functionId())
                .isEqualTo("LatestFunction");
    }

    @Test
    void find_greedyVariable_restOfThePath() {
        // GIVEN ANY /files/{proxy+} / WHEN a deep path is posted / THEN proxy holds all remaining segments
        RouteTable.Match match = table.find("DELETE", "/files/a/b/c.txt").orElseThrow();
        assertThat(match.route().functionId()).isEqualTo("FilesFunction");
        assertThat(match.pathParameters()).isEqualTo(Map.of("proxy", "a/b/c.txt"));
    }

    @Test
    void find_methodRouteAndAny_methodRouteWins() {
        // GIVEN GET and ANY on the same path / WHEN GET is asked / THEN the GET route
        assertThat(table.find("GET", "/files/x").orElseThrow().route().functionId()).isEqualTo("FilesReadFunction");
    }

    @Test
    void find_noFittingRoute_empty() {
        // GIVEN the routes above / WHEN nothing fits (path, method, trailing slash, empty greedy) / THEN no match
        assertThat(table.find("GET", "/v1/alerts")).isEmpty();
        assertThat(table.find("GET", "/v2/incidents")).isEmpty();
        assertThat(table.find("GET", "/v1/incidents/")).isEmpty();
        assertThat(table.find("GET", "/v1/incidents/a/b")).isEmpty();
        assertThat(table.find("GET", "/files")).isEmpty();
        assertThat(table.find("GET", "/files/")).isEmpty();
    }

    @Test
    void find_defaultRoute_catchesTheRest() {
        // GIVEN a $default route besides a literal one
        RouteTable withDefault = new RouteTable(List.of(new HttpRoute("ANY", "$default", "DefaultFunction"),
                new HttpRoute("GET", "/ping", "PingFunction")));
        // WHEN requests come / THEN the literal route wins where it fits, $default takes the rest
        assertThat(withDefault.find("GET", "/ping").orElseThrow().route().functionId()).isEqualTo("PingFunction");
        RouteTable.Match other = withDefault.find("POST", "/anything/else").orElseThrow();
        assertThat(other.route().functionId()).isEqualTo("DefaultFunction");
        assertThat(other.route().routeKey()).isEqualTo("$default");
    }

    @Test
    void route_greedyNotLast_rejected() {
        // GIVEN / WHEN a greedy variable is followed by more / THEN the route is invalid
        assertThatThrownBy(() -> new HttpRoute("GET", "/a/{proxy+}/b", "F"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greedy");
    }
}
