package io.awoooi.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.aws.observe.Metrics;
import io.awoooi.core.approval.ApprovalLedger;
import io.awoooi.core.approval.ApproverNotices;
import io.awoooi.core.approval.ExpireApprovals;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The expiry sweep (ApprovalExpiryFunction: the approval function's code with
 * {@code QUARKUS_LAMBDA_HANDLER=approval-expiry}, its own role and schedule). EventBridge Scheduler
 * invokes it every few minutes; whatever it sends (the schedule's input, an on-demand {@code {}})
 * only starts a sweep "as of now". Each sweep handles the overdue pending requests in batches
 * ({@link ExpireApprovals}), at most {@value #MAX_BATCHES} batches per invocation: the rest stay
 * overdue and are taken by the next one. A store it cannot reach fails the invocation (retried by
 * the schedule's and the function's retry policies, then dead-lettered); every move is conditional,
 * so a retry never announces twice.
 */
@Named("approval-expiry")
public class ApprovalExpiryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = Logger.getLogger(ApprovalExpiryHandler.class);
    static final int MAX_BATCHES = 10;

    /**
     * What the sweep holds of the approval side (ApprovalWiring): the ledger and the notices, without
     * a link key and without an executions queue; a type of its own beside the links' desks.
     */
    public record ExpiryParts(ApprovalLedger ledger, Supplier<ApproverNotices> notices) {
    }

    @Inject
    ExpiryParts parts;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LogContext.invocation(context == null ? null : context.getAwsRequestId());
        try {
            ExpireApprovals sweep = new ExpireApprovals(parts.ledger(), parts.notices().get());
            int expired = 0;
            int skipped = 0;
            boolean more = true;
            for (int batch = 0; batch < MAX_BATCHES && more; batch++) {
                ExpireApprovals.Result result = sweep.sweep(ExpireApprovals.DEFAULT_BATCH);
                result.expired().forEach(id -> LOG.infof("expired request=%s (approvers and operators told)", id));
                expired += result.expired().size();
                skipped += result.skipped();
                more = result.more();
            }
            if (expired > 0) {
                Metrics.count("approval-expiry", "ApprovalsByStatus", "Status", "EXPIRED", expired);
            }
            LOG.infof("expiry sweep: %d expired, %d moved on meanwhile%s", expired, skipped,
                    more ? ", more wait for the next sweep" : "");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("expired", expired);
            out.put("skipped", skipped);
            out.put("more", more);
            return out;
        } finally {
            LogContext.clear();
        }
    }
}
