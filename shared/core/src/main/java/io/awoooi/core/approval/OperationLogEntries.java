package io.awoooi.core.approval;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.audit.OperationLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Operation-log entries that have no request to hang on. */
public final class OperationLogEntries {
    private OperationLogEntries() {
    }

    public static void blocked(ApprovalDesk desk, Analysis analysis, ProposedAction action, DryRunReport dryRun,
            String parentOp, Instant started) {
        Instant now = desk.clock().instant();
        OperationLog.appendQuietly(desk.operations(), new Operation(
                Operation.idFor(analysis.notificationKey(), "approval_blocked"), analysis.incidentId(),
                "approval_blocked", "analysis", Map.of("action", action.type().id()),
                Map.of("failedChecks", dryRun.failures().stream().filter(c -> !c.overridable())
                        .map(DryRunCheck::name).collect(Collectors.joining(","))),
                Duration.between(started, now).toMillis(), Optional.of(parentOp), now));
    }
}
