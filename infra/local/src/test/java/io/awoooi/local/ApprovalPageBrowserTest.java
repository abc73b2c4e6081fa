package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval page in a real browser: the demo webhook goes through the real stack (the
 * template's functions, free ports), alice's link from the local outbox opens in headless
 * Chromium, she sees the card and clicks Approve, and the confirmation and the incident API show
 * her signature. Then the web console on the same stack: sign-in with the operator token, the
 * incident list, the incident, the pending approvals, trust and the FinOps and drift reports, each
 * at 390 px and 1200 px without sideways scroll, every control reachable with the keyboard, and no
 * serious or critical axe-core violation (axe-core from node_modules, installed from the lockfile).
 * Last, approvers sign in as themselves (their own console tokens, which the local stack makes per
 * demo approver) and approve a second incident from its card. Without Chromium this test fails (CI
 * installs it, see .ci/run); it never skips for that reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalPageBrowserTest {

    /** The outbox gets the links once intake, redaction and analysis have run (seconds; generous for slow CI). */
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(90);
    private static final String SIGNER = "alice";

    /** The stack's state: static, so it exists before {@code @BeforeAll} and lasts the whole class. */
    @TempDir
    static Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HeadlessChromium browser;
    private LocalStack stack;
    private String incidentId;
    private URI link;

    @BeforeAll
    void start() throws Exception {
        // Chromium first: without it the test fails here, before the slow stack start
        browser = HeadlessChromium.launch();
        // every function of the real template runs: each needs its function.zip
        SamTemplate template = SamTemplate.load(RepoRoot.find().resolve("infra/sam/template.yaml"));
        List<Path> missing = template.logicalIdsOfType(SamTemplate.FUNCTION).stream()
                .map(fn -> template.directory().resolve(String.valueOf(template.functionProperties(fn).get("CodeUri")))
                        .normalize())
                .filter(zip -> !Files.isRegularFile(zip))
                .toList();
        assumeThat(missing)
                .as("function.zip files not built: build them with mvn -DskipTests install (or ./awoooi build)"
                        + " to run the browser test")
                .isEmpty();
        stack = LocalStack.builder().stateDir(stateDir).environment(Map.of()).controlServer(true).stackFile(true)
                .start();

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/alerts"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.intakeToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(DemoContext.webhook())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        incidentId = Json.parse(accepted.body()).path("incidentId").asText();
        link = awaitApprovalLink(incidentId, SIGNER);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(10)
    void approvalLink_openedInChromium_cardWithHeadlineActionRiskChecklistAndButtonsWithoutPii() throws Exception {
        // GIVEN alice's approval link from the outbox, for the action the incident API says was proposed
        JsonNode approval = incident().path("approval");
        assertThat(approval.path("risk").asText()).isEqualTo("HIGH"); // a restart of the demo's database
        String action = approval.path("action").path("id").asText();
        assertThat(action).isIn("restart_pod", "rollout_restart");

        // WHEN she opens it in the browser
        browser.navigate(link);

        // THEN the card shows who she is, the alert's summary as the headline, the action in words and in the
        // catalog's form, its risk, the checklist of who was asked, and the two buttons
        assertThat(browser.responseStatus()).isEqualTo(200);
        String text = browser.bodyText();
        assertThat(text).contains("Signed in by your link as Alice (DevOps)");
        assertThat(browser.text("#headline")).hasValue("PostgreSQL on [IP_1] is down");
        assertThat(browser.text("#firing")).hasValueSatisfying(f -> assertThat(f).startsWith("critical, since ")
                .contains(" UTC (").doesNotContain(".123"));
        assertThat(browser.text("#action")).hasValueSatisfying(words -> assertThat(words).startsWith("Restart "));
        assertThat(browser.text("#action-call")).hasValueSatisfying(shown -> {
            assertThat(shown).startsWith(action + "(");
            approval.path("action").path("params").properties()
                    .forEach(p -> assertThat(shown).contains(p.getKey() + "=" + p.getValue().asText()));
        });
        assertThat(browser.text("#root-causes")).hasValueSatisfying(rc -> assertThat(rc).contains("shop/postgres-db"));
        assertThat(browser.text("#blast-radius")).hasValueSatisfying(b -> assertThat(b).contains("frontend")
                .contains("ingress"));
        assertThat(browser.text("span.risk")).hasValue("HIGH");
        assertThat(browser.text("#risk-story")).hasValueSatisfying(story -> assertThat(story).startsWith("HIGH: "));
        assertThat(browser.text("#status")).hasValue("PENDING");
        assertThat(browser.text("#checklist")).hasValueSatisfying(c -> assertThat(c).contains("[ ] alice (devops)")
                .contains("[ ] bob (sre)"));
        assertThat(browser.text("button#approve")).hasValue("Approve & execute");
        assertThat(browser.text("button#reject-button")).hasValue("Reject");
        // AND nothing of the webhook's personal data, neither shown nor in the markup
        String html = browser.html();
        for (String value : TracerBullet.DEMO_PII) {
            assertThat(text).as("the card's text shows a value of the webhook's PII").doesNotContain(value);
            assertThat(html).as("the card's markup holds a value of the webhook's PII").doesNotContain(value);
        }
    }

    @Test
    @Order(20)
    void approvalCard_onAPhoneAndOnADesk_noSidewaysScrollAndReadInOrder() throws Exception {
        for (int width : List.of(390, 1200)) {
            // GIVEN a screen 390 px wide (a phone) or 1200 px (a desk)
            browser.viewport(width, width == 390 ? 844 : 900, width == 390);

            // WHEN alice's card is open
            browser.navigate(link);

            // THEN nothing is wider than the screen (the headline and the long names wrap)
            assertThat(browser.overflowsSideways()).as("sideways scroll at %d px", width).isFalse();
            // AND she reads the headline, the root cause, the quorum and then the buttons, in that order
            double headline = browser.top("#headline");
            double rootCause = browser.top("#root-cause-part");
            double quorum = browser.top("#quorum");
            double buttons = browser.top("button#approve");
            assertThat(headline).as("headline at %d px", width).isGreaterThanOrEqualTo(0);
            assertThat(rootCause).as("root cause below the headline at %d px", width).isGreaterThan(headline);
            assertThat(quorum).as("quorum below the root cause at %d px", width).isGreaterThan(rootCause);
            assertThat(buttons).as("buttons below the quorum at %d px", width).isGreaterThan(quorum);
        }
        browser.viewport(1200, 900, false);
    }

    /** The console's pages that need a session, as paths under the API. */
    private List<String> consolePages() {
        return List.of("/console/incidents", "/console/incidents?status=FIRING&since=1h",
                "/console/incidents/" + incidentId,
                "/console/approvals", "/console/trust", "/console/finops", "/console/drift");
    }

    @Test
    @Order(24)
    void reports_scansRunOnDemand_theirConsolePagesShowTheLatestReports() throws Exception {
        // GIVEN the FinOps and drift scans run on demand (as ./awoooi invoke does)
        InvocationResult finops = stack.invoke("FinOpsScanFunction", stack.defaultEvent("FinOpsScanFunction"));
        InvocationResult drift = stack.invoke("DriftScanFunction", stack.defaultEvent("DriftScanFunction"));

        // THEN both wrote a report (the pages below show them, not their empty states)
        assertThat(finops.succeeded()).as(finops.toString()).isTrue();
        assertThat(drift.succeeded()).as(drift.toString()).isTrue();
    }

    @Test
    @Order(25)
    void console_signInWithTheOperatorToken_pagesShowTheIncidentItsCardAndThePendingRequestWithoutPii()
            throws Exception {
        // GIVEN the console's sign-in page (a page behind the session sends the browser there)
        browser.viewport(1200, 900, false);
        browser.navigate(stack.apiUrl().resolve("/console/incidents"));
        assertThat(browser.location().getPath()).isEqualTo("/console/sign-in");

        // WHEN the operator types a wrong token, then the operator token
        browser.evaluate("document.querySelector('#token').value = 'not-the-token'");
        browser.clickAndAwaitPage("#sign-in");
        assertThat(browser.responseStatus()).isEqualTo(401);
        assertThat(browser.text("#sign-in-problem"))
                .hasValue("That is not the operator token, nor an approver's console token.");
        browser.evaluate(
                "document.querySelector('#token').value = " + Json.MAPPER.writeValueAsString(stack.operatorToken()));
        browser.clickAndAwaitPage("#sign-in");

        // THEN the incident list, with the incident, its root cause, action and pending approval
        assertThat(browser.location().getPath()).isEqualTo("/console/incidents");
        assertThat(browser.responseStatus()).isEqualTo(200);
        // the session cookie is HttpOnly: the page's scripts cannot read it
        assertThat(browser.evaluate("document.cookie").asText()).doesNotContain("awoooi_console");
        assertThat(browser.text("#incident-table")).hasValueSatisfying(t -> assertThat(t).contains(incidentId)
                .contains("PostgresDown").contains("shop/postgres-db").contains("PENDING (HIGH)"));

        // AND the incident: the headline, root cause, blast radius by name, the action, the checklist, the timeline
        browser.navigate(stack.apiUrl().resolve("/console/incidents/" + incidentId));
        assertThat(browser.text("#headline")).hasValue("PostgreSQL on [IP_1] is down");
        assertThat(browser.text("#root-causes")).hasValueSatisfying(rc -> assertThat(rc).contains("shop/postgres-db"));
        assertThat(browser.text("#blast-radius")).hasValueSatisfying(b -> assertThat(b).contains("frontend"));
        // the blast radius as a picture: the callers above, the root cause at the bottom
        assertThat(browser.text("#blast-graph .node.caller")).isPresent();
        assertThat(browser.top(".node.cause")).isGreaterThan(browser.top(".node.caller"));
        assertThat(browser.text("#blast-graph .node.cause")).hasValue("shop/postgres-db");
        assertThat(browser.text("#action")).hasValueSatisfying(a -> assertThat(a).startsWith("Restart "));
        assertThat(browser.text("#checklist")).hasValueSatisfying(c -> assertThat(c).contains("[ ] alice (devops)"));
        assertThat(browser.text("#timeline")).hasValueSatisfying(t -> assertThat(t).contains("approval requested"));
        assertThat(browser.text("#narrative")).isPresent();
        // the operator views: no decision buttons on the card (approvers sign in as themselves for those)
        assertThat(browser.text("button#approve")).isEmpty();
        assertThat(browser.text("#expiry")).hasValueSatisfying(e -> assertThat(e).contains("their own console token"));

        // AND the pending approvals list it; trust answers
        browser.navigate(stack.apiUrl().resolve("/console/approvals"));
        assertThat(browser.text("#approvals"))
                .hasValueSatisfying(a -> assertThat(a).contains("PostgreSQL on [IP_1] is down")
                        .contains("Still needed: "));
        browser.navigate(stack.apiUrl().resolve("/console/trust"));
        assertThat(browser.responseStatus()).isEqualTo(200);
        // AND the latest FinOps and drift reports (written on demand above), not their empty states
        browser.navigate(stack.apiUrl().resolve("/console/finops"));
        assertThat(browser.responseStatus()).isEqualTo(200);
        assertThat(browser.text("h1")).hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("finops"));
        assertThat(browser.text("#no-finops")).isEmpty();
        browser.navigate(stack.apiUrl().resolve("/console/drift"));
        assertThat(browser.responseStatus()).isEqualTo(200);
        assertThat(browser.text("#no-drift")).isEmpty();

        // AND no page holds a value of the webhook's personal data
        for (String page : consolePages()) {
            browser.navigate(stack.apiUrl().resolve(page));
            String text = browser.bodyText();
            String html = browser.html();
            for (String value : TracerBullet.DEMO_PII) {
                assertThat(text).as(page).doesNotContain(value);
                assertThat(html).as(page).doesNotContain(value);
            }
        }
    }

    @Test
    @Order(26)
    void consolePages_onAPhoneAndADesk_noSidewaysScrollKeyboardReachableAndNoSeriousAxeViolations() throws Exception {
        Path axe = RepoRoot.find().resolve("node_modules/axe-core/axe.min.js");
        assertThat(axe).as("axe-core is installed from the lockfile (npm ci)").isRegularFile();
        List<String> pages = consolePages();
        for (int width : List.of(390, 1200)) {
            // GIVEN a phone or a desk
            browser.viewport(width, width == 390 ? 844 : 900, width == 390);
            for (String page : pages) {
                // WHEN each page is open
                browser.navigate(stack.apiUrl().resolve(page));
                assertThat(browser.responseStatus()).as(page).isEqualTo(200);

                // THEN nothing is wider than the screen
                assertThat(browser.overflowsSideways()).as("sideways scroll on %s at %d px", page, width).isFalse();
                // AND landmarks and one h1
                assertThat(browser.evaluate("document.querySelectorAll('main').length").asInt()).as(page).isEqualTo(1);
                assertThat(browser.evaluate("document.querySelectorAll('h1').length").asInt()).as(page).isEqualTo(1);
                // AND no serious or critical accessibility violation
                assertThat(browser.axeViolations(axe, java.util.Set.of("serious", "critical")))
                        .as("axe on %s at %d px", page,
                                width)
                        .isEmpty();
                // AND every control is reached with Tab
                assertThat(unreachableByKeyboard()).as("controls Tab never reaches on %s at %d px", page, width)
                        .isEmpty();
            }
        }
        browser.viewport(1200, 900, false);
    }

    /** The visible links, buttons, inputs, selects and summaries that pressing Tab never focuses. */
    private List<String> unreachableByKeyboard() throws Exception {
        int count = browser.evaluate("(() => { const all = [...document.querySelectorAll("
                + "'a[href], button, input:not([type=hidden]), select, textarea, summary')]"
                + ".filter(e => e.getClientRects().length > 0 || e.classList.contains('skip'));"
                + " all.forEach((e, i) => e.setAttribute('data-kbd', String(i))); document.activeElement.blur();"
                + " window.scrollTo(0, 0); return all.length; })()").asInt();
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (int i = 0; i < count + 3; i++) {
            browser.pressTab(false);
            JsonNode focused = browser
                    .evaluate("document.activeElement && document.activeElement.getAttribute('data-kbd')");
            if (focused.isTextual()) {
                reached.add(focused.asText());
            }
        }
        List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!reached.contains(String.valueOf(i))) {
                missing.add(
                        browser.evaluate("document.querySelector('[data-kbd=\"" + i + "\"]').outerHTML.slice(0, 120)")
                                .asText());
            }
        }
        return missing;
    }

    @Test
    @Order(30)
    void approveButton_clickedInChromium_confirmationPendingAndAliceSignatureInIncident() throws Exception {
        // GIVEN alice's card open in the browser
        browser.navigate(link);

        // WHEN she clicks Approve & execute
        browser.clickAndAwaitPage("#approve");

        // THEN the confirmation: her decision is recorded, the request still waits for bob (HIGH needs two);
        // the page shows where it stands instead of the buttons
        assertThat(browser.responseStatus()).isEqualTo(200);
        assertThat(browser.text("#confirmation")).hasValue("Approved: your decision is recorded");
        assertThat(browser.text("#status")).hasValue("PENDING");
        assertThat(browser.text("#checklist"))
                .hasValueSatisfying(c -> assertThat(c).contains("[x] alice (devops) approved at"));
        assertThat(browser.text("#state-line")).hasValueSatisfying(s -> assertThat(s)
                .startsWith("Waiting for 1 more approval from admin, devops or sre"));
        assertThat(browser.text("button#approve")).isEmpty();
        // the form posted to the request's address; the token went in the body, not into the address bar
        URI location = browser.location();
        assertThat(location.getPath()).isEqualTo(link.getPath());
        assertThat(location.getQuery()).isNull();
        // AND the incident API shows alice's approve as the only signature of the pending request
        JsonNode approval = incident().path("approval");
        assertThat(approval.path("status").asText()).isEqualTo("PENDING");
        assertThat(approval.path("signatures")).hasSize(1);
        assertThat(approval.path("signatures").path(0).path("approver").asText()).isEqualTo(SIGNER);
        assertThat(approval.path("signatures").path(0).path("decision").asText()).isEqualTo("approve");
    }

    @Test
    @Order(40)
    void secondClickFromAStalePage_answersTheRecordedStateNot409() throws Exception {
        // GIVEN bob's card open in the browser, and bob's approval recorded meanwhile (another tab, a retry)
        URI bob = awaitApprovalLink(incidentId, "bob");
        browser.navigate(bob);
        String token = java.net.URLDecoder.decode(bob.getRawQuery().substring(2),
                java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(bob.toString().substring(0,
                bob.toString().indexOf('?')))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("decision=approve&t=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);

        // WHEN he clicks Approve & execute on the page he still has open
        browser.clickAndAwaitPage("#approve");

        // THEN 200: his decision stands, the request is approved (two signatures), no buttons
        assertThat(browser.responseStatus()).isEqualTo(200);
        assertThat(browser.text("#confirmation")).hasValueSatisfying(c -> assertThat(c).startsWith("You approved at ")
                .endsWith("your decision stands, nothing more to do"));
        assertThat(browser.text("#status")).hasValueSatisfying(s -> assertThat(s).isIn("APPROVED", "EXECUTED"));
        assertThat(browser.text("button#approve")).isEmpty();
        assertThat(incident().path("approval").path("signatures")).hasSize(2);
    }

    @Test
    @Order(50)
    void cli_incidentsIncidentAndAlert_printTheApisViewsForPeople() throws Exception {
        // GIVEN the running stack (its stack.json names the control port, no token)
        assertThat(StackFile.read(StackFile.path(stateDir))).as("stack.json in " + stateDir).isPresent();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        ControlClient cli = new ControlClient(stateDir,
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

        // WHEN ./awoooi incidents --status firing, ./awoooi incident ID and a bad filter run
        int listed = cli.incidents(new String[] {"--status", "firing", "--since", "1h"});
        int shown = cli.incident(new String[] {incidentId});
        int refused = cli.incidents(new String[] {"--since", "yesterday"});
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);

        // THEN the list and the story, in words, without a value of the webhook's personal data
        assertThat(listed).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
        assertThat(shown).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains(incidentId + "  FIRING  critical  ").contains("PostgresDown")
                .contains("Incident " + incidentId + ": FIRING, critical").contains("PostgreSQL on [IP_1] is down")
                .contains("Approval: ").contains("[x] alice (devops) approved at ");
        for (String value : TracerBullet.DEMO_PII) {
            assertThat(printed).doesNotContain(value);
        }
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("HTTP 400: since must be an ISO-8601");

        // AND ./awoooi alert FILE posts a webhook and names its incident
        Path file = stateDir.resolve("webhook.json");
        Files.write(file, new String(DemoContext.webhook(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("{namespace=\\\"shop\\\"}", "{namespace=\\\"shop\\\",scenario=\\\"cli\\\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.reset();
        assertThat(cli.alert(new String[] {file.toString()})).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("awoooi: accepted, incident inc_")
                .doesNotContain(incidentId);
    }

    @Test
    @Order(60)
    void console_afterTheDecisions_incidentShowsSignaturesAndOutcome_signOutEndsTheSession() throws Exception {
        // GIVEN the request approved by alice and bob (earlier tests) and the console still signed in
        browser.viewport(1200, 900, false);
        browser.navigate(stack.apiUrl().resolve("/console/incidents/" + incidentId));
        assertThat(browser.location().getPath()).isEqualTo("/console/incidents/" + incidentId);

        // THEN the checklist shows both signatures and the approval's state
        assertThat(browser.text("#checklist"))
                .hasValueSatisfying(c -> assertThat(c).contains("[x] alice (devops) approved at")
                        .contains("[x] bob (sre) approved at"));
        assertThat(browser.text("#quorum-h"))
                .hasValueSatisfying(h -> assertThat(h).matches("Approvals: (APPROVED|EXECUTED)"));

        // WHEN the operator signs out
        browser.clickAndAwaitPage("#sign-out");

        // THEN the sign-in form, and the pages send the browser back there
        assertThat(browser.location().getPath()).isEqualTo("/console/sign-in");
        assertThat(browser.text("#sign-in")).hasValue("Sign in");
        assertThat(browser.axeViolations(RepoRoot.find().resolve("node_modules/axe-core/axe.min.js"),
                java.util.Set.of("serious", "critical"))).as("axe on the sign-in page").isEmpty();
        browser.navigate(stack.apiUrl().resolve("/console/incidents/" + incidentId));
        assertThat(browser.location().getPath()).isEqualTo("/console/sign-in");
        assertThat(browser.bodyText()).doesNotContain("PostgreSQL on");
    }

    @Test
    @Order(70)
    void console_approversSignInAsThemselves_approveFromTheCard_stateInsteadOfButtonsWithoutPii() throws Exception {
        // GIVEN a second incident (another scenario label: its own group) whose HIGH request waits for two
        // operators, and the demo approvers' own console tokens the local stack made
        java.util.Map<String, String> tokens = stack.approverTokens();
        assertThat(tokens).containsKeys("alice", "bob");
        // the first incident's restart healed the database (once executed and verified, a new analysis
        // rightly finds nothing to restart): break it again, as the demo's second scenario does, and
        // let the analysis's topology cache (2 s locally) expire
        awaitFirstExecutionVerified();
        DemoFaults.breakDemoDatabase(stack.kubernetes().orElseThrow());
        Thread.sleep(2_500);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/alerts"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.intakeToken())
                .POST(HttpRequest.BodyPublishers
                        .ofString(new String(DemoContext.webhook(), java.nio.charset.StandardCharsets.UTF_8)
                                .replace("{namespace=\\\"shop\\\"}",
                                        "{namespace=\\\"shop\\\",scenario=\\\"console\\\"}")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String second = Json.parse(accepted.body()).path("incidentId").asText();
        assertThat(second).isNotEqualTo(incidentId);
        awaitApprovalLink(second, "alice");
        URI page = stack.apiUrl().resolve("/console/incidents/" + second);

        // WHEN alice signs in with her own token and opens the incident
        browser.viewport(390, 844, true);
        signIn(tokens.get("alice"));
        browser.navigate(page);

        // THEN the card says who she is and offers her the two buttons; the page fits a phone and passes axe
        assertThat(browser.text("#signed-in-as")).hasValue("Signed in as Alice (DevOps), an approver.");
        assertThat(browser.text("button#approve")).hasValue("Approve & execute");
        assertThat(browser.text("button#reject-button")).hasValue("Reject");
        assertThat(browser.top("button#approve")).isGreaterThan(browser.top("#checklist"));
        assertThat(browser.overflowsSideways()).as("sideways scroll with the buttons at 390 px").isFalse();
        assertThat(browser.axeViolations(RepoRoot.find().resolve("node_modules/axe-core/axe.min.js"),
                java.util.Set.of("serious", "critical"))).as("axe on the approver's card").isEmpty();
        assertThat(unreachableByKeyboard()).as("controls Tab never reaches on the approver's card").isEmpty();

        // WHEN she presses Approve & execute
        browser.clickAndAwaitPage("button#approve");

        // THEN back on the incident: her signature in the checklist, her decision instead of the buttons,
        // still waiting for a second operator
        assertThat(browser.location().getPath()).isEqualTo(page.getPath());
        assertThat(browser.responseStatus()).isEqualTo(200);
        assertThat(browser.text("#checklist"))
                .hasValueSatisfying(c -> assertThat(c).contains("[x] alice (devops) approved at"));
        assertThat(browser.text("#decision-state"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("You approved at "));
        assertThat(browser.text("button#approve")).isEmpty();
        assertThat(browser.text("#quorum-h")).hasValue("Approvals: PENDING");

        // WHEN bob signs in as himself and approves too
        browser.clickAndAwaitPage("#sign-out");
        signIn(tokens.get("bob"));
        browser.navigate(page);
        browser.clickAndAwaitPage("button#approve");

        // THEN the quorum is met: the request left PENDING, bob sees his decision, no buttons
        assertThat(browser.text("#quorum-h")).hasValueSatisfying(h -> assertThat(h).doesNotContain("PENDING"));
        assertThat(browser.text("#decision-state"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("You approved at "));
        assertThat(browser.text("button#approve")).isEmpty();
        // AND the incident API records both signatures, by the approvers' ids
        HttpResponse<String> api = incidentAnswer(second);
        JsonNode approval = Json.parse(api.body()).path("approval");
        assertThat(approval.path("status").asText()).isNotEqualTo("PENDING");
        assertThat(approval.path("signatures").findValuesAsText("approver")).containsExactlyInAnyOrder("alice", "bob");
        // AND nothing of the webhook's personal data on the page
        String text = browser.bodyText();
        String html = browser.html();
        for (String value : TracerBullet.DEMO_PII) {
            assertThat(text).doesNotContain(value);
            assertThat(html).doesNotContain(value);
        }
        browser.viewport(1200, 900, false);
    }

    @Test
    @Order(80)
    void expirySweep_onTheRealStack_overdueRequestExpiredOnce_approversAndOperatorsToldOnce() throws Exception {
        // GIVEN a pending HIGH request whose links went to alice and bob, five seconds past its expiry
        var store = new io.awoooi.aws.DynamoDbApprovalStore(stack.dynamo(), stack.resources().tableName("StateTable"));
        String incident = "inc_expiry" + Long.toString(System.nanoTime(), 36);
        var action = new io.awoooi.core.action.ProposedAction(io.awoooi.core.action.ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset"));
        java.time.Instant now = java.time.Instant.now();
        var request = new io.awoooi.core.approval.ApprovalRequest(
                io.awoooi.core.approval.ApprovalRequest.idFor(incident),
                incident, "nk-" + incident, action, io.awoooi.core.approval.ApprovalRequest.hashOf(action),
                io.awoooi.core.approval.ActionPattern.of(action),
                new io.awoooi.core.approval.RiskAssessment(io.awoooi.core.action.RiskLevel.HIGH,
                        io.awoooi.core.action.RiskLevel.HIGH,
                        List.of("rollout_restart of a database is HIGH")),
                0,
                io.awoooi.core.approval.Quorum.forLevel(io.awoooi.core.action.RiskLevel.HIGH),
                new io.awoooi.core.approval.DryRunReport(
                        List.of(io.awoooi.core.approval.DryRunCheck.pass("rbac", "allowed")), "fp-1"),
                io.awoooi.core.approval.ApprovalStatus.PENDING, List.of("alice", "bob"), false, Optional.empty(),
                now.minusSeconds(1805), now.minusSeconds(5), now.minusSeconds(1805));
        assertThat(store.create(request)).isTrue();

        // WHEN the sweep runs on demand, twice (the schedule may fire meanwhile too)
        InvocationResult first = stack.invoke("ApprovalExpiryFunction", stack.defaultEvent("ApprovalExpiryFunction"));
        InvocationResult second = stack.invoke("ApprovalExpiryFunction",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // THEN it ran as the approval zip's sweep handler under its own role, and the request is EXPIRED
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(store.find(request.id()).orElseThrow().status())
                .isEqualTo(io.awoooi.core.approval.ApprovalStatus.EXPIRED);
        // AND alice, bob and the on-call operators were told once each
        HttpResponse<String> outbox = http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(OutboxHandler.PATH))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> told = new java.util.ArrayList<>();
        for (JsonNode n : Json.parse(outbox.body())) {
            if (n.path("incidentId").asText().equals(incident) && n.path("kind").asText().equals("expired")) {
                told.add(n.path("recipient").asText());
            }
        }
        assertThat(told).contains("alice", "bob").doesNotHaveDuplicates();
    }

    /** Signs in to the console with a token (the sign-in page first). */
    private void signIn(String token) throws Exception {
        browser.navigate(stack.apiUrl().resolve("/console/sign-in"));
        browser.evaluate("document.querySelector('#token').value = " + Json.MAPPER.writeValueAsString(token));
        browser.clickAndAwaitPage("#sign-in");
        assertThat(browser.location().getPath()).as("signed in").isNotEqualTo("/console/sign-in");
    }

    /** GET /v1/incidents/{id} with the operator token. */
    private JsonNode incident() throws Exception {
        HttpResponse<String> incident = incidentAnswer(incidentId);
        assertThat(incident.statusCode()).as(incident.body()).isEqualTo(200);
        return Json.parse(incident.body());
    }

    /** GET /v1/incidents/{id} as the operator. */
    private HttpResponse<String> incidentAnswer(String id) throws java.io.IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/incidents/" + id))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + stack.operatorToken()).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls GET /local/outbox for the approval_requested notification to {@code recipient} about the incident. */
    private URI awaitApprovalLink(String incident, String recipient) throws Exception {
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> outbox = http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(OutboxHandler.PATH))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (outbox.statusCode() == 200) {
                Optional<String> url = find(Json.parse(outbox.body()), incident, recipient);
                if (url.isPresent()) {
                    return URI.create(url.get());
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no approval_requested notification with a link for " + recipient + " about incident "
                + incident + " in the outbox after " + LINK_TIMEOUT.toSeconds() + " s; the incident API says "
                + incidentForDiagnosis(incident) + "; the functions' log lines about it:\n"
                + String.join("\n", stack.allFunctionLogs().lines().filter(l -> l.contains(incident)
                        || l.contains("ERROR") || l.contains("WARN")).toList()));
    }

    private void awaitFirstExecutionVerified() throws Exception {
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        JsonNode execution = incident().path("execution");
        while (execution.path("outcome").isMissingNode() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            execution = incident().path("execution");
        }
        assertThat(execution.path("outcome").asText()).as("the first incident's execution: " + execution)
                .isEqualTo("EFFECTIVE");
    }

    private String incidentForDiagnosis(String incident) {
        try {
            return incidentAnswer(incident).body();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static Optional<String> find(JsonNode outbox, String incident, String recipient) {
        for (JsonNode n : outbox) {
            if (n.path("incidentId").asText().equals(incident) && n.path("recipient").asText().equals(recipient)
                    && n.path("kind").asText().equals("approval_requested") && n.path("links").size() > 0) {
                return Optional.of(n.path("links").path(0).path("url").asText());
            }
        }
        return Optional.empty();
    }
}
