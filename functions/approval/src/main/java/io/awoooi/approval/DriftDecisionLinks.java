package io.awoooi.approval;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.aws.DynamoDbAiOutcomes;
import io.awoooi.aws.DynamoDbDriftStore;
import io.awoooi.aws.DynamoDbOperationLog;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.core.approval.ApprovalDesk;
import io.awoooi.core.approval.RiskPolicy;
import io.awoooi.core.drift.AcceptDrift;
import io.awoooi.core.drift.DecideDrift;
import io.awoooi.core.drift.DriftChoice;
import io.awoooi.core.drift.DriftPolicy;
import io.awoooi.core.drift.DriftRedaction;
import io.awoooi.core.drift.RollbackDrift;
import io.awoooi.core.shield.Pseudonymizer;
import io.awoooi.kube.KubernetesDriftSource;
import io.awoooi.kube.KubernetesDryRun;
import io.awoooi.kube.KubernetesRestores;
import io.awoooi.kube.NamespaceSelection;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import io.awoooi.wiring.ApprovalAssembly;
import io.awoooi.wiring.ApprovalSettings;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * GET and POST /v1/drift/decisions/{id}: the Accept and Rollback links of a drift notification
 * (issue #15). GET shows what the link would do and changes nothing; POST (form {@code t}) takes
 * the decision: Accept stores the workload's state as its baseline, Rollback asks for approval of
 * a {@code restore_fields} action and sends its signed approval links (to the base URL
 * PUBLIC_BASE_URL, else the host the link came to). Reading the workload and the dry-run need the
 * cluster (read-only, the analysis's group), which is opened on the first drift link only.
 */
@ApplicationScoped
public class DriftDecisionLinks {
    private static final Logger LOG = Logger.getLogger(DriftDecisionLinks.class);
    private static final int MAX_FORM = 8 * 1024;

    @Inject
    Supplier<ApprovalDesk> desks;

    @Inject
    DynamoDbDriftStore store;

    @Inject
    DynamoDbAiOutcomes outcomes;

    @Inject
    DynamoDbOperationLog operations;

    @Inject
    Pseudonymizer pseudonymizer;

    @Inject
    ApprovalAssembly approvals;

    @Inject
    ApprovalSettings settings;

    /** The cluster and the dry-run: opened on the first drift link only. */
    @Inject
    Provider<KubernetesClient> kubernetes;

    @Inject
    Provider<KubernetesDryRun> dryRuns;

    /** What a decision needs of the cluster, built once, on the first drift link. */
    private record ClusterSide(KubernetesDriftSource source, KubernetesDryRun dryRun) {
    }

    private volatile ClusterSide cluster;

    private ClusterSide cluster() {
        ClusterSide c = cluster;
        if (c == null) {
            synchronized (this) {
                if (cluster == null) {
                    KubernetesClient k = kubernetes.get();
                    var restores = new KubernetesRestores(k, store::find, DriftPolicy.defaults());
                    cluster = new ClusterSide(new KubernetesDriftSource(k, NamespaceSelection.all()),
                            dryRuns.get().withRestores(restores));
                }
                c = cluster;
            }
        }
        return c;
    }

    private DecideDrift decider(ApprovalDesk desk) {
        ClusterSide c = cluster();
        var redaction = new DriftRedaction(pseudonymizer);
        var accept = new AcceptDrift(store, store, c.source(), outcomes, operations, Clock.systemUTC());
        var rollback = new RollbackDrift(desk, c.dryRun(), new RiskPolicy(), approvals.ttl(), store, c.source(),
                redaction);
        return new DecideDrift(desk, store, store, accept, rollback);
    }

    APIGatewayV2HTTPResponse show(HttpApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        String token = request.query("t").orElse("");
        ApprovalDesk desk = desks.get();
        return answer(request, desk, decider(desk).view(id, token), token);
    }

    APIGatewayV2HTTPResponse decide(HttpApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (request.bodySize() > MAX_FORM) {
            return problem(request, 413, "Too large", "the form is larger than " + MAX_FORM + " bytes");
        }
        if (!request.mediaType().equals("application/x-www-form-urlencoded")) {
            return problem(request, 415, "Unsupported form",
                    "post application/x-www-form-urlencoded with t (the token)");
        }
        Map<String, String> form = ApprovalLinks.form(new String(request.body(), StandardCharsets.UTF_8));
        String token = Optional.ofNullable(form.get("t")).or(() -> request.query("t")).orElse("");
        ApprovalDesk desk = desks.get();
        DecideDrift.Result result = decider(desk).decide(id, token, linkBase(request));
        if (result instanceof DecideDrift.Result.Shown s) {
            LOG.infof("drift decision %s decision=%s approver=%s choice=%s", s.repeated() ? "already taken" : "taken",
                    id, s.approver().id(), s.choice().wire());
        } else {
            LOG.infof("drift decision refused decision=%s: %s", id.length() <= 60 ? id : "(long id)",
                    result.getClass().getSimpleName());
        }
        return answer(request, desk, result, token);
    }

    /** Where the approval links of a Rollback point: PUBLIC_BASE_URL, else the host this link came to. */
    private String linkBase(HttpApiRequest request) {
        return settings.publicBaseUrl().filter(u -> !u.isBlank()).orElseGet(() -> {
            var ctx = request.event().getRequestContext();
            String host = request.header("host").orElse(ctx == null ? "" : String.valueOf(ctx.getDomainName()));
            return "https://" + host;
        });
    }

    private APIGatewayV2HTTPResponse answer(HttpApiRequest request, ApprovalDesk desk, DecideDrift.Result result,
            String token) {
        return switch (result) {
            case DecideDrift.Result.Shown s -> wantsJson(request) ? HttpApiResponses.json(200, summary(s))
                    : HttpApiResponses.html(200, page(desk, s, token));
            case DecideDrift.Result.NotFound n -> problem(request, 404, "No such decision", n.what());
            case DecideDrift.Result.Forbidden f -> problem(request, 403, "Link refused", f.reason());
            case DecideDrift.Result.Gone g -> problem(request, 410, "Link expired", g.reason());
            case DecideDrift.Result.Conflict c -> problem(request, 409, "Not taken", c.reason());
        };
    }

    private static Map<String, Object> summary(DecideDrift.Result.Shown s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", s.report().id());
        out.put("choice", s.choice().wire());
        out.put("approver", s.approver().id());
        s.decision().ifPresent(d -> {
            out.put("decided", d.choice().wire());
            out.put("decidedBy", d.approverId());
            out.put("state", d.state().name());
            out.put("detail", d.detail());
        });
        out.put("repeated", s.repeated());
        return out;
    }

    private String page(ApprovalDesk desk, DecideDrift.Result.Shown s, String token) {
        var redaction = new DriftRedaction(pseudonymizer);
        List<DriftRedaction.Line> lines = redaction.lines(s.report()).stream()
                .filter(l -> s.drift().items().stream()
                        .anyMatch(i -> i.fingerprint(s.drift().ref()).equals(l.fingerprint())))
                .toList();
        String workload = lines.isEmpty() ? s.drift().ref().kind() : lines.get(0).workload();
        boolean accept = s.choice() == DriftChoice.ACCEPT;
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(accept ? "Accept" : "Roll back").append(" the drift of ")
                .append(ApprovalPage.esc(workload)).append("</h1>");
        b.append("<p class=small>drift report ").append(ApprovalPage.esc(s.report().id())).append(", for ")
                .append(ApprovalPage.esc(s.approver().id())).append("</p>");
        b.append("<h2>What drifts</h2><ul>");
        for (DriftRedaction.Line l : lines) {
            b.append("<li>").append(ApprovalPage.esc(l.text()))
                    .append(l.restorable() || accept ? "" : " (not put back)")
                    .append("</li>");
        }
        b.append("</ul>");
        if (s.decision().isPresent()) {
            var d = s.decision().get();
            b.append("<p class=\"notice ok\">").append(ApprovalPage.esc(d.approverId())).append(" chose ")
                    .append(ApprovalPage.esc(d.choice().wire())).append(": ").append(ApprovalPage.esc(d.detail()))
                    .append("</p>");
        } else {
            b.append("<p>").append(accept ? "Accept keeps the workload as it is now: this state becomes its baseline,"
                    + " and the drift scan no longer reports it."
                    : "Rollback asks for approval to put these fields back"
                            + " to the desired state; the approvers get signed links, and the executor acts only on the"
                            + " workload as the report saw it.")
                    .append("</p>");
            b.append("<form method=post id=decide><input type=hidden name=t value=\"").append(ApprovalPage.esc(token))
                    .append("\"><button class=\"").append(accept ? "approve" : "reject").append("\" type=submit>")
                    .append(accept ? "Accept this state" : "Ask to roll back").append("</button></form>");
        }
        return ApprovalPage.page((accept ? "Accept drift" : "Roll back drift"), b.toString());
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
}
