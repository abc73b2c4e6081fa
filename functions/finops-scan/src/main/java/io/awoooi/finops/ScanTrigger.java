package io.awoooi.finops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What started a scan: an EventBridge Scheduler target input ({@code scheduledTime} from the
 * {@code <aws.scheduler.scheduled-time>} context attribute, the same on every retry of one firing),
 * an EventBridge rule's Scheduled Event ({@code time}), or an on-demand invoke (neither: now). The
 * trigger time names the report, so a retried scan rewrites its own report instead of adding one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScanTrigger {
    public String scheduledTime;
    public String time;

    Optional<Instant> at() {
        return parse(scheduledTime).or(() -> parse(time));
    }

    private static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // e.g. an unreplaced placeholder: an on-demand scan
        }
    }
}
