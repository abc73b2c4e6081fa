package io.awoooi.approval;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.core.approval.ApprovalCard;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.Decision;
import io.awoooi.core.approval.DecideApproval;
import io.awoooi.core.incident.IncidentReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * GET and POST /v1/approvals/{id}: the signed link's page and the decision it posts. The token comes
 * in the query ({@code ?t=}) on GET and in the form ({@code t}, {@code decision}, for a rejection an
 * optional {@code reason}) on POST; a client that asks for JSON ({@code Accept: application/json})
 * gets the same answers as JSON. A POST answers 200 with the card as it now stands, also when the
 * approver had decided before (a second click, a reload): their first decision stands.
 */
@ApplicationScoped
public class ApprovalLinks {
    private static final Logger LOG = Logger.getLogger(ApprovalLinks.class);
    private static final int MAX_FORM = 8 * 1024;

    @Inject
    Supplier<ApprovalDesk> desks;

    @Inject
    IncidentReader reader;

    APIGatewayV2HTTPResponse show(HttpApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        String token = request.query("t").orElse("");
        ApprovalDesk desk = desks.get();
        DecideApproval.Result result = new DecideApproval(desk).view(id, token);
        if (result instanceof DecideApproval.Result.Shown shown) {
            LogContext.incident(shown.request().incidentId());
            if (wantsJson(request)) {
                return HttpApiResponses.json(200, summary(shown));
            }
            return HttpApiResponses.html(200, page(desk, shown, token));
        }
        return problem(request, result);
    }

    APIGatewayV2HTTPResponse decide(HttpApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (request.bodySize() > MAX_FORM) {
            return problem(request, 413, "Too large", "the form is larger than " + MAX_FORM + " bytes");
        }
        Map<String, String> form = request.mediaType().equals("application/x-www-form-urlencoded")
                ? form(new String(request.body(), StandardCharsets.UTF_8)) : Map.of();
        if (!request.mediaType().equals("application/x-www-form-urlencoded")) {
            return problem(request, 415, "Unsupported form",
                    "post application/x-www-form-urlencoded with t (the token) and decision (approve or reject)");
        }
        Optional<Decision> decision = Decision.fromWire(form.getOrDefault("decision", ""));
        if (decision.isEmpty()) {
            return problem(request, 400, "No decision", "decision must be approve or reject");
        }
        String token = Optional.ofNullable(form.get("t")).or(() -> request.query("t")).orElse("");
        ApprovalDesk desk = desks.get();
        DecideApproval.Result result = new DecideApproval(desk).decide(id, token, decision.get(),
                Optional.ofNullable(form.get("reason")));
        if (result instanceof DecideApproval.Result.Shown shown) {
            LogContext.incident(shown.request().incidentId());
            if (shown.recorded().isPresent() && !shown.repeated()) {
                Metrics.count("approval", "ApprovalsByStatus", "Status", shown.request().statusAt(shown.now()).name(),
                        1);
            }
            LOG.infof("decision %s request=%s approver=%s decision=%s status=%s",
                    shown.repeated() ? "already recorded" : "recorded", shown.request().id(),
                    shown.approver().id(), shown.recorded().map(s -> s.decision().wireName()).orElse("none"),
                    shown.request().status());
            if (wantsJson(request)) {
                return HttpApiResponses.json(200, summary(shown));
            }
            return HttpApiResponses.html(200, page(desk, shown, token));
        }
        LOG.infof("decision refused request=%s: %s", id.length() <= 40 ? id : "(long id)",
                result.getClass().getSimpleName());
        return problem(request, result);
    }

    private String page(ApprovalDesk desk, DecideApproval.Result.Shown shown, String token) {
        ApprovalCard card = ApprovalCard.of(shown.request(), shown.signatures(), desk.directory(), shown.now());
        return ApprovalPage.card(shown, card, reader.incident(shown.request().incidentId()), token);
    }

    private static Map<String, Object> summary(DecideApproval.Result.Shown shown) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", shown.request().id());
        out.put("status", shown.request().statusAt(shown.now()).name());
        out.put("approver", shown.approver().id());
        shown.recorded().ifPresent(s -> out.put("recorded", s.decision().wireName()));
        if (shown.recorded().isPresent()) {
            out.put("repeated", shown.repeated());
        }
        out.put("signatures", shown.signatures().size());
        out.put("required", shown.request().quorum().count());
        return out;
    }

    private static APIGatewayV2HTTPResponse problem(HttpApiRequest request, DecideApproval.Result result) {
        return switch (result) {
            case DecideApproval.Result.NotFound n -> problem(request, 404, "No such request",
                    "this approval request does not exist");
            case DecideApproval.Result.Forbidden f -> problem(request, 403, "Link refused", f.reason());
            case DecideApproval.Result.Gone g -> problem(request, 410, "Link expired", g.reason());
            case DecideApproval.Result.Conflict c -> problem(request, 409, "Already decided", c.reason());
            case DecideApproval.Result.Shown s -> throw new IllegalArgumentException("not a problem");
        };
    }

    private static APIGatewayV2HTTPResponse problem(HttpApiRequest request, int status, String title, String detail) {
        if (wantsJson(request)) {
            return HttpApiResponses.error(status, title.toLowerCase(Locale.ROOT).replace(' ', '_'), detail);
        }
        return HttpApiResponses.html(status, ApprovalPage.problem(status, title, detail));
    }

    private static boolean wantsJson(HttpApiRequest request) {
        return request.header("accept").map(a -> a.contains("application/json")).orElse(false);
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored: the token or decision is then missing, which is answered
            }
        }
        return out;
    }
}
