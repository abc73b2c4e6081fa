package io.awoooi.core.diagnosis;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds the diagnosis reads evidence with.
 *
 * @param recent a termination, an event or a readiness change older than this is history, not
 *     evidence of a current failure (default 1 h)
 * @param rolloutWindow a rollout younger than this counts as "a recent change" (default 24 h)
 * @param previousServed the previous revision counts as healthy when it still has Ready pods, or
 *     served at least this long before it was replaced (default 30 min)
 * @param repeatedOomKills a container killed for memory at least this often (restarts while its
 *     last end was an OOM kill, or OOMKilling events) is "killed repeatedly" (default 2)
 * @param memoryFactor the raise {@code set_resources} proposes for a memory limit (default 1.5; the
 *     catalog refuses more than 2)
 */
public record DiagnosisPolicy(Duration recent, Duration rolloutWindow, Duration previousServed, int repeatedOomKills,
        double memoryFactor) {
    public static final DiagnosisPolicy DEFAULT = new DiagnosisPolicy(Duration.ofHours(1), Duration.ofHours(24),
            Duration.ofMinutes(30), 2, 1.5);

    public DiagnosisPolicy {
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(rolloutWindow, "rolloutWindow");
        Objects.requireNonNull(previousServed, "previousServed");
        if (repeatedOomKills < 1) {
            throw new IllegalArgumentException("repeatedOomKills must be at least 1");
        }
        if (memoryFactor <= 1.0 || memoryFactor > 2.0) {
            throw new IllegalArgumentException("memoryFactor must be in (1, 2]");
        }
    }
}
