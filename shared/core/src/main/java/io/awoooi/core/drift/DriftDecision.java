package io.awoooi.core.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * The one decision taken on a drifted workload of a report: whoever clicks first decides, once.
 *
 * @param id {@link DriftLinks#decisionId}
 * @param state CLAIMED while its effect is being made (a retry of the same click finishes it), DONE, or
 *     REFUSED (the workload changed since the report: nothing was stored or asked)
 * @param detail what came of it, in words safe to show (a request id, why it was refused)
 */
public record DriftDecision(String id, String reportId, String workloadKey, DriftChoice choice, String approverId,
        Instant at, State state, String detail) {
    public enum State {
        CLAIMED,
        DONE,
        REFUSED
    }

    public DriftDecision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(workloadKey, "workloadKey");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    public DriftDecision with(State next, String why) {
        return new DriftDecision(id, reportId, workloadKey, choice, approverId, at, next, why);
    }
}
