package io.awoooi.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of {@code ./awoooi demo}: the whole loop, end to end, on the local stack. Each issue
 * that extends the loop appends its steps to {@link #steps()}.
 */
final class TracerBullet {

    static final String INCIDENT_ID = "incidentId";

    private TracerBullet() {
    }

    static List<DemoStep> steps() {
        return List.of(
                new DemoStep("trigger_alert", TracerBullet::triggerAlert),
                new DemoStep("incident_recorded", TracerBullet::incidentRecorded),
                new DemoStep("privacy_shield", TracerBullet::privacyShield),
                new DemoStep("graphrag_analysis", TracerBullet::graphragAnalysis),
                new DemoStep("generate_approval", TracerBullet::generateApproval),
                new DemoStep("multisig_approval", TracerBullet::multisigApproval),
                new DemoStep("execution", TracerBullet::execution),
                new DemoStep("verification", TracerBullet::verification),
                new DemoStep("audit_trail", TracerBullet::auditTrail),
                new DemoStep("toctou_voided", TracerBullet::toctouVoided),
                new DemoStep("console_view", TracerBullet::consoleView),
                new DemoStep("mcp_proposal", McpProposal::mcpProposal),
                new DemoStep("finops_scan", TracerBullet::finopsScan),
                new DemoStep("drift_scan", TracerBullet::driftScan));
    }

    /**
     * Issue #15: the drift scan on demand (as ./awoooi invoke drift-scan does). The image of
     * product-api is changed by hand, as kubectl set image would: the scan reports exactly that field
     * against the last-applied configuration (HIGH), narrates it (an operation-log row
     * notification_formatted by drift_narrator, its AI trace), tells the operators once with their own
     * signed Accept and Rollback links, and shows it at GET /v1/drift/reports/latest; the next run
     * reports it again without telling anyone. A tampered Rollback link is refused (403); alice's
     * Rollback link asks for approval of restore_fields (subject drf_rb_...), she approves it through
     * its approval link in the outbox, the executor puts the image back (EXECUTED), the next scan finds
     * no drift on product-api, and the report's AI trace says rolled_back (the human feedback loop).
     */
    static void driftScan(DemoContext context) throws Exception {
        var client = context.stack().kubernetes().orElseThrow(() -> new DemoStep.StepFailed(
                "the drift step needs the local Kubernetes API server"));
        var deployments = client.apps().deployments().inNamespace("shop");
        String original = deployments.withName("product-api").get().getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getImage();
        deployments.withName("product-api").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(original + "-hotfix");
            return d;
        });
        boolean restored = false;
        try {
            JsonNode first = driftScanOnce(context);
            // the workload is named shop/product-api, or by its labels when Kubernetes names are labelled (ADR 0014)
            boolean found = false;
            for (JsonNode l : first.path("lines")) {
                // (inside the image's name too then: ghcr.io/awoooi/demo-[DEPLOYMENT_1]:1.9.0): match the tag
                String tag = original.substring(original.lastIndexOf(':'));
                found |= l.asText().startsWith("Deployment/") && l.asText().contains(": container ")
                        && l.asText().contains(" image ") && l.asText().contains(tag + " -> ")
                        && l.asText().endsWith(tag + "-hotfix [HIGH]");
            }
            if (!found) {
                throw new DemoStep.StepFailed("the scan did not report the image set by hand: " + first.path("lines"));
            }
            if (first.path("notified").asInt() < 1 || first.path("narrative").asText("").isBlank()) {
                throw new DemoStep.StepFailed("the drift was not narrated and notified: " + first);
            }
            String id = first.path("reportId").asText();
            JsonNode latest = DemoContext
                    .expect(context.get("/v1/drift/reports/latest", context.stack().operatorToken()), 200);
            if (!id.equals(latest.path("id").asText())
                    || latest.path("narrative").path("summary").asText("").isBlank()) {
                throw new DemoStep.StepFailed(
                        "GET /v1/drift/reports/latest shows " + latest.path("id").asText() + " without the narrative");
            }
            boolean row = false;
            for (JsonNode op : latest.path("audit").path("operations")) {
                row |= op.path("operation_type").asText().equals("notification_formatted")
                        && op.path("actor").asText().equals("drift_narrator");
            }
            boolean trace = false;
            for (JsonNode t : latest.path("audit").path("aiTraces")) {
                trace |= t.path("agent").asText().equals("drift_narrator");
            }
            if (!row || !trace) {
                throw new DemoStep.StepFailed("the report's audit rows lack the narrator's operation row or AI trace: "
                        + latest.path("audit"));
            }
            JsonNode again = driftScanOnce(context);
            if (again.path("notified").asInt() != 0) {
                throw new DemoStep.StepFailed("the same drift was notified again on the next run");
            }
            // the message to alice carries her own Accept and Rollback links for product-api
            String rollback = null;
            for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
                if (n.path("kind").asText().equals("drift_report") && n.path("incidentId").asText().equals(id)
                        && n.path("recipient").asText().equals("alice")) {
                    for (JsonNode l : n.path("links")) {
                        // product-api's (earlier steps may have left other workloads drifting: each has its own links)
                        if (l.path("label").asText().startsWith("Rollback ") && l.path("url").asText()
                                .contains("/v1/drift/decisions/"
                                        + io.awoooi.core.drift.DriftLinks.decisionId(id, "Deployment/shop/product-api")
                                        + "?")) {
                            rollback = l.path("url").asText();
                        }
                    }
                }
            }
            if (rollback == null) {
                throw new DemoStep.StepFailed("alice's drift message has no Rollback link for product-api");
            }
            String tampered = rollback.substring(0, rollback.length() - 2) + (rollback.endsWith("A") ? "B" : "A");
            if (followForm(context, tampered).statusCode() != 403) {
                throw new DemoStep.StepFailed("a tampered Rollback link was not refused with 403");
            }
            JsonNode decided = DemoContext.expect(followForm(context, rollback), 200);
            if (!decided.path("decided").asText().equals("rollback")
                    || !decided.path("state").asText().equals("DONE")) {
                throw new DemoStep.StepFailed("alice's Rollback did not ask for approval: " + decided);
            }
            String subject = io.awoooi.core.drift.RollbackDrift.subjectFor(id, "Deployment/shop/product-api");
            java.util.Map<String, String> links = awaitLinks(context, subject, 30);
            if (!links.containsKey("alice")) {
                List<String> seen = new ArrayList<>();
                for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
                    if (n.path("incidentId").asText().startsWith("drf_")) {
                        seen.add(n.path("kind").asText() + "/" + n.path("incidentId").asText() + "/"
                                + n.path("recipient").asText());
                    }
                }
                throw new DemoStep.StepFailed("the rollback's approval links went to " + links.keySet()
                        + ", not to alice ("
                        + decided + "; expected subject " + subject + "; drift messages in the outbox: " + seen + ")");
            }
            DemoContext.expect(decide(context, links.get("alice"), "approve"), 200);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            String status = "";
            while (System.nanoTime() < deadline && !status.equals("EXECUTED")) {
                status = DemoContext.expect(context.follow(links.get("alice"), null), 200).path("status").asText();
                if (!status.equals("EXECUTED")) {
                    if (status.equals("VOIDED") || status.equals("FAILED")) {
                        break;
                    }
                    Thread.sleep(250);
                }
            }
            if (!status.equals("EXECUTED")) {
                throw new DemoStep.StepFailed("the rollback is " + status + " after its approval, expected EXECUTED");
            }
            restored = original.equals(deployments.withName("product-api").get().getSpec().getTemplate().getSpec()
                    .getContainers().getFirst().getImage());
            if (!restored) {
                throw new DemoStep.StepFailed("the rollback executed but product-api's image is not the declared one");
            }
            JsonNode report = DemoContext
                    .expect(context.get("/v1/drift/reports/" + id, context.stack().operatorToken()), 200);
            boolean closed = false;
            for (JsonNode t : report.path("audit").path("aiTraces")) {
                closed |= t.path("agent").asText().equals("drift_narrator")
                        && t.path("actionOutcome").asText().equals("rolled_back");
            }
            if (!closed) {
                throw new DemoStep.StepFailed(
                        "the narrator's AI trace has no outcome rolled_back: " + report.path("audit"));
            }
        } finally {
            if (!restored) {
                deployments.withName("product-api").edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(original);
                    return d;
                });
            }
        }
        for (JsonNode l : driftScanOnce(context).path("lines")) {
            if (l.asText().contains(original + "-hotfix")) {
                throw new DemoStep.StepFailed("product-api still drifts after the rollback: " + l.asText());
            }
        }
    }

    /** POSTs a signed link's form (its token as {@code t}), as its page's button does. */
    private static java.net.http.HttpResponse<String> followForm(DemoContext context, String link) throws Exception {
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("?t=") + 3),
                java.nio.charset.StandardCharsets.UTF_8);
        return context.follow(link.substring(0, link.indexOf('?')),
                "t=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode driftScanOnce(DemoContext context) throws Exception {
        InvocationResult result = context.stack().invoke("DriftScanFunction",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!result.succeeded()) {
            throw new DemoStep.StepFailed("the drift scan failed: " + result.errorType() + " " + result.errorMessage());
        }
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.payloadText());
        if (!answer.path("reportId").asText("").startsWith("drf_")) {
            throw new DemoStep.StepFailed("the drift scan answered no report: " + result.payloadText());
        }
        return answer;
    }

    /**
     * The web console: the operator token signs in for a session cookie (HttpOnly, Secure,
     * SameSite=Strict), the incident's page shows the story (the headline, the root cause, both
     * signatures, the outcome) and no value of the webhook's personal data; without the cookie the
     * page sends the browser to the sign-in form.
     */
    static void consoleView(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        java.net.http.HttpResponse<String> signIn = context.console("/console/sign-in", null, "token="
                + java.net.URLEncoder.encode(context.stack().operatorToken(), java.nio.charset.StandardCharsets.UTF_8));
        String cookie = signIn.headers().firstValue("set-cookie").orElse("");
        if (signIn.statusCode() != 303 || !cookie.contains("HttpOnly") || !cookie.contains("Secure")
                || !cookie.contains("SameSite=Strict")) {
            throw new DemoStep.StepFailed(
                    "the sign-in answered HTTP " + signIn.statusCode() + " without a session cookie"
                            + " that is HttpOnly, Secure and SameSite=Strict");
        }
        String session = cookie.substring(0, cookie.indexOf(';'));
        java.net.http.HttpResponse<String> page = context.console("/console/incidents/" + id, session, null);
        if (page.statusCode() != 200) {
            throw new DemoStep.StepFailed("the console's incident page answered HTTP " + page.statusCode());
        }
        // the root cause as the incident API names it: shop/postgres-db, or its labels when Kubernetes
        // names are labelled (ADR 0014), which the console shows as they are
        JsonNode incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()),
                200);
        String rootCause = incident.path("analysis").path("rootCauses").path(0).path("service").asText("");
        if (!revealed(context, id, rootCause).equals("shop/postgres-db")) {
            throw new DemoStep.StepFailed(
                    "the incident's root cause is '" + rootCause + "', expected shop/postgres-db");
        }
        for (String shown : List.of("PostgreSQL on [IP_1] is down", rootCause, "[x] alice (devops) approved at",
                "[x] bob (sre) approved at", "EXECUTED")) {
            if (!page.body().contains(shown)) {
                throw new DemoStep.StepFailed("the console's incident page does not show '" + shown + "'");
            }
        }
        for (String value : DEMO_PII) {
            if (page.body().contains(value)) {
                throw new DemoStep.StepFailed(
                        "the console's incident page shows a value of the webhook (" + value.length()
                                + " chars)");
            }
        }
        java.net.http.HttpResponse<String> anonymous = context.console("/console/incidents/" + id, null, null);
        if (anonymous.statusCode() != 303 || anonymous.body().contains("PostgreSQL")) {
            throw new DemoStep.StepFailed("without a session the console answered HTTP " + anonymous.statusCode());
        }
    }

    /** POST the bundled webhook with the intake token: 202 and an incident id. */
    static void triggerAlert(DemoContext context) throws Exception {
        JsonNode body = DemoContext.expect(
                context.post("/v1/alerts", context.stack().intakeToken(), DemoContext.webhook()), 202);
        String id = body.path("incidentId").asText("");
        if (id.isBlank()) {
            throw new DemoStep.StepFailed("HTTP 202 without an incidentId");
        }
        context.remember(INCIDENT_ID, id);
    }

    /** GET the incident with the operator token: FIRING, with both alerts of the webhook. */
    static void incidentRecorded(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        JsonNode incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()),
                200);
        if (!"FIRING".equals(incident.path("status").asText())) {
            throw new DemoStep.StepFailed("status is '" + incident.path("status").asText() + "', expected FIRING");
        }
        List<String> expected = List.of("PostgresDown", "HighErrorRate");
        List<String> names = new ArrayList<>();
        incident.path("alerts").forEach(a -> names.add(a.path("alertname").asText()));
        if (!names.containsAll(expected) || names.size() != expected.size()) {
            throw new DemoStep.StepFailed("alerts are " + names + ", expected " + expected);
        }
    }

    /** Values of the bundled webhook the Privacy Shield must take out (see demo/alertmanager-webhook.json). */
    static final List<String> DEMO_PII = List.of("10.42.3.17", "10.42.1.23", "svc-orders@shop.example.com",
            "team-orders@shop.example.com",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtb3JkZXJzIiwiaWF0IjoxNzE1Njc2MDcwfQ.kQ3v9Xw1cZ7yT0bNf2mLr8sUaE5hJd6pGi4oVxYt0Mc");

    /**
     * The incident read back shows labels for the webhook's IP, email and JWT and none of their
     * values; the vault holds exactly those values under those labels.
     */
    static void privacyShield(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        JsonNode incident = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200);
            if (incident.path("alerts").size() > 0 && incident.path("alerts").get(0).has("labels")) {
                break;
            }
            incident = null;
            Thread.sleep(200);
        }
        if (incident == null) {
            throw new DemoStep.StepFailed(
                    "the incident shows no redacted alerts after 30 s (is the redaction function failing?)");
        }
        String document = incident.toString();
        for (String prefix : List.of("IP", "EMAIL", "JWT")) {
            if (!java.util.regex.Pattern.compile("\\[" + prefix + "_\\d+\\]").matcher(document).find()) {
                throw new DemoStep.StepFailed("the incident shows no [" + prefix + "_n] label");
            }
        }
        try (VaultReader vault = new VaultReader(context.stack())) {
            java.util.Map<String, String> sealed = vault.values(id);
            for (String value : sealed.values()) {
                if (document.contains(value)) {
                    throw new DemoStep.StepFailed("the incident API shows a value the vault holds (its label: "
                            + sealed.entrySet().stream().filter(e -> e.getValue().equals(value)).findFirst()
                                    .orElseThrow().getKey()
                            + ")");
                }
            }
            java.util.Set<String> shown = new java.util.TreeSet<>();
            java.util.regex.Matcher labels = io.awoooi.core.shield.Label.PATTERN.matcher(document);
            while (labels.find()) {
                shown.add(labels.group());
            }
            // every label shown is sealed, and every label of a personal value is shown (with Kubernetes names
            // labelled, the analysis may seal a name's label between the two reads: it shows up next time)
            java.util.Set<String> personal = new java.util.TreeSet<>();
            sealed.keySet().stream().filter(l -> io.awoooi.core.shield.Label.parse(l)
                    .map(x -> !x.type().isKubernetesName()).orElse(true)).forEach(personal::add);
            if (!sealed.keySet().containsAll(shown) || !shown.containsAll(personal)) {
                throw new DemoStep.StepFailed(
                        "the incident shows labels " + shown + " but the vault holds " + sealed.keySet());
            }
            for (String value : DEMO_PII) {
                if (!sealed.containsValue(value)) {
                    throw new DemoStep.StepFailed(
                            "the vault does not hold one of the webhook's values (" + value.length() + " chars)");
                }
            }
            context.remember("vaultLabels", String.valueOf(sealed.size()));
        }
    }

    /** The text with the incident's labels replaced by the values the vault holds (the executor's view). */
    static String revealed(DemoContext context, String incidentId, String text) {
        if (!io.awoooi.core.shield.Label.PATTERN.matcher(text).find()) {
            return text;
        }
        try (VaultReader vault = new VaultReader(context.stack())) {
            String out = text;
            for (var e : vault.values(incidentId).entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }
    }

    /**
     * The analysis of the incident (topology of the local Kubernetes API): root cause postgres-db,
     * blast radius reaching frontend and ingress, a narrative, and a proposal from the catalog.
     */
    static void graphragAnalysis(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        JsonNode analysis = null;
        JsonNode operations = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(45);
        while (System.nanoTime() < deadline) {
            JsonNode incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()),
                    200);
            boolean analyzedLogged = false;
            for (JsonNode op : incident.path("operations")) {
                analyzedLogged |= op.path("type").asText().equals("analyzed");
            }
            if (incident.has("analysis") && analyzedLogged) { // the log entry follows the analysis row
                analysis = incident.path("analysis");
                operations = incident.path("operations");
                break;
            }
            Thread.sleep(250);
        }
        if (analysis == null) {
            throw new DemoStep.StepFailed(
                    "the incident shows no analysis after 45 s (is the analysis function failing?)");
        }
        // with LabelKubernetesNames=true the analysis names labels ([NAMESPACE_1]/[SERVICE_2]): read them back
        String rootCause = revealed(context, id, analysis.path("rootCauses").path(0).path("service").asText(""));
        if (!rootCause.equals("shop/postgres-db")) {
            throw new DemoStep.StepFailed("the best root cause is '" + rootCause + "', expected shop/postgres-db");
        }
        List<String> radius = new ArrayList<>();
        for (JsonNode b : analysis.path("blastRadius")) {
            radius.add(revealed(context, id, b.path("service").asText()));
        }
        if (!radius.containsAll(List.of("shop/frontend", "shop/ingress"))) {
            throw new DemoStep.StepFailed("the blast radius " + radius + " lacks shop/frontend or shop/ingress");
        }
        if (analysis.path("narrative").asText("").isBlank()) {
            throw new DemoStep.StepFailed("the analysis has no narrative");
        }
        // the operation log chains alert_received -> redacted -> analyzed through parentOpId
        java.util.Map<String, JsonNode> byType = new java.util.HashMap<>();
        operations.forEach(op -> byType.putIfAbsent(op.path("type").asText(), op));
        for (String[] link : new String[][] {{"redacted", "alert_received"}, {"analyzed", "redacted"}}) {
            JsonNode child = byType.get(link[0]);
            JsonNode parent = byType.get(link[1]);
            if (child == null || parent == null
                    || !child.path("parentOpId").asText().equals(parent.path("opId").asText())) {
                throw new DemoStep.StepFailed("the operation log does not chain " + link[1] + " -> " + link[0]);
            }
        }
        context.remember("proposedAction", analysis.path("proposedAction").path("id").asText("none"));
    }

    /** The approvers the demo's HIGH action needs (infra/local/demo/approvers.json: devops and sre). */
    static final List<String> DEMO_SIGNERS = List.of("alice", "bob");

    /**
     * The proposed action is dry-run, HIGH (a restart of a database) and needs two signatures: the
     * outbox shows one approval link each for alice and bob, and none for the CTO or the CISO.
     */
    static void generateApproval(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        java.util.Map<String, String> links = awaitLinks(context, id, 30);
        if (!links.keySet().equals(new java.util.TreeSet<>(DEMO_SIGNERS))) {
            throw new DemoStep.StepFailed("approval links went to " + links.keySet() + ", expected " + DEMO_SIGNERS);
        }
        JsonNode approval = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200)
                .path("approval");
        if (!approval.path("status").asText().equals("PENDING") || !approval.path("risk").asText().equals("HIGH")
                || approval.path("required").path("count").asInt() != 2) {
            throw new DemoStep.StepFailed("the approval is " + approval.path("status").asText() + " "
                    + approval.path("risk").asText() + " needing " + approval.path("required").path("count").asInt()
                    + ", expected PENDING HIGH needing 2");
        }
        links.forEach((who, url) -> context.remember("link." + who, url));
    }

    /**
     * alice and bob open their links (the page changes nothing) and approve: alice's signature leaves
     * the request PENDING, bob's makes it APPROVED and dispatched to the executions queue (the
     * execution step checks that one action ran); alice posting again answers her recorded approval
     * (200, nothing changes).
     */
    static void multisigApproval(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        String[] expectedAfter = {"PENDING", "APPROVED"};
        for (int i = 0; i < DEMO_SIGNERS.size(); i++) {
            String url = context.fact("link." + DEMO_SIGNERS.get(i), "generate_approval");
            DemoContext.expect(context.follow(url, null), 200);
            JsonNode decided = DemoContext.expect(decide(context, url, "approve"), 200);
            if (!decided.path("status").asText().equals(expectedAfter[i])) {
                throw new DemoStep.StepFailed(DEMO_SIGNERS.get(i) + "'s approval left the request "
                        + decided.path("status").asText() + ", expected " + expectedAfter[i]);
            }
        }
        // alice posting again (a second click) answers her recorded decision and changes nothing
        JsonNode replayed = DemoContext.expect(
                decide(context, context.fact("link." + DEMO_SIGNERS.get(0), "generate_approval"), "approve"), 200);
        if (!replayed.path("repeated").asBoolean(false) || !replayed.path("recorded").asText().equals("approve")) {
            throw new DemoStep.StepFailed(
                    "replaying alice's link answered " + replayed + ", expected her recorded approval");
        }
        JsonNode approval = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200)
                .path("approval");
        if (!approval.path("status").asText().equals("APPROVED") || approval.path("signatures").size() != 2) {
            throw new DemoStep.StepFailed(
                    "the incident shows the approval " + approval.path("status").asText() + " with "
                            + approval.path("signatures").size() + " signature(s), expected APPROVED with 2");
        }
        // the executor consumes the executions queue, so the message may already be gone: the request says
        // it was dispatched, the queue never holds more than one, and the execution step checks that
        // exactly one action ran
        if (!approval.path("dispatched").asBoolean(false)) {
            throw new DemoStep.StepFailed("the approved request was not dispatched to the executions queue");
        }
        int queued = context.stack().queueDepth("ExecutionsQueue");
        if (queued > 1) {
            throw new DemoStep.StepFailed(queued + " messages on the executions queue, expected at most 1");
        }
    }

    /** Polls the incident until {@code ready} accepts it; StepFailed with {@code what} after the timeout. */
    static JsonNode awaitIncident(DemoContext context, String id, int seconds, String what,
            java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        JsonNode incident = null;
        while (System.nanoTime() < deadline) {
            incident = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200);
            if (ready.test(incident)) {
                return incident;
            }
            Thread.sleep(250);
        }
        throw new DemoStep.StepFailed(what + " after " + seconds + " s (last: " + (incident == null ? "none"
                : incident.path("execution").toString()) + ")");
    }

    static io.fabric8.kubernetes.client.KubernetesClient cluster(DemoContext context) throws DemoStep.StepFailed {
        return context.stack().kubernetes().orElseThrow(() -> new DemoStep.StepFailed(
                "this stack uses KUBECONFIG's cluster; the demo's execution checks need the local demo cluster"));
    }

    static String podUid(DemoContext context) throws DemoStep.StepFailed {
        var pod = cluster(context).pods().inNamespace("shop").withName("postgres-db-0").get();
        return pod == null ? "absent" : pod.getMetadata().getUid();
    }

    /**
     * The executor carries out the approved action: the incident shows the execution EXECUTED and the
     * demo cluster shows its effect (a new postgres-db-0 pod). The same order delivered again (an SQS
     * redelivery) changes nothing: the pod stays the one the first delivery made, one "executed" entry.
     */
    static void execution(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        String uidBefore = podUid(context);
        JsonNode incident = awaitIncident(context, id, 45, "the incident shows no finished execution",
                i -> i.path("execution").path("status").asText().matches("EXECUTED|VOIDED|FAILED")
                        && i.path("approval").path("status").asText().matches("EXECUTED|VOIDED|FAILED"));
        JsonNode execution = incident.path("execution");
        if (!execution.path("status").asText().equals("EXECUTED")) {
            throw new DemoStep.StepFailed("the execution ended " + execution.path("status").asText() + ": "
                    + execution.path("reason").asText());
        }
        String action = incident.path("approval").path("action").path("id").asText();
        // the executor deletes the pod; the demo controller makes the new one on a later pass (every
        // 250 ms): wait for it rather than read "absent" and later mistake its arrival for a second action
        String uidAfter = podUid(context);
        long replaced = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (action.equals("restart_pod") && (uidAfter.equals("absent") || uidAfter.equals(uidBefore))
                && System.nanoTime() < replaced) {
            Thread.sleep(100);
            uidAfter = podUid(context);
        }
        if (action.equals("restart_pod") && uidAfter.equals(uidBefore)) {
            throw new DemoStep.StepFailed("restart_pod is EXECUTED but postgres-db-0 is the same pod as before");
        }
        if (uidAfter.equals("absent")) {
            throw new DemoStep.StepFailed(action + " is EXECUTED but no postgres-db-0 came back within 30 s");
        }
        // redeliver the order: the executor must find the request done and act no more
        var store = new io.awoooi.aws.DynamoDbApprovalStore(context.stack().dynamo(),
                context.stack().resources().tableName("StateTable"));
        var request = store.find(io.awoooi.core.approval.ApprovalRequest.idFor(id)).orElseThrow();
        var order = io.awoooi.core.approval.ExecutionOrder.of(request, java.time.Instant.now());
        context.stack().sqs().sendMessage(b -> b.queueUrl(context.stack().resources().queueUrl("ExecutionsQueue"))
                .messageBody(order.toJson()).messageGroupId("redelivery")
                .messageDeduplicationId("redelivery-" + request.id()));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && context.stack().queueDepth("ExecutionsQueue") > 0) {
            Thread.sleep(250);
        }
        if (context.stack().queueDepth("ExecutionsQueue") > 0) {
            throw new DemoStep.StepFailed("the redelivered order is still on the executions queue after 20 s");
        }
        Thread.sleep(500);
        if (!podUid(context).equals(uidAfter)) {
            throw new DemoStep.StepFailed(
                    "the redelivered order acted again: postgres-db-0 was replaced a second time");
        }
        JsonNode after = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200);
        int executed = 0;
        for (JsonNode op : after.path("timeline")) {
            executed += op.path("type").asText().equals("executed") ? 1 : 0;
        }
        if (executed != 1) {
            throw new DemoStep.StepFailed(executed + " 'executed' entries in the timeline, expected exactly 1");
        }
        context.remember("requestId", request.id());
    }

    /** The delayed effectiveness check: the healed target makes the outcome EFFECTIVE. */
    static void verification(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        JsonNode incident = awaitIncident(context, id, 45, "the execution has no outcome",
                i -> i.path("execution").has("outcome"));
        String outcome = incident.path("execution").path("outcome").asText();
        if (!outcome.equals("EFFECTIVE")) {
            throw new DemoStep.StepFailed(
                    "the outcome is " + outcome + ", expected EFFECTIVE (the demo cluster heals the "
                            + "restarted database)");
        }
    }

    /** The audit chain every decision left, linked by parentOpId from the alert to the verification. */
    static final List<String> CHAIN = List.of("alert_received", "redacted", "analyzed", "approval_requested", "signed",
            "signed", "approved", "executed", "verified");

    static void auditTrail(DemoContext context) throws Exception {
        String id = context.fact(INCIDENT_ID, "trigger_alert");
        JsonNode timeline = DemoContext.expect(context.get("/v1/incidents/" + id, context.stack().operatorToken()), 200)
                .path("timeline");
        List<String> types = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode op : timeline) {
            if (CHAIN.contains(op.path("type").asText())) {
                types.add(op.path("type").asText());
            }
            ids.add(op.path("opId").asText());
        }
        if (!types.equals(CHAIN)) {
            throw new DemoStep.StepFailed("the timeline reads " + types + ", expected " + CHAIN);
        }
        for (JsonNode op : timeline) {
            if (!op.path("type").asText().equals("alert_received") && !ids.contains(op.path("parentOpId").asText())) {
                throw new DemoStep.StepFailed(
                        "timeline entry " + op.path("type").asText() + " is not linked to an earlier one");
            }
        }
    }

    /**
     * The second scenario: a new incident on the (broken again) database, approved by alice; then the
     * state changes (the demo scales the StatefulSet) before bob's signature. The executor's re-check
     * sees another state fingerprint: the request ends VOIDED, nothing is executed, the approvers hear it.
     */
    static void toctouVoided(DemoContext context) throws Exception {
        var k8s = cluster(context);
        DemoFaults.breakDemoDatabase(k8s);
        Thread.sleep(2_500); // the analysis reads the topology at most every 2 s locally
        String webhook = new String(DemoContext.webhook(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("{namespace=\\\"shop\\\"}", "{namespace=\\\"shop\\\",scenario=\\\"toctou\\\"}");
        JsonNode accepted = DemoContext.expect(context.post("/v1/alerts", context.stack().intakeToken(),
                webhook.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 202);
        String id = accepted.path("incidentId").asText();
        if (id.equals(context.fact(INCIDENT_ID, "trigger_alert"))) {
            throw new DemoStep.StepFailed("the second webhook landed on the first incident (same group key)");
        }
        context.remember(INCIDENT_ID + ".voided", id);
        java.util.Map<String, String> links = awaitLinks(context, id, 45);
        if (!links.keySet().containsAll(DEMO_SIGNERS)) {
            throw new DemoStep.StepFailed(
                    "no approval links for the second incident after 45 s (links: " + links.keySet() + ")");
        }
        DemoContext.expect(decide(context, links.get("alice"), "approve"), 200);
        String uidBefore = podUid(context);
        // the state changes between the approval and the execution
        k8s.apps().statefulSets().inNamespace("shop").withName("postgres-db").scale(2);
        DemoContext.expect(decide(context, links.get("bob"), "approve"), 200);
        // the execution record ends first, then the request: wait for both
        JsonNode incident = awaitIncident(context, id, 45, "the second incident's execution did not end",
                i -> i.path("execution").path("status").asText().matches("EXECUTED|VOIDED|FAILED")
                        && i.path("approval").path("status").asText().matches("EXECUTED|VOIDED|FAILED"));
        String status = incident.path("execution").path("status").asText();
        if (!status.equals("VOIDED") || !incident.path("approval").path("status").asText().equals("VOIDED")) {
            throw new DemoStep.StepFailed("the execution ended " + status + " and the approval "
                    + incident.path("approval").path("status").asText() + ", expected both VOIDED");
        }
        if (!podUid(context).equals(uidBefore)) {
            throw new DemoStep.StepFailed("the request is VOIDED but postgres-db-0 was replaced anyway");
        }
        boolean told = false;
        for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
            told |= n.path("incidentId").asText().equals(id) && n.path("kind").asText().equals("voided");
        }
        if (!told) {
            throw new DemoStep.StepFailed("no 'voided' notification reached the approvers");
        }
    }

    /** Posts a decision the way the card's buttons do: the link's token as the form field {@code t}. */
    static java.net.http.HttpResponse<String> decide(DemoContext context, String link, String decision)
            throws Exception {
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("?t=") + 3),
                java.nio.charset.StandardCharsets.UTF_8);
        return context.follow(link.substring(0, link.indexOf('?')),
                "decision=" + decision + "&t="
                        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The approval links the outbox holds for the incident, by recipient, once every demo signer has
     * one or after {@code seconds}.
     */
    private static java.util.Map<String, String> awaitLinks(DemoContext context, String incidentId, int seconds)
            throws Exception {
        java.util.Map<String, String> links = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && !links.keySet().containsAll(DEMO_SIGNERS)) {
            links.clear();
            for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
                if (n.path("incidentId").asText().equals(incidentId)
                        && n.path("kind").asText().equals("approval_requested")
                        && n.path("links").size() > 0) {
                    links.put(n.path("recipient").asText(), n.path("links").path(0).path("url").asText());
                }
            }
            if (!links.keySet().containsAll(DEMO_SIGNERS)) {
                Thread.sleep(250);
            }
        }
        return links;
    }

    static final String FINOPS_BOX = "finops.box";

    /**
     * Issue #14: the FinOps scan on demand (as ./awoooi invoke finops-scan does): the report is written
     * whole, made the latest, readable at GET /v1/finops/reports/latest with the operator token, and its
     * figures add up (MONTHLY = REALIZABLE + FREED, ANNUAL = 12 x MONTHLY). The demo cluster
     * (infra/local/src/main/resources/demo/finops-cluster.yaml) holds one of each kind of waste, each an
     * approval request in the outbox: node-c can go (drain_node, $70.08 realizable), the bare pod
     * report-backfill idles (delete_pod by its uid, freed), the claim old-export is orphaned (delete_pvc,
     * $8.00 realizable). alice and bob approve the claim's deletion and the bare pod's through their
     * links; the executor carries both out (EXECUTED) and the effectiveness check finds each saving
     * realized (the "effective" notification in the outbox).
     */
    static void finopsScan(DemoContext context) throws Exception {
        InvocationResult result = context.stack().invoke("FinOpsScanFunction",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!result.succeeded()) {
            throw new DemoStep.StepFailed("the scan failed: " + result.errorType() + " " + result.errorMessage());
        }
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.payloadText());
        String id = answer.path("reportId").asText("");
        if (!id.startsWith("fin_") || !answer.path("box").asText("").contains("FINOPS COST ANALYSIS")) {
            throw new DemoStep.StepFailed("the scan answered no report: " + result.payloadText());
        }
        JsonNode latest = DemoContext.expect(context.get("/v1/finops/reports/latest", context.stack().operatorToken()),
                200);
        if (!id.equals(latest.path("id").asText())) {
            throw new DemoStep.StepFailed(
                    "the latest report is " + latest.path("id").asText() + ", not the scan's " + id);
        }
        java.math.BigDecimal realizable = new java.math.BigDecimal(
                latest.path("totals").path("realizable").asText("x"));
        java.math.BigDecimal freed = new java.math.BigDecimal(latest.path("totals").path("freed").asText("x"));
        java.math.BigDecimal monthly = new java.math.BigDecimal(latest.path("totals").path("monthly").asText("x"));
        java.math.BigDecimal annual = new java.math.BigDecimal(latest.path("totals").path("annual").asText("x"));
        if (realizable.add(freed).compareTo(monthly) != 0
                || monthly.multiply(java.math.BigDecimal.valueOf(12)).compareTo(annual) != 0) {
            throw new DemoStep.StepFailed("the totals do not add up: " + latest.path("totals"));
        }
        if (monthly.signum() == 0 && latest.path("top").size() > 0) {
            throw new DemoStep.StepFailed("no waste, yet recommendations: " + latest.path("top"));
        }
        context.remember(FINOPS_BOX, answer.path("box").asText());
        // one finding of each kind, priced as the demo cluster's comments work out
        JsonNode claim = finding(latest, "pvc archive/old-export");
        JsonNode zombie = finding(latest, "pod archive/report-backfill");
        JsonNode node = finding(latest, "node node-c");
        if (claim == null || !"8.00".equals(claim.path("monthly").asText())
                || !"REALIZABLE".equals(claim.path("savingKind").asText())) {
            throw new DemoStep.StepFailed(
                    "the report does not price pvc archive/old-export at $8.00 realizable: " + latest.path("findings"));
        }
        if (node == null || !"70.08".equals(node.path("monthly").asText())
                || !"drain_node".equals(node.path("action").path("type").asText())) {
            throw new DemoStep.StepFailed("the report does not find that node node-c can go ($70.08, drain_node): "
                    + latest.path("findings"));
        }
        // m5.xlarge ($0.192/h, 4 vCPU, 16 GiB) split in the ratio 0.04048 : 0.004445: a vCPU-hour is
        // 0.04048 x 0.192 / 0.23304 = $0.033351, a GiB-hour $0.0036622; 0.25 vCPU and 0.5 GiB requested:
        // $0.0101688/h x 730 = $7.42 freed
        if (zombie == null || !"FREED".equals(zombie.path("savingKind").asText())
                || !"7.42".equals(zombie.path("monthly").asText())
                || !"delete_pod".equals(zombie.path("action").path("type").asText())) {
            throw new DemoStep.StepFailed(
                    "the report does not find the zombie pod archive/report-backfill ($7.42 freed, delete_pod): "
                            + latest.path("findings"));
        }
        java.time.Instant scannedAt = java.time.Instant.parse(latest.path("scannedAt").asText());
        String claimSubject = io.awoooi.core.finops.RequestSavings.subjectFor(scannedAt, actionOf(claim));
        String zombieSubject = io.awoooi.core.finops.RequestSavings.subjectFor(scannedAt, actionOf(zombie));
        String nodeSubject = io.awoooi.core.finops.RequestSavings.subjectFor(scannedAt, actionOf(node));
        // every saving is an approval request like any other: HIGH, two signatures, links to alice and bob
        java.util.Map<String, java.util.Map<String, String>> links = new java.util.LinkedHashMap<>();
        for (String subject : List.of(claimSubject, zombieSubject, nodeSubject)) {
            java.util.Map<String, String> found = awaitLinks(context, subject, 30);
            if (!found.keySet().equals(new java.util.TreeSet<>(DEMO_SIGNERS))) {
                throw new DemoStep.StepFailed("the approval links of " + subject + " went to " + found.keySet()
                        + ", expected " + DEMO_SIGNERS);
            }
            links.put(subject, found);
        }
        // alice and bob approve the claim's deletion and the bare pod's; the executor carries them out, the
        // effectiveness check finds each saving realized (the claim gone, the pod gone)
        for (String subject : List.of(claimSubject, zombieSubject)) {
            for (String who : DEMO_SIGNERS) {
                DemoContext.expect(decide(context, links.get(subject).get(who), "approve"), 200);
            }
        }
        for (String subject : List.of(claimSubject, zombieSubject)) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            String status = "";
            while (System.nanoTime() < deadline && !status.equals("EXECUTED")) {
                status = DemoContext.expect(context.follow(links.get(subject).get(DEMO_SIGNERS.get(0)), null), 200)
                        .path("status").asText();
                if (!status.equals("EXECUTED")) {
                    Thread.sleep(250);
                }
            }
            if (!status.equals("EXECUTED")) {
                throw new DemoStep.StepFailed(
                        "the saving " + subject + " is " + status + " after its approval, expected EXECUTED");
            }
        }
        for (String subject : List.of(claimSubject, zombieSubject)) {
            String outcome = awaitOutcome(context, subject, 90);
            if (!outcome.equals("effective")) {
                throw new DemoStep.StepFailed(
                        "the saving " + subject + " was verified " + (outcome.isEmpty() ? "never" : outcome)
                                + ", expected effective");
            }
        }
    }

    /** The report's finding about the resource, or null. */
    private static JsonNode finding(JsonNode report, String resource) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("resource").asText().equals(resource)) {
                return f;
            }
        }
        return null;
    }

    /** The catalog action of a finding as the report shows it. */
    private static io.awoooi.core.action.ProposedAction actionOf(JsonNode finding) throws DemoStep.StepFailed {
        java.util.Map<String, String> params = new java.util.TreeMap<>();
        finding.path("action").path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        io.awoooi.core.action.ParseResult parsed = io.awoooi.core.action.ActionCatalog.parse(
                finding.path("action").path("type").asText(), params);
        if (parsed instanceof io.awoooi.core.action.ParseResult.Valid valid) {
            return valid.action();
        }
        throw new DemoStep.StepFailed("the finding's action is not one of the catalog: " + finding.path("action"));
    }

    /** The effectiveness check's notification about the subject in the outbox: effective, ineffective or "" (none yet). */
    private static String awaitOutcome(DemoContext context, String subject, int seconds) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode n : DemoContext.expect(context.get("/local/outbox", null), 200)) {
                String kind = n.path("kind").asText();
                if (n.path("incidentId").asText().equals(subject)
                        && (kind.equals("effective") || kind.equals("ineffective"))) {
                    return kind;
                }
            }
            Thread.sleep(500);
        }
        return "";
    }

}
