package io.awoooi.executor;

import io.awoooi.aws.lambda.SqsBatch;
import io.awoooi.core.batch.OrderedBatch;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerifyExecution;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Consumes the executions FIFO queue (approved actions) and the verification queue (delayed
 * effectiveness checks), in order; the first failure and everything after it come back as batch
 * item failures. Logs request ids and statuses, never a parameter value or a reason (reasons can
 * name real objects once rehydrated; they are on the incident, behind the operator token).
 */
public class ExecutorFunction {
    private static final Logger LOG = Logger.getLogger(ExecutorFunction.class);

    @Inject
    Executions executions;

    @Funq
    public SqsBatch.Response execute(SqsBatch batch) {
        return batch.process(record -> {
            if (VerificationOrder.isVerification(record.body())) {
                switch (executions.verify(VerificationOrder.fromJson(record.body()))) {
                    case VerifyExecution.Result.Verified v -> LOG.infof("verified request=%s outcome=%s",
                            v.requestId(), v.outcome());
                    case VerifyExecution.Result.Skipped s -> LOG.infof("verification skipped request=%s",
                            s.requestId());
                }
                return;
            }
            switch (executions.execute(ExecutionOrder.fromJson(record.body()))) {
                case ExecuteApproved.Result.Executed e -> LOG.infof("executed request=%s message=%s", e.requestId(),
                        record.messageId());
                case ExecuteApproved.Result.Voided v -> LOG.infof("voided request=%s: the state changed since the "
                        + "approval; nothing was done", v.requestId());
                case ExecuteApproved.Result.Failed f -> LOG.infof("failed request=%s (reason on the incident)",
                        f.requestId());
                case ExecuteApproved.Result.Skipped s -> LOG.infof("skipped request=%s: already ended or not approved",
                        s.requestId());
            }
        }, OrderedBatch.Parking.none(), result -> SqsBatch.describe("executor", result).forEach(LOG::warn));
    }
}
