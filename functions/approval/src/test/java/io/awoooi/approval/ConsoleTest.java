package io.awoooi.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.aws.DynamoDbIncidentStore;
import io.awoooi.aws.DynamoDbTrustStore;
import io.awoooi.core.alert.Alert;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.approval.ActionPattern;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console inside Quarkus, through the mock Lambda event server, on dynalite: sign-in for a
 * session cookie, every page behind it, the CSRF-checked sign-out, and nothing of an alert's real
 * values on a page.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
class ConsoleTest {
    private static final String HOST = "api.example.test";
    private static String incidentId;
    private static ApprovalRequest request;

    @BeforeAll
    static void seed() {
        var store = new DynamoDbIncidentStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
        Instant now = Instant.now();
        Alert alert = new Alert(AlertStatus.FIRING, Map.of("alertname", "ConsoleDown", "severity", "critical",
                "instance", "10.9.9.9"), Map.of(), now.minusSeconds(120), Optional.empty(), "", "fpconsole0000001");
        Incident incident = Incident.open(new IncidentIds(Clock.systemUTC()).next(), "gkh-console", List.of(alert),
                now.minusSeconds(60));
        store.create(incident);
        incidentId = incident.id();
        request = ApprovalLinksTest.pendingHighRequest(incidentId, Duration.ofMinutes(30));
        new DynamoDbTrustStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("TrustTable")).increment(request.pattern());
    }

    static Map<String, Object> event(String method, String proxy, Map<String, String> headers, String cookie, String form) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + (proxy == null ? " /console" : " /console/{proxy+}"));
        event.put("rawPath", "/console" + (proxy == null ? "" : "/" + proxy));
        Map<String, String> h = new HashMap<>(headers);
        h.putIfAbsent("host", HOST);
        if (form != null) {
            h.put("content-type", "application/x-www-form-urlencoded");
            event.put("body", form);
        }
        event.put("headers", h);
        if (cookie != null) {
            event.put("cookies", List.of(cookie));
        }
        if (proxy != null) {
            event.put("pathParameters", Map.of("proxy", proxy.contains("?") ? proxy.substring(0, proxy.indexOf('?')) : proxy));
        }
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", "/console"), "stage", "$default",
                "domainName", HOST));
        event.put("isBase64Encoded", false);
        return event;
    }

    static JsonPath invoke(Map<String, Object> event) {
        return IncidentApiHandlerTest.invoke(event);
    }

    /** Signs in with the operator token; answers the Set-Cookie value. */
    static String signIn() {
        JsonPath r = invoke(event("POST", "sign-in", Map.of("origin", "https://" + HOST), null,
                "token=" + URLEncoder.encode(LocalAwsResource.TOKEN, StandardCharsets.UTF_8)));
        assertThat(r.getInt("statusCode")).isEqualTo(303);
        return r.getList("cookies", String.class).get(0);
    }

    static String page(String proxy, String cookie) {
        JsonPath r = invoke(event("GET", proxy, Map.of(), cookie, null));
        assertThat(r.getInt("statusCode")).as(proxy + ": " + r.getString("body")).isEqualTo(200);
        return r.getString("body");
    }

    private static String cookiePair(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void signIn_operatorToken_secureHttpOnlyStrictExpiringCookieAndRedirectToIncidents() {
        // GIVEN the operator token WHEN it is posted to the sign-in form
        JsonPath r = invoke(event("POST", "sign-in", Map.of(), null,
                "token=" + URLEncoder.encode(LocalAwsResource.TOKEN, StandardCharsets.UTF_8)));

        // THEN 303 to the incidents, with a session cookie the page's scripts cannot read and no other site sends
        assertThat(r.getInt("statusCode")).isEqualTo(303);
        assertThat(r.getString("headers.location")).isEqualTo("/console/incidents");
        String cookie = r.getList("cookies", String.class).get(0);
        assertThat(cookie).startsWith(Console.COOKIE + "=s1.").contains("; Path=/").contains("; HttpOnly")
                .contains("; Secure").contains("; SameSite=Strict").containsPattern("; Max-Age=28[0-9]{3}");
        assertThat(cookie).doesNotContain(LocalAwsResource.TOKEN);
    }

    @Test
    void signIn_wrongOrIntakeToken_401FormAgainAndNoCookie() {
        for (String token : List.of("nope", "test-intake-token-0123456789", "")) {
            JsonPath r = invoke(event("POST", "sign-in", Map.of(), null, "token=" + token));
            assertThat(r.getInt("statusCode")).as(token).isEqualTo(401);
            assertThat(r.getList("cookies")).as(token).isNullOrEmpty();
            assertThat(r.getString("body")).contains("That is not the operator token");
        }
    }

    @Test
    void signIn_fromAnotherSite_403() {
        JsonPath r = invoke(event("POST", "sign-in", Map.of("origin", "https://evil.example"), null,
                "token=" + LocalAwsResource.TOKEN));
        assertThat(r.getInt("statusCode")).isEqualTo(403);
        assertThat(r.getList("cookies")).isNullOrEmpty();
    }

    @Test
    void pages_withoutOrWithForgedCookie_redirectToSignIn() {
        for (String cookie : new String[] {null, Console.COOKIE + "=s1.e30.AAAA", "other=1"}) {
            JsonPath r = invoke(event("GET", "incidents", Map.of(), cookie, null));
            assertThat(r.getInt("statusCode")).as(String.valueOf(cookie)).isEqualTo(303);
            assertThat(r.getString("headers.location")).isEqualTo("/console/sign-in");
            assertThat(r.getString("body")).doesNotContain("ConsoleDown");
        }
        // and the operator token as a bearer header is not a session
        JsonPath bearer = invoke(event("GET", "incidents", Map.of("authorization", "Bearer " + LocalAwsResource.TOKEN),
                null, null));
        assertThat(bearer.getInt("statusCode")).isEqualTo(303);
    }

    @Test
    void incidents_signedIn_listWithFiltersAndNoRealValues() {
        // GIVEN a session
        String cookie = cookiePair(signIn());

        // WHEN the list opens, filtered to firing incidents of the last hour
        JsonPath r = invoke(withQuery(event("GET", "incidents", Map.of(), cookie, null),
                Map.of("status", "firing", "since", "1h")));

        // THEN the incident is listed with its status and severity; the filters are echoed; no real value
        assertThat(r.getInt("statusCode")).isEqualTo(200);
        String html = r.getString("body");
        assertThat(html).contains("<h1>Incidents</h1>").contains("ConsoleDown").contains(incidentId)
                .contains("<option value=\"FIRING\" selected>").contains("value=\"1h\"")
                .contains("<main id=main").contains("<nav aria-label=Console>").doesNotContain("10.9.9.9")
                .doesNotContainPattern("<script(?! src=\"/console/poll\\.js\" defer></script>)").doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(r.getString("headers.content-security-policy")).startsWith("default-src 'none'")
                .contains("script-src 'self'");
        assertThat(html).contains("<script src=\"/console/poll.js\" defer></script>");
        // AND a filter it cannot read is a 400 page naming it
        JsonPath bad = invoke(withQuery(event("GET", "incidents", Map.of(), cookie, null), Map.of("since", "yesterday")));
        assertThat(bad.getInt("statusCode")).isEqualTo(400);
        assertThat(bad.getString("body")).contains("since");
    }

    @Test
    void incident_signedIn_detailWithAlertsTimelineAndNoRealValues() {
        String cookie = cookiePair(signIn());
        String html = page("incidents/" + incidentId, cookie);
        assertThat(html).contains("id=alerts").contains("ConsoleDown").contains("id=timeline").contains("id=outcome")
                .contains("Nothing executed.").doesNotContain("10.9.9.9");
        JsonPath unknown = invoke(event("GET", "incidents/inc_00000000000000000000000000", Map.of(), cookie, null));
        assertThat(unknown.getInt("statusCode")).isEqualTo(404);
        JsonPath hostile = invoke(event("GET", "incidents/..%2F..", Map.of(), cookie, null));
        assertThat(hostile.getInt("statusCode")).isEqualTo(404);
    }

    @Test
    void approvalsAndTrust_signedIn_pendingRequestAndPatternScore() {
        String cookie = cookiePair(signIn());
        // the pending request of the seeded incident is listed with its action, checklist and what is still needed
        String approvals = page("approvals", cookie);
        assertThat(approvals).contains("<h1>Pending approvals</h1>").contains("/console/incidents/" + incidentId)
                .contains("Restart every pod of statefulset postgres-db").contains("[ ] alice (devops)").contains("Still needed: 2")
                .contains("class=\"risk risk-HIGH\"");
        // AND the incident's page shows the request's card: action, risk story, checklist, expiry
        String detail = page("incidents/" + incidentId, cookie);
        assertThat(detail).contains("id=checklist").contains("[ ] bob (sre)").contains("id=risk-story")
                .contains("rollout_restart(").contains("id=expiry").contains("Approvals: PENDING");
        // the trust page reads the trust table
        String trust = page("trust", cookie);
        assertThat(trust).contains(ActionPattern.of(request.action()).value()).contains("<td data-label=Score>");
    }

    @Test
    void signOut_withoutCsrfToken_403AndSessionStillValid_withToken_cookieCleared() {
        // GIVEN a session and the CSRF token its pages carry
        String cookie = cookiePair(signIn());
        String html = page("incidents", cookie);
        Matcher m = Pattern.compile("name=csrf value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);

        // WHEN a form posts the sign-out with the cookie alone (a forged form elsewhere could)
        JsonPath forged = invoke(event("POST", "sign-out", Map.of(), cookie, "csrf="));
        JsonPath foreign = invoke(event("POST", "sign-out", Map.of("origin", "https://evil.example"), cookie,
                "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));

        // THEN refused, and nothing changed
        assertThat(forged.getInt("statusCode")).isEqualTo(403);
        assertThat(foreign.getInt("statusCode")).isEqualTo(403);
        assertThat(forged.getList("cookies")).isNullOrEmpty();

        // WHEN the console's own form posts it with the token
        JsonPath out = invoke(event("POST", "sign-out", Map.of("origin", "https://" + HOST), cookie,
                "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));

        // THEN the cookie is cleared and the browser goes to the sign-in form
        assertThat(out.getInt("statusCode")).isEqualTo(303);
        assertThat(out.getString("headers.location")).isEqualTo("/console/sign-in");
        assertThat(out.getList("cookies", String.class).get(0)).startsWith(Console.COOKIE + "=;").contains("Max-Age=0");
    }

    @Test
    void pollScript_withoutSession_servedAsJavaScriptWithNoData() {
        JsonPath r = invoke(event("GET", "poll.js", Map.of(), null, null));
        assertThat(r.getInt("statusCode")).isEqualTo(200);
        assertThat(r.getString("headers.content-type")).startsWith("text/javascript");
        assertThat(r.getString("body")).contains("fetch(location.href").doesNotContain("inc_");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withQuery(Map<String, Object> event, Map<String, String> query) {
        event.put("queryStringParameters", query);
        return event;
    }
}
