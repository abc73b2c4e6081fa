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

    static Map<String, Object> event(String method, String proxy, Map<String, String> headers, String cookie,
            String form) {
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
            event.put("pathParameters",
                    Map.of("proxy", proxy.contains("?") ? proxy.substring(0, proxy.indexOf('?')) : proxy));
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
                .doesNotContainPattern("<script(?! src=\"/console/poll\\.js\" defer></script>)")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(r.getString("headers.content-security-policy")).startsWith("default-src 'none'")
                .contains("script-src 'self'");
        assertThat(html).contains("<script src=\"/console/poll.js\" defer></script>");
        // AND a filter it cannot read is a 400 page naming it
        JsonPath bad = invoke(
                withQuery(event("GET", "incidents", Map.of(), cookie, null), Map.of("since", "yesterday")));
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
    void approvals_everyPendingRequestWhateverMadeIt_linkedToItsPage_soonestExpiryFirst() {
        // GIVEN pending requests of a FinOps saving and a drift rollback (no incident behind them), an outside
        // agent's proposal about an incident, and an incident's own request that expires last; and one of the
        // incident's requests already past its expiry, not swept yet
        ApprovalRequest finops = ApprovalLinksTest.pendingHighRequest(
                io.awoooi.core.finops.RequestSavings.SUBJECT_PREFIX + "20261207_0123456789abcdef",
                Duration.ofMinutes(5));
        ApprovalRequest drift = ApprovalLinksTest.pendingHighRequest(
                io.awoooi.core.drift.RollbackDrift.SUBJECT_PREFIX + "0123456789abcdef0123", Duration.ofMinutes(6));
        ApprovalRequest own = ApprovalLinksTest.pendingHighRequest(Duration.ofMinutes(8));
        ApprovalRequest template = ApprovalLinksTest.pendingHighRequest(Duration.ofMinutes(7));
        ApprovalRequest agents = new ApprovalRequest(
                ApprovalRequest.idForAgent(own.incidentId(), new io.awoooi.core.agent.AgentId("copilot"),
                        template.actionHash()),
                own.incidentId(), template.notificationKey(), template.action(), template.actionHash(),
                template.pattern(), template.risk(), template.trust(), template.quorum(), template.dryRun(),
                template.status(), template.notified(), false, Optional.empty(), template.createdAt(),
                template.expiresAt(), template.updatedAt());
        assertThat(ApprovalLinksTest.store().create(agents)).isTrue();
        ApprovalRequest overdue = ApprovalLinksTest.pendingHighRequest(Duration.ofMinutes(-1));

        // WHEN alice opens the pending approvals
        String html = page("approvals", signIn(LocalAwsResource.ALICE_TOKEN));

        // THEN every live one, the soonest to expire first, each linked to the page that shows it and saying
        // how she decides it; the overdue one is not offered
        int atFinOps = html.indexOf("href=\"/console/finops\"");
        int atDrift = html.indexOf("href=\"/console/drift\"");
        int atAgents = html.indexOf("An outside agent's proposal about the incident.");
        int atOwn = html.indexOf("href=\"/console/incidents/" + own.incidentId() + "\"", atAgents);
        assertThat(List.of(atFinOps, atDrift, atAgents, atOwn)).doesNotContain(-1).isSorted();
        assertThat(html).contains("A FinOps saving (the FinOps page has the report).")
                .contains("A drift rollback (the drift page has the report).")
                .contains("approve or reject with the link you were sent.")
                .contains("open the incident to approve or reject.")
                .doesNotContain("/console/incidents/" + overdue.incidentId())
                .doesNotContain("/console/incidents/" + finops.incidentId())
                .doesNotContain("/console/incidents/" + drift.incidentId());
    }

    @Test
    void approvalsAndTrust_signedIn_pendingRequestAndPatternScore() {
        String cookie = cookiePair(signIn());
        // the pending request of the seeded incident is listed with its action, checklist and what is still needed
        String approvals = page("approvals", cookie);
        assertThat(approvals).contains("<h1>Pending approvals</h1>").contains("/console/incidents/" + incidentId)
                .contains("Restart every pod of statefulset postgres-db").contains("[ ] alice (devops)")
                .contains("Still needed: 2")
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

    @Test
    void finOps_noReportThenOne_emptyStateThenTotalsTopRecommendationsAndGaps() {
        // GIVEN a session and no FinOps report yet
        String cookie = cookiePair(signIn());
        String empty = page("finops", cookie);
        assertThat(empty).contains("<h1>FinOps report</h1>").contains("No FinOps report yet")
                .contains("href=\"/console/finops\" aria-current=page").doesNotContain("id=totals");

        // WHEN the scan writes a report (a priced orphaned claim, an unpriced zombie pod, a gap) and promotes it
        var reports = new io.awoooi.aws.DynamoDbFinOpsReportStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
        Instant at = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var priced = new io.awoooi.core.finops.Finding(io.awoooi.core.finops.Finding.Category.ORPHANED_PVC,
                "pvc shop/data-old", "Delete the unused claim <data-old>", List.of("unmounted for 30 days"),
                Optional.of(new io.awoooi.core.finops.Finding.Saving(io.awoooi.core.finops.Finding.Kind.REALIZABLE,
                        new java.math.BigDecimal("1234.5"), "50 GiB of gp3")),
                Optional.empty(), io.awoooi.core.action.RiskLevel.MEDIUM, Optional.empty());
        var unpriced = new io.awoooi.core.finops.Finding(io.awoooi.core.finops.Finding.Category.ZOMBIE_POD,
                "pod shop/report-gen-x", "Stop the pod that has done nothing for a week", List.of("0 CPU for 7 days"),
                Optional.empty(), Optional.of("no price for its node type"), io.awoooi.core.action.RiskLevel.LOW,
                Optional.empty());
        var report = new io.awoooi.core.finops.FinOpsReport(io.awoooi.core.finops.FinOpsReport.idFor(at), at,
                at.minusSeconds(7 * 86400), "test prices", List.of(priced, unpriced),
                List.of(new io.awoooi.core.finops.Gap("node ip-a", "no usage history")),
                new io.awoooi.core.finops.FinOpsReport.Totals(new java.math.BigDecimal("1234.50"),
                        java.math.BigDecimal.ONE),
                new io.awoooi.core.finops.FinOpsReport.Scope(2, 3, 4));
        reports.save(report, io.awoooi.core.finops.FinOpsReportDocument.toJson(report, 5));
        reports.promote(report.id(), at);
        String html = page("finops", cookie);

        // THEN the page shows the API's totals, each top recommendation with its saving and risk, and the gap, escaped
        assertThat(html).contains("id=total-monthly>$1,235.50<").contains("id=total-realizable>$1,234.50<")
                .contains("id=total-freed>$1.00<").contains("id=total-annual>$14,826.00<")
                .contains("Delete the unused claim &lt;data-old&gt;").doesNotContain("<data-old>")
                .contains("Saving: $1,234.50 a month (realizable)").contains("class=\"risk risk-MEDIUM\"")
                .contains("id=unpriced><li><code>pod shop/report-gen-x</code>: Stop the pod that has done nothing for a"
                        + " week (not priced: no price for its node type)")
                .contains("id=gaps").contains("node ip-a").contains("no usage history")
                .contains(report.id());
        assertThat(html.split("<h1").length).isEqualTo(2);
        assertThat(html).contains("<main id=main").contains("<nav aria-label=Console>");
    }

    @Test
    void drift_noScanThenOne_emptyStateThenRedactedLinesNarrativeAndWhen() {
        // GIVEN a session and no drift scan yet
        String cookie = cookiePair(signIn());
        String empty = page("drift", cookie);
        assertThat(empty).contains("<h1>Drift report</h1>").contains("No drift scan has run yet")
                .contains("href=\"/console/drift\" aria-current=page").doesNotContain("id=drift ");

        // WHEN a scan stores a report (an image pulled from a registry by IP) and its narrative
        var dynamo = LocalAwsResource.aws.dynamo().client();
        String table = LocalAwsResource.aws.resources().tableName("StateTable");
        var item = new io.awoooi.core.drift.DriftItem(io.awoooi.core.drift.DriftCategory.IMAGE,
                io.awoooi.core.drift.Severity.HIGH, "spec.template.spec.containers[app].image", "10.9.8.7:5000/shop:1",
                "10.9.8.7:5000/shop:2", true, "");
        var w = new io.awoooi.core.drift.WorkloadDrift(
                new io.awoooi.core.drift.WorkloadRef("Deployment", "shop", "checkout"),
                "u1", "42", io.awoooi.core.drift.DesiredSource.LAST_APPLIED, List.of(item));
        Instant at = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var report = new io.awoooi.core.drift.DriftReport("drf_203101010000_abcdef0123", at, List.of("shop"), Map.of(),
                List.of(w), 3, List.of(), List.of(item.fingerprint(w.ref())));
        new io.awoooi.aws.DynamoDbDriftStore(dynamo, table).save(report);
        new io.awoooi.aws.DynamoDbOperationLog(dynamo, table).append(new io.awoooi.core.audit.Operation(
                io.awoooi.core.audit.Operation.idFor(report.id(), io.awoooi.core.drift.DriftNarration.OPERATION),
                report.id(), io.awoooi.core.drift.DriftNarration.OPERATION, "drift-narrator", Map.of(),
                Map.of("narrative", "One image in <checkout> changed by hand", "items", "[]"), 5, Optional.empty(),
                at));
        String html = page("drift", cookie);

        // THEN the drift line in redacted words, the narrative escaped, when it ran; no real value
        assertThat(html).contains(
                "Deployment/shop/checkout: container app image [IP_1]:5000/shop:1 -&gt; [IP_1]:5000/shop:2 [HIGH]")
                .doesNotContain("10.9.8.7").contains("id=narrative>One image in &lt;checkout&gt; changed by hand<")
                .contains(io.awoooi.core.HumanTime.at(at)).contains(report.id()).contains("class=\"risk risk-HIGH\"");
        assertThat(html.split("<h1").length).isEqualTo(2);
    }

    @Test
    void reportPages_withoutSession_redirectToSignIn() {
        for (String proxy : List.of("finops", "drift")) {
            JsonPath r = invoke(event("GET", proxy, Map.of(), null, null));
            assertThat(r.getInt("statusCode")).as(proxy).isEqualTo(303);
            assertThat(r.getString("headers.location")).as(proxy).isEqualTo("/console/sign-in");
            assertThat(r.getString("body")).as(proxy).doesNotContain("FinOps report").doesNotContain("Drift report");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withQuery(Map<String, Object> event, Map<String, String> query) {
        event.put("queryStringParameters", query);
        return event;
    }

    // ---------------------------------------------------------------- approvers decide from the card

    /** A new incident with a pending HIGH request whose links went to alice and bob. */
    private static ApprovalRequest freshRequest() {
        var store = new DynamoDbIncidentStore(LocalAwsResource.aws.dynamo().client(),
                LocalAwsResource.aws.resources().tableName("StateTable"));
        Instant now = Instant.now();
        Alert alert = new Alert(AlertStatus.FIRING, Map.of("alertname", "DecideDown", "severity", "critical",
                "instance", "10.9.9.8"), Map.of(), now.minusSeconds(120), Optional.empty(), "", "fpdecide00000001");
        Incident incident = Incident.open(new IncidentIds(Clock.systemUTC()).next(), "gkh-decide-" + now.toEpochMilli(),
                List.of(alert), now.minusSeconds(60));
        store.create(incident);
        return ApprovalLinksTest.pendingHighRequest(incident.id(), Duration.ofMinutes(30));
    }

    static String signIn(String token) {
        JsonPath r = invoke(event("POST", "sign-in", Map.of("origin", "https://" + HOST), null,
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        assertThat(r.getInt("statusCode")).as(r.getString("body")).isEqualTo(303);
        return cookiePair(r.getList("cookies", String.class).get(0));
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=csrf value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static JsonPath decide(ApprovalRequest r, String cookie, String csrf, String decision, String action,
            String origin) {
        return invoke(event("POST", "incidents/" + r.incidentId() + "/decision", Map.of("origin", origin), cookie,
                "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&decision=" + decision + "&action="
                        + action + "&reason=" + URLEncoder.encode("not now", StandardCharsets.UTF_8)));
    }

    @Test
    void incident_approverSignedIn_buttonsForHer_operatorNone() {
        // GIVEN a pending HIGH request alice may sign
        ApprovalRequest r = freshRequest();

        // WHEN alice (with her own console token) and the operator open the incident
        String alice = page("incidents/" + r.incidentId(), signIn(LocalAwsResource.ALICE_TOKEN));
        String operator = page("incidents/" + r.incidentId(), signIn(LocalAwsResource.TOKEN));

        // THEN alice sees who she is and the two buttons (two forms, each with the CSRF token and the action)
        assertThat(alice).contains("Signed in as Alice (DevOps), an approver.").contains("id=approve")
                .contains("Approve &amp; execute").contains("id=reject-button").contains("<label for=reason>")
                .contains("name=action value=\"" + r.actionHash() + "\"").doesNotContain("10.9.9.8");
        // AND the operator sees the card without any button
        assertThat(operator).contains("id=checklist").doesNotContain("id=approve").doesNotContain("decision-form")
                .contains("or here when signed in with their own console token");
        // AND her pending approvals say which requests ask for her signature; the operator's do not
        assertThat(page("approvals", signIn(LocalAwsResource.ALICE_TOKEN))).contains("Your signature is asked");
        assertThat(page("approvals", signIn(LocalAwsResource.TOKEN))).doesNotContain("Your signature is asked");
        // AND carol (the CTO cannot sign HIGH) is told why she has no buttons
        String carol = page("incidents/" + r.incidentId(), signIn(LocalAwsResource.CAROL_TOKEN));
        assertThat(carol).contains("You cannot sign this request: your roles cannot sign this request")
                .doesNotContain("id=approve");
    }

    @Test
    void decide_approverApprovesThenBobToo_quorumMetStateInsteadOfButtons_requestApprovedAndDispatched() {
        // GIVEN a pending HIGH request and alice signed in
        ApprovalRequest r = freshRequest();
        String alice = signIn(LocalAwsResource.ALICE_TOKEN);
        String csrf = csrfOf(page("incidents/" + r.incidentId(), alice));

        // WHEN she presses Approve & execute
        JsonPath approved = decide(r, alice, csrf, "approve", r.actionHash(), "https://" + HOST);

        // THEN 303 back to the incident, which shows her signature and her decision instead of the buttons
        assertThat(approved.getInt("statusCode")).as(approved.getString("body")).isEqualTo(303);
        assertThat(approved.getString("headers.location")).isEqualTo("/console/incidents/" + r.incidentId());
        String after = page("incidents/" + r.incidentId(), alice);
        assertThat(after).contains("[x] alice (devops) approved at").contains("id=decision-state")
                .contains("You approved at").doesNotContain("id=approve");
        assertThat(ApprovalLinksTest.store().signatures(r.id())).extracting(s -> s.approverId())
                .containsExactly("alice");
        assertThat(ApprovalLinksTest.store().find(r.id()).orElseThrow().status().name()).isEqualTo("PENDING");

        // WHEN she posts again (a reload) and bob approves from his own session
        assertThat(decide(r, alice, csrf, "approve", r.actionHash(), "https://" + HOST).getInt("statusCode"))
                .isEqualTo(303);
        String bob = signIn(LocalAwsResource.BOB_TOKEN);
        JsonPath bobs = decide(r, bob, csrfOf(page("incidents/" + r.incidentId(), bob)), "approve", r.actionHash(),
                "https://" + HOST);

        // THEN the quorum is met once: APPROVED and dispatched, two signatures
        assertThat(bobs.getInt("statusCode")).isEqualTo(303);
        var stored = ApprovalLinksTest.store().find(r.id()).orElseThrow();
        assertThat(stored.status().name()).isEqualTo("APPROVED");
        assertThat(stored.dispatched()).isTrue();
        assertThat(ApprovalLinksTest.store().signatures(r.id())).hasSize(2);
        assertThat(page("incidents/" + r.incidentId(), bob)).contains("Approvals: APPROVED")
                .doesNotContain("id=approve");
    }

    @Test
    void decide_rejectWithReason_endsTheRequest() {
        // GIVEN a pending request and bob signed in
        ApprovalRequest r = freshRequest();
        String bob = signIn(LocalAwsResource.BOB_TOKEN);

        // WHEN he rejects with a reason
        JsonPath rejected = decide(r, bob, csrfOf(page("incidents/" + r.incidentId(), bob)), "reject", r.actionHash(),
                "https://" + HOST);

        // THEN the request is rejected with his reason
        assertThat(rejected.getInt("statusCode")).isEqualTo(303);
        var stored = ApprovalLinksTest.store().find(r.id()).orElseThrow();
        assertThat(stored.status().name()).isEqualTo("REJECTED");
        assertThat(stored.reason()).hasValueSatisfying(why -> assertThat(why).contains("bob").contains("not now"));
    }

    @Test
    void decide_refusals_operatorNoCsrfOtherOriginOtherActionOrNoSession_nothingRecorded() {
        // GIVEN a pending request, the operator's and alice's sessions
        ApprovalRequest r = freshRequest();
        String operator = signIn(LocalAwsResource.TOKEN);
        String operatorCsrf = csrfOf(page("incidents/" + r.incidentId(), operator));
        String alice = signIn(LocalAwsResource.ALICE_TOKEN);
        String csrf = csrfOf(page("incidents/" + r.incidentId(), alice));

        // WHEN the operator posts a decision with a valid CSRF token; alice without one, from another
        // site, for another action, with operator's CSRF token; and nobody signed in
        JsonPath byOperator = decide(r, operator, operatorCsrf, "approve", r.actionHash(), "https://" + HOST);
        JsonPath noCsrf = decide(r, alice, "", "approve", r.actionHash(), "https://" + HOST);
        JsonPath otherSite = decide(r, alice, csrf, "approve", r.actionHash(), "https://evil.example");
        JsonPath otherCsrf = decide(r, alice, operatorCsrf, "approve", r.actionHash(), "https://" + HOST);
        JsonPath otherAction = decide(r, alice, csrf, "approve", "0".repeat(64), "https://" + HOST);
        JsonPath noDecision = decide(r, alice, csrf, "maybe", r.actionHash(), "https://" + HOST);
        JsonPath noSession = decide(r, null, csrf, "approve", r.actionHash(), "https://" + HOST);

        // THEN each is refused, and no signature exists
        assertThat(byOperator.getInt("statusCode")).isEqualTo(403);
        assertThat(byOperator.getString("body")).contains("Approvers decide");
        assertThat(noCsrf.getInt("statusCode")).isEqualTo(403);
        assertThat(otherSite.getInt("statusCode")).isEqualTo(403);
        assertThat(otherCsrf.getInt("statusCode")).isEqualTo(403);
        assertThat(otherAction.getInt("statusCode")).isEqualTo(403);
        assertThat(noDecision.getInt("statusCode")).isEqualTo(400);
        assertThat(noSession.getInt("statusCode")).isEqualTo(303);
        assertThat(noSession.getString("headers.location")).isEqualTo("/console/sign-in");
        assertThat(ApprovalLinksTest.store().signatures(r.id())).isEmpty();
    }
}
