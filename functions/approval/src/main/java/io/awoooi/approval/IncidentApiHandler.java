package io.awoooi.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.core.failure.DependencyUnavailableException;
import io.awoooi.core.intake.QueueRejectedException;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.core.auth.BearerToken;
import io.awoooi.core.finops.FinOpsReport;
import io.awoooi.core.finops.FinOpsReportStore;
import io.awoooi.core.incident.IncidentFilter;
import io.awoooi.core.incident.IncidentReader;
import io.awoooi.core.incident.InvalidPageTokenException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The operators' incident read API, behind the operator bearer token (not the intake token):
 * <ul>
 *   <li>GET /v1/incidents: newest first, {@code limit} (1-100, default 20) and {@code nextToken};
 *       filters {@code status} (FIRING | RESOLVED), {@code since} and {@code until} (when the
 *       incident was created, both inclusive: an ISO-8601 instant, or {@code 30m} / {@code 2h} /
 *       {@code 7d} before now). A bad value answers 400 naming the parameter. Each item has its
 *       severity, age, diagnosis, root cause, proposed action, approval, execution and failure.</li>
 *   <li>GET /v1/incidents/{id}: the whole document.</li>
 *   <li>GET /v1/finops/reports/latest and /v1/finops/reports/{id}: FinOps reports (the finops-scan
 *       function writes them; the latest is only ever a report written whole).</li>
 *   <li>GET /v1/drift/reports/latest and /v1/drift/reports/{id}: a drift report (issue #15) in
 *       redacted words, its narrative and its audit rows.</li>
 * </ul>
 * And the approval links, GET and POST /v1/approvals/{id}, which carry their own signed token instead,
 * and the web console under /console, which has its own session cookie ({@link Console}).
 */
@Named("approval")
public class IncidentApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(IncidentApiHandler.class);

    @Inject
    IncidentReader reader;

    @Inject
    ApprovalLinks approvalLinks;

    @Inject
    DriftDecisionLinks driftDecisions;

    @Inject
    io.awoooi.core.drift.DriftReportReader driftReports;

    @Inject
    Console console;

    @Inject
    FinOpsReportStore finOpsReports;

    @Inject
    @Named("operatorToken")
    Supplier<String> operatorToken;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LogContext.invocation(context == null ? null : context.getAwsRequestId());
        LogContext.correlation(event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId());
        try {
            return handle(event);
        } finally {
            LogContext.clear();
        }
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        HttpApiRequest request = new HttpApiRequest(event);
        try {
            switch (request.routeKey()) {
                case "GET /v1/approvals/{id}" :
                    return approvalLinks.show(request);
                case "POST /v1/approvals/{id}" :
                    return approvalLinks.decide(request);
                case "GET /v1/drift/decisions/{id}" :
                    return driftDecisions.show(request);
                case "POST /v1/drift/decisions/{id}" :
                    return driftDecisions.decide(request);
                case "GET /console", "GET /console/{proxy+}", "POST /console/{proxy+}" :
                    return console.handle(request);
                default :
                    break;
            }
            if (!BearerToken.matches(request.header("authorization").orElse(null), operatorToken.get())) {
                return HttpApiResponses.unauthorized();
            }
            return switch (request.routeKey()) {
                case "GET /v1/incidents" -> list(request);
                case "GET /v1/incidents/{id}" -> request.pathParameter("id").flatMap(reader::incident)
                        .map(incident -> HttpApiResponses.json(200, incident.document()))
                        .orElseGet(() -> HttpApiResponses.error(404, "not_found", "no incident with that id"));
                case "GET /v1/finops/reports/latest" -> finOpsReports.latest()
                        .map(IncidentApiHandler::document)
                        .orElseGet(() -> HttpApiResponses.error(404, "not_found", "no FinOps report yet"));
                case "GET /v1/finops/reports/{id}" -> finOpsReport(request.pathParameter("id").orElse(""));
                // drift reports (issue #15): the report in redacted words, its narrative and audit rows
                case "GET /v1/drift/reports/latest" -> driftReports.latest().map(doc -> HttpApiResponses.json(200, doc))
                        .orElseGet(() -> HttpApiResponses.error(404, "not_found", "no drift scan has run yet"));
                case "GET /v1/drift/reports/{id}" -> request.pathParameter("id").flatMap(driftReports::find)
                        .map(doc -> HttpApiResponses.json(200, doc))
                        .orElseGet(() -> HttpApiResponses.error(404, "not_found", "no drift report with that id"));
                default -> HttpApiResponses.error(404, "not_found", "no such route");
            };
        } catch (QueueRejectedException e) {
            // SQS refused the order for good: posting the link again cannot help (ADR 0010)
            LOG.errorf("approved request could not be dispatched: %s", e.reason());
            return HttpApiResponses.error(500, "not_dispatched",
                    "the decision is recorded but the executions queue refused the action for good");
        } catch (QueueUnavailableException e) {
            // the request is APPROVED but not dispatched: posting the link again sends it
            LOG.errorf("approved request could not be dispatched (%s); answering 503", e.getMessage());
            return HttpApiResponses.error(503, "unavailable",
                    "the decision is recorded but the action could not be queued; post the link again");
        } catch (io.awoooi.core.drift.DriftSource.DriftSourceException
                | io.awoooi.core.failure.TopologyUnavailableException e) {
            // a drift decision could not read the cluster: its claim stays, the same link finishes it
            LOG.warnf("the Kubernetes API failed during a drift decision (%s); answering 503", e.getMessage());
            return HttpApiResponses.error(503, "unavailable", "the cluster could not be read; post the link again");
        } catch (DependencyUnavailableException e) {
            // the state store, a secret (tokens, keys), the approvers directory: nothing was decided
            LOG.warnf("%s unavailable, answering 503: %s", e.dependency(), e.getMessage());
            return HttpApiResponses.unavailable(e);
        }
    }

    /** A report by id ({@code fin_20261207T000000Z}): 400 for what cannot be one, 404 for one never written. */
    private APIGatewayV2HTTPResponse finOpsReport(String id) {
        if (!FinOpsReport.isId(id)) {
            return HttpApiResponses.error(400, "invalid_parameter",
                    "a report id is fin_ followed by a UTC time, e.g. fin_20261207T000000Z");
        }
        return finOpsReports.find(id).map(IncidentApiHandler::document)
                .orElseGet(() -> HttpApiResponses.error(404, "not_found", "no FinOps report with that id"));
    }

    /** A stored JSON document as it is (parsed, so it is served as JSON and not as a JSON string). */
    private static APIGatewayV2HTTPResponse document(String json) {
        try {
            return HttpApiResponses.json(200, DOCUMENTS.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored FinOps report is not JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DOCUMENTS = new com.fasterxml.jackson.databind.ObjectMapper();

    private APIGatewayV2HTTPResponse list(HttpApiRequest request) {
        int limit;
        try {
            limit = request.query("limit").map(Integer::parseInt).orElse(IncidentReader.DEFAULT_LIMIT);
        } catch (NumberFormatException e) {
            return HttpApiResponses.error(400, "invalid_parameter", "limit must be a whole number");
        }
        try {
            IncidentFilter filter = IncidentFilter.parse(request.query("status"), request.query("since"),
                    request.query("until"), java.time.Instant.now());
            return HttpApiResponses.json(200, reader.newest(limit, request.query("nextToken").filter(t -> !t.isEmpty()),
                    filter).document());
        } catch (IllegalArgumentException | InvalidPageTokenException e) {
            return HttpApiResponses.error(400, "invalid_parameter", e.getMessage());
        }
    }

}
