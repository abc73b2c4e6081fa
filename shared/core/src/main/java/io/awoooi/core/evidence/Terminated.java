package io.awoooi.core.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's terminated state ({@code state.terminated} or {@code lastState.terminated}).
 *
 * @param reason Kubernetes' reason: {@code OOMKilled}, {@code Error}, {@code Completed}, ...
 * @param exitCode the exit code (137 is SIGKILL, what the kernel's OOM killer sends)
 * @param finishedAt when it ended, when the kubelet said
 */
public record Terminated(String reason, int exitCode, Optional<Instant> finishedAt) {
    public Terminated {
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** Killed for memory: the reason says so, or SIGKILL (137) without another reason. */
    public boolean oomKilled() {
        return "OOMKilled".equals(reason) || (exitCode == 137 && (reason.isEmpty() || "Error".equals(reason)));
    }

    /** Ended on its own with success: not a failure. */
    public boolean completed() {
        return "Completed".equals(reason) && exitCode == 0;
    }

    /** Ended at or after {@code since} (false when the time is unknown). */
    public boolean endedSince(Instant since) {
        return finishedAt.map(t -> !t.isBefore(since)).orElse(false);
    }
}
