package io.awoooi.approval;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.approval.TrustScores;
import io.awoooi.core.auth.ConsoleSessions;
import io.awoooi.core.incident.IncidentFilter;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.incident.InvalidPageTokenException;
import io.awoooi.core.incident.view.IncidentPage;
import io.awoooi.core.incident.view.IncidentView;
import io.awoooi.core.narrative.AiTraces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The web console under {@code /console} (ADR: the console and its sessions). Sign-in exchanges the
 * operator token for a session cookie ({@value #COOKIE}: HttpOnly, Secure, SameSite=Strict, Path=/,
 * signed, expiring; {@link ConsoleSessions}); every page needs it. Pages only read: incidents with
 * the list API's filters, an incident, the pending approvals, trust per action pattern, the latest
 * FinOps report and the latest drift report (the documents their APIs serve). Every form that
 * changes something (the sign-out, an approver's decision) must carry the session's CSRF token and
 * come from our own origin when the browser says where it comes from: the cookie alone never
 * authorises a change.
 *
 * <p>Who decides: an approver who signs in with their own console token ({@code ApproverTokens}) gets
 * an approver's session, and the incident's card shows them "Approve &amp; execute" and "Reject" while
 * they are in the quorum and have not signed; their decision goes through {@link DecideApproval#decideAs},
 * the links' own path (quorum, one signature each, conditional moves, dispatch, news, audit under
 * their id). The operator's session only views: the operator token makes nobody an approver.
 */
@ApplicationScoped
public class Console {
    private static final Logger LOG = Logger.getLogger(Console.class);
    /** {@code __Host-}: the browser keeps it only when Secure, with Path=/ and without a Domain. */
    static final String COOKIE = "__Host-awoooi_console";
    private static final int MAX_FORM = 4 * 1024;
    /** The most pending requests the page lists (each one read with its signatures). */
    private static final int PENDING_SHOWN = 100;
    private static final Pattern INCIDENT_ID = Pattern.compile("inc_[0-9A-Za-z]{1,40}");
    private static final Pattern DECISION_PATH = Pattern.compile("incidents/([^/]{1,60})/decision");

    @Inject
    IncidentReader reader;

    @Inject
    Supplier<ApprovalDesk> desks;

    @Inject
    Supplier<ConsoleSessions> sessions;

    @Inject
    Supplier<TrustScores> trust;

    @Inject
    Supplier<AiTraces> traces;

    @Inject
    io.awoooi.core.finops.FinOpsReportStore finOpsReports;

    @Inject
    io.awoooi.core.drift.DriftReportReader driftReports;

    /**
     * Handles {@code GET /console}, {@code GET /console/{proxy+}} and {@code POST /console/{proxy+}}; a
     * store or secret that cannot be read right now is a 503 page (try again), not a JSON error.
     */
    APIGatewayV2HTTPResponse handle(HttpApiRequest request) {
        try {
            return route(request);
        } catch (io.awoooi.core.failure.DependencyUnavailableException e) {
            LOG.warnf("console page unavailable: %s is unavailable", e.dependency());
            return page(503, ConsolePages.problem(503, "Try again in a moment",
                    "the console cannot read its data or keys right now", false, ""));
        }
    }

    private APIGatewayV2HTTPResponse route(HttpApiRequest request) {
        String path = request.pathParameter("proxy").map(p -> p.replaceAll("/+$", "")).orElse("");
        boolean post = request.routeKey().startsWith("POST ");
        Optional<ConsoleSessions.Session> session = request.cookie(COOKIE).flatMap(v -> sessions.get().verify(v));
        if (post) {
            java.util.regex.Matcher decision = DECISION_PATH.matcher(path);
            if (decision.matches()) {
                return decide(request, session, decision.group(1));
            }
            return switch (path) {
                case "sign-in" -> signIn(request);
                case "sign-out" -> signOut(request, session);
                default ->
                    page(405, ConsolePages.problem(405, "Not here", "this address takes no form", session.isPresent(),
                            session.map(ConsoleSessions.Session::csrf).orElse("")));
            };
        }
        if (path.equals("poll.js")) {
            return script();
        }
        if (path.equals("sign-in")) {
            return session.isPresent() ? HttpApiResponses.seeOther(ConsolePages.BASE + "/incidents")
                    : page(200, ConsolePages.signIn(Optional.empty()));
        }
        if (session.isEmpty()) {
            // an expired or foreign cookie is dropped on the way
            return HttpApiResponses.withCookies(HttpApiResponses.seeOther(ConsolePages.BASE + "/sign-in"),
                    request.cookie(COOKIE).isPresent() ? List.of(clearCookie()) : List.of());
        }
        String csrf = session.get().csrf();
        Instant now = Instant.now();
        if (path.isEmpty()) {
            return HttpApiResponses.seeOther(ConsolePages.BASE + "/incidents");
        }
        if (path.equals("incidents")) {
            return incidents(request, csrf, now);
        }
        if (path.startsWith("incidents/")) {
            return incident(path.substring("incidents/".length()), session.get(), now);
        }
        if (path.equals("approvals")) {
            return page(200, ConsolePages.approvals(pending(now), csrf, now, session.get().approver()));
        }
        if (path.equals("trust")) {
            return page(200, ConsolePages.trust(trust.get().all(500), csrf, now));
        }
        if (path.equals("finops")) {
            // the document GET /v1/finops/reports/latest serves
            return page(200, ConsolePages.finOps(finOpsReports.latest().map(Console::json), csrf, now));
        }
        if (path.equals("drift")) {
            // the document GET /v1/drift/reports/latest serves: lines already in redacted words
            return page(200, ConsolePages.drift(driftReports.latest(), csrf, now));
        }
        return page(404, ConsolePages.problem(404, "No such page", "the console has no page here", true, csrf));
    }

    private APIGatewayV2HTTPResponse incidents(HttpApiRequest request, String csrf, Instant now) {
        ConsolePages.Filters filters = new ConsolePages.Filters(
                request.query("status").map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse(""),
                request.query("since").map(String::strip).orElse(""),
                request.query("until").map(String::strip).orElse(""));
        try {
            IncidentFilter filter = IncidentFilter.parse(nonEmpty(filters.status()), nonEmpty(filters.since()),
                    nonEmpty(filters.until()), now);
            IncidentPage page = reader.newest(25, request.query("nextToken").filter(t -> !t.isEmpty()), filter);
            return page(200, ConsolePages.incidents(page, filters, csrf, now));
        } catch (IllegalArgumentException | InvalidPageTokenException e) {
            return page(400, ConsolePages.problem(400, "Filter not understood", e.getMessage(), true, csrf));
        }
    }

    private APIGatewayV2HTTPResponse incident(String id, ConsoleSessions.Session session, Instant now) {
        String csrf = session.csrf();
        if (!INCIDENT_ID.matcher(id).matches()) {
            return page(404, ConsolePages.problem(404, "No such incident", "that is not an incident id", true, csrf));
        }
        Optional<IncidentView> doc = reader.incident(id);
        if (doc.isEmpty()) {
            return page(404, ConsolePages.problem(404, "No such incident", "no incident with that id", true, csrf));
        }
        ApprovalDesk desk = desks.get();
        Optional<ApprovalCard> card = desk.store().find(ApprovalRequest.idFor(id))
                .map(r -> ApprovalCard.of(r, desk.store().signatures(r.id()), desk.directory(), now));
        Optional<ConsolePages.Signer> signer = session.approver().filter(a -> card.isPresent())
                .map(a -> signer(desk, ApprovalRequest.idFor(id), a));
        return page(200, ConsolePages.incident(doc.get(), card, traces.get().of(id), csrf, now, signer));
    }

    /** What the signed-in approver may do with the request: decide, or why not. */
    private static ConsolePages.Signer signer(ApprovalDesk desk, String requestId, String approverId) {
        String name = desk.directory().find(approverId).map(a -> a.name()).orElse(approverId);
        return switch (new DecideApproval(desk).viewAs(requestId, approverId)) {
            case DecideApproval.Result.Shown shown -> {
                if (shown.recorded().isPresent()) {
                    yield ConsolePages.Signer.decided(name,
                            "You " + (shown.recorded().get().decision() == io.awoooi.core.approval.Decision.APPROVE
                                    ? "approved" : "rejected") + " at "
                                    + io.awoooi.core.HumanTime.at(shown.recorded().get().at()) + ".");
                }
                if (shown.request().statusAt(shown.now()) != io.awoooi.core.approval.ApprovalStatus.PENDING) {
                    yield ConsolePages.Signer.decided(name, "The request is "
                            + shown.request().statusAt(shown.now()).name().toLowerCase(Locale.ROOT)
                            + ": nothing to decide.");
                }
                yield ConsolePages.Signer.mayDecide(name, shown.request().actionHash());
            }
            case DecideApproval.Result.Forbidden f -> ConsolePages.Signer.decided(name, "You cannot sign this request: "
                    + f.reason() + ".");
            default -> ConsolePages.Signer.decided(name, "Nothing to decide here.");
        };
    }

    /**
     * An approver's decision from the incident's card ({@code POST /console/incidents/{id}/decision}):
     * their session, the session's CSRF token, our own origin, then the links' decision path. Answers
     * 303 back to the incident (a reload does not post again), which then shows the state instead of
     * the buttons; a refusal is a page saying why.
     */
    private APIGatewayV2HTTPResponse decide(HttpApiRequest request, Optional<ConsoleSessions.Session> session,
            String incidentId) {
        if (session.isEmpty()) {
            return HttpApiResponses.withCookies(HttpApiResponses.seeOther(ConsolePages.BASE + "/sign-in"),
                    request.cookie(COOKIE).isPresent() ? List.of(clearCookie()) : List.of());
        }
        String csrf = session.get().csrf();
        Optional<Map<String, String>> form = form(request);
        if (!sameOrigin(request) || form.isEmpty()
                || !ConsoleSessions.csrfMatches(session.get(), form.get().get("csrf"))) {
            LOG.info("console form refused: no or a wrong CSRF token, or another origin");
            return page(403,
                    ConsolePages.problem(403, "Refused", "the form did not come from this console", true, csrf));
        }
        if (session.get().approver().isEmpty()) {
            LOG.info("console decision refused: the operator's session views only");
            return page(403, ConsolePages.problem(403, "Approvers decide", "the operator token shows the console but"
                    + " makes nobody an approver: approvers sign in with their own console token", true, csrf));
        }
        Optional<io.awoooi.core.approval.Decision> decision = io.awoooi.core.approval.Decision.fromWire(
                form.get().getOrDefault("decision", ""));
        if (decision.isEmpty()) {
            return page(400,
                    ConsolePages.problem(400, "No decision", "decision must be approve or reject", true, csrf));
        }
        if (!INCIDENT_ID.matcher(incidentId).matches()) {
            return page(404, ConsolePages.problem(404, "No such incident", "that is not an incident id", true, csrf));
        }
        String approver = session.get().approver().get();
        ApprovalDesk desk = desks.get();
        DecideApproval.Result result;
        try {
            result = new DecideApproval(desk).decideAs(ApprovalRequest.idFor(incidentId), approver,
                    form.get().getOrDefault("action", ""), decision.get(),
                    Optional.ofNullable(form.get().get("reason")),
                    "console-" + nonce());
        } catch (io.awoooi.core.failure.QueueUnavailableException e) {
            LOG.errorf("approved request could not be dispatched (%s); answering 503", e.getMessage());
            return page(503, ConsolePages.problem(503, "Recorded, not yet queued", "your decision is recorded but the"
                    + " action could not be queued: press the button again in a moment", true, csrf));
        }
        String back = ConsolePages.BASE + "/incidents/" + incidentId;
        return switch (result) {
            case DecideApproval.Result.Shown shown -> {
                io.awoooi.aws.observe.LogContext.incident(incidentId);
                if (shown.recorded().isPresent() && !shown.repeated()) {
                    io.awoooi.aws.observe.Metrics.count("approval", "ApprovalsByStatus", "Status",
                            shown.request().statusAt(shown.now()).name(), 1);
                }
                LOG.infof("decision %s request=%s approver=%s decision=%s status=%s via=console",
                        shown.repeated() ? "already recorded" : "recorded", shown.request().id(), approver,
                        shown.recorded().map(s -> s.decision().wireName()).orElse("none"), shown.request().status());
                yield HttpApiResponses.seeOther(back);
            }
            case DecideApproval.Result.NotFound n -> page(404, ConsolePages.problem(404, "No request",
                    "this incident has no approval request", true, csrf));
            case DecideApproval.Result.Forbidden f -> page(403, ConsolePages.problem(403, "You cannot sign this",
                    f.reason(), true, csrf));
            case DecideApproval.Result.Gone g ->
                page(410, ConsolePages.problem(410, "Expired", g.reason(), true, csrf));
            case DecideApproval.Result.Conflict c -> page(409, ConsolePages.problem(409, "Already decided",
                    c.reason() + "; the incident shows where it stands", true, csrf));
        };
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String nonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /**
     * Every pending request, whatever made it (an incident's analysis, an outside agent, the FinOps or
     * drift scan), the soonest to expire first: the store's pending index, then one batch read.
     */
    private List<ApprovalCard> pending(Instant now) {
        ApprovalDesk desk = desks.get();
        List<String> ids = desk.store().pending(now, PENDING_SHOWN);
        Map<String, ApprovalRequest> found = desk.store().findAll(ids);
        List<ApprovalCard> out = new ArrayList<>();
        for (ApprovalRequest r : ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList()) {
            ApprovalCard card = ApprovalCard.of(r, desk.store().signatures(r.id()), desk.directory(), now);
            if (card.status() == io.awoooi.core.approval.ApprovalStatus.PENDING) {
                out.add(card);
            }
        }
        return out;
    }

    private APIGatewayV2HTTPResponse signIn(HttpApiRequest request) {
        if (!sameOrigin(request)) {
            return page(403,
                    ConsolePages.problem(403, "Refused", "the form did not come from this console", false, ""));
        }
        Optional<Map<String, String>> form = form(request);
        if (form.isEmpty()) {
            return page(400, ConsolePages.signIn(Optional.of("Send the form as it is (a small"
                    + " application/x-www-form-urlencoded body).")));
        }
        Optional<ConsoleSessions.Session> session = sessions.get().signIn(form.get().getOrDefault("token", ""));
        if (session.isEmpty()) {
            LOG.info("console sign-in refused: not the operator token nor an approver's");
            return page(401, ConsolePages.signIn(Optional.of("That is not the operator token, nor an approver's"
                    + " console token.")));
        }
        LOG.infof("console sign-in as %s", session.get().approver().map(a -> "approver " + a).orElse("the operator"));
        long maxAge = Math.max(1, Duration.between(Instant.now(), session.get().expiresAt()).toSeconds());
        return HttpApiResponses.withCookies(HttpApiResponses.seeOther(ConsolePages.BASE + "/incidents"),
                List.of(COOKIE + "=" + session.get().value() + "; Path=/; Max-Age=" + maxAge
                        + "; HttpOnly; Secure; SameSite=Strict"));
    }

    private APIGatewayV2HTTPResponse signOut(HttpApiRequest request, Optional<ConsoleSessions.Session> session) {
        if (session.isEmpty()) {
            return HttpApiResponses.withCookies(HttpApiResponses.seeOther(ConsolePages.BASE + "/sign-in"),
                    List.of(clearCookie()));
        }
        Optional<Map<String, String>> form = form(request);
        if (!sameOrigin(request) || form.isEmpty()
                || !ConsoleSessions.csrfMatches(session.get(), form.get().get("csrf"))) {
            LOG.info("console form refused: no or a wrong CSRF token, or another origin");
            return page(403, ConsolePages.problem(403, "Refused", "the form did not come from this console",
                    true, session.get().csrf()));
        }
        LOG.info("console sign-out");
        return HttpApiResponses.withCookies(HttpApiResponses.seeOther(ConsolePages.BASE + "/sign-in"),
                List.of(clearCookie()));
    }

    /**
     * A browser names where a form comes from (Origin, else Referer, which our pages send to no one
     * else: no-referrer). When it does, the host must be the one addressed; a client that names
     * nothing (curl) is judged by the CSRF token alone.
     */
    static boolean sameOrigin(HttpApiRequest request) {
        Optional<String> from = request.header("origin").filter(o -> !o.equals("null"))
                .or(() -> request.header("referer"));
        if (request.header("origin").filter(o -> o.equals("null")).isPresent()) {
            return false; // an opaque origin: a sandboxed frame or a data: page
        }
        if (from.isEmpty()) {
            return true;
        }
        Optional<String> host = request.header("host")
                .or(() -> Optional.ofNullable(request.event().getRequestContext())
                        .map(c -> c.getDomainName()));
        try {
            String authority = URI.create(from.get().strip()).getRawAuthority();
            return authority != null && host.isPresent() && authority.equalsIgnoreCase(host.get().strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Map<String, String>> form(HttpApiRequest request) {
        if (request.bodySize() > MAX_FORM || !request.mediaType().equals("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        return Optional.of(ApprovalLinks.form(new String(request.body(), StandardCharsets.UTF_8)));
    }

    static String clearCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DOCUMENTS = new com.fasterxml.jackson.databind.ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String document) {
        try {
            return DOCUMENTS.readValue(document, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored FinOps report is not JSON", e);
        }
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * A console page. Its referrer policy is same-origin rather than the approval page's no-referrer
     * (the console's addresses carry no token): under no-referrer a browser sends {@code Origin: null}
     * with a form, which {@link #sameOrigin} must refuse.
     */
    private static APIGatewayV2HTTPResponse page(int status, String html) {
        APIGatewayV2HTTPResponse r = HttpApiResponses.html(status, html);
        Map<String, String> headers = new java.util.LinkedHashMap<>(r.getHeaders());
        headers.put("referrer-policy", "same-origin");
        headers.put("content-security-policy", CSP);
        r.setHeaders(headers);
        return r;
    }

    /** The approval page's policy, plus our own script and its fetches of our pages. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The polling script: no data in it, so no session needed. */
    private static APIGatewayV2HTTPResponse script() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/javascript; charset=utf-8", "cache-control", "max-age=300",
                        "x-content-type-options", "nosniff"))
                .withBody(ConsolePages.POLL_SCRIPT).withIsBase64Encoded(false).build();
    }
}
