package io.awoooi.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.awoooi.aws.http.HttpApiRequest;
import io.awoooi.aws.http.HttpApiResponses;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.InvalidWebhookException;
import io.awoooi.core.alert.WebhookLimits;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.auth.BearerToken;
import io.awoooi.core.failure.DependencyUnavailableException;
import io.awoooi.core.intake.AlertIntake;
import io.awoooi.core.intake.MessageTooLargeException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * POST /v1/alerts: Alertmanager's webhook. Alertmanager drops a 4xx for good and retries a 5xx, so
 * 4xx answers only input that can never succeed, and every storage or queue fault is a 503. Input
 * that breaks a limit ({@link WebhookLimits}) is answered 400, 413 or 422 before anything is written.
 * This function logs ids, counts and timings, never a label or annotation value.
 */
@Named("intake")
public class IntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_BODY_BYTES = WebhookLimits.MAX_BODY_BYTES;
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");
    private static final Logger LOG = Logger.getLogger(IntakeHandler.class);
    static final String FUNCTION = "intake";

    private final WebhookParser parser = new WebhookParser();

    @Inject
    AlertIntake intake;

    @Inject
    @Named("intakeToken")
    Supplier<String> intakeToken;

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
        long started = System.nanoTime();
        HttpApiRequest request = new HttpApiRequest(event);
        String expected;
        try {
            expected = intakeToken.get();
        } catch (DependencyUnavailableException e) {
            LOG.errorf("intake token could not be read (%s); answering 503", e.getMessage());
            return HttpApiResponses.unavailable(e);
        }
        if (!BearerToken.matches(request.header("authorization").orElse(null), expected)) {
            LOG.info("rejected notification: missing or wrong bearer token");
            return HttpApiResponses.unauthorized();
        }
        String mediaType = request.mediaType();
        if (!mediaType.isEmpty() && !JSON_TYPES.contains(mediaType) && !mediaType.endsWith("+json")) {
            return HttpApiResponses.error(415, "unsupported_media_type", "send the webhook as application/json");
        }
        if (request.bodySize() > MAX_BODY_BYTES) {
            return HttpApiResponses.error(413, "payload_too_large",
                    "the body exceeds 1 MiB; lower max_alerts in the webhook config");
        }
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            return HttpApiResponses.error(413, "payload_too_large",
                    "the body exceeds 1 MiB; lower max_alerts in the webhook config");
        }
        AlertmanagerWebhook webhook;
        try {
            webhook = parser.parse(body);
        } catch (InvalidWebhookException e) {
            return refused(e);
        }
        try {
            AlertIntake.Receipt receipt = intake.accept(webhook);
            LogContext.incident(receipt.incidentId());
            Metrics.count(FUNCTION, "AlertsReceived", webhook.alerts().size());
            if (receipt.duplicate()) {
                Metrics.count(FUNCTION, "AlertsDuplicate", webhook.alerts().size());
            }
            LOG.infof("accepted notification incident=%s alerts=%d firing=%d duplicate=%s durationMs=%d",
                    receipt.incidentId(), webhook.alerts().size(), webhook.firingCount(), receipt.duplicate(),
                    (System.nanoTime() - started) / 1_000_000);
            return HttpApiResponses.json(202, Map.of("incidentId", receipt.incidentId()));
        } catch (InvalidWebhookException e) {
            return refused(e);
        } catch (MessageTooLargeException e) {
            return HttpApiResponses.error(413, "payload_too_large", e.getMessage());
        } catch (io.awoooi.core.batch.PermanentFailureException e) {
            // the limits should make this impossible; if the store or the queue still refuses the
            // notification for good, a retry cannot help: say so instead of a 5xx retried forever
            LOG.errorf("notification refused for good by %s: %s", e.getClass().getSimpleName(), e.getMessage());
            return HttpApiResponses.error(422, "rejected", "the notification can never be stored or queued: "
                    + e.getMessage());
        } catch (DependencyUnavailableException e) {
            LOG.warnf("notification not accepted, answering 503 so Alertmanager retries: %s", e.getMessage());
            return HttpApiResponses.unavailable(e);
        }
    }

    /** A notification that can never be accepted; the detail names the rule, never a value. */
    private static APIGatewayV2HTTPResponse refused(InvalidWebhookException e) {
        LOG.infof("refused notification: %s", e.getMessage());
        return switch (e) {
            case InvalidWebhookException.MalformedJson m -> HttpApiResponses.error(400, "invalid_json", m.getMessage());
            case InvalidWebhookException.InvalidShape s ->
                HttpApiResponses.error(422, "invalid_payload", s.getMessage());
            case InvalidWebhookException.TooLarge t -> HttpApiResponses.error(413, "payload_too_large", t.getMessage());
        };
    }
}
