package io.awoooi.executor;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.incident.ParkFailedMessage;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerifyExecution;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Consumes the executions FIFO queue (approved actions) and the verification queue (delayed
 * effectiveness checks), in order. An order that can never be carried out (undecodable, refused for
 * good by a store or queue) is parked on its incident as a failure and acknowledged; any other
 * failure comes back as a batch item failure with the later messages of its group (the executions
 * queue's group is the target; the verification queue has none). Logs request ids and statuses,
 * never a parameter value or an action's reason (reasons can name real objects once rehydrated; they
 * are on the incident, behind the operator token).
 */
public class ExecutorFunction {
    private static final Logger LOG = Logger.getLogger(ExecutorFunction.class);

    @Inject
    Executions executions;

    @Inject
    ParkFailedMessage parking;

    static final String STAGE = "executor";

    @Funq
    public SqsBatch.Response execute(SqsBatch batch) {
        return batch.process(record -> {
            incidentOf(record.body()).ifPresent(LogContext::incident);
            if (VerificationOrder.isVerification(record.body())) {
                switch (executions.verify(decode(record.body(), VerificationOrder::fromJson, "a verification order"))) {
                    case VerifyExecution.Result.Verified v -> LOG.infof("verified request=%s outcome=%s",
                            v.requestId(), v.outcome());
                    case VerifyExecution.Result.Skipped s -> LOG.infof("verification skipped request=%s",
                            s.requestId());
                }
                return;
            }
            ExecuteApproved.Result result = executions.execute(decode(record.body(), ExecutionOrder::fromJson,
                    "an execution order"));
            Metrics.count(STAGE, "ExecutionsByResult", "Result", result.getClass().getSimpleName(), 1);
            if (result instanceof ExecuteApproved.Result.Voided) {
                Metrics.count(STAGE, "Voided", 1);
            }
            switch (result) {
                case ExecuteApproved.Result.Executed e -> LOG.infof("executed request=%s message=%s", e.requestId(),
                        record.messageId());
                case ExecuteApproved.Result.Voided v -> LOG.infof("voided request=%s: the state changed since the "
                        + "approval; nothing was done", v.requestId());
                case ExecuteApproved.Result.Failed f -> LOG.infof("failed request=%s (reason on the incident)",
                        f.requestId());
                case ExecuteApproved.Result.Skipped s -> LOG.infof("skipped request=%s: already ended or not approved",
                        s.requestId());
            }
        }, (record, failure) -> parking.park(record.messageId(),
                incidentOf(record.body()).or(() -> record.messageAttribute("incidentId")), Optional.empty(), failure),
                result -> SqsBatch.describe(STAGE, result).forEach(LOG::warn));
    }

    /** The order; a body that is none can never become one. */
    static <T> T decode(String body, Function<String, T> decoder, String what) {
        try {
            return decoder.apply(body);
        } catch (RuntimeException e) {
            throw new PermanentFailureException("the message body is not " + what, e);
        }
    }

    private static Optional<String> incidentOf(String body) {
        try {
            return Optional.of(VerificationOrder.isVerification(body) ? VerificationOrder.fromJson(body).incidentId()
                    : ExecutionOrder.fromJson(body).incidentId());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
