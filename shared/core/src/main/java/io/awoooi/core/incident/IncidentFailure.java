package io.awoooi.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * Why an incident's processing stopped for good at some stage: the first message that failed
 * permanently (a poison message), and how many distinct messages of the incident failed so far.
 * The incident's status stays what its alerts say (FIRING, RESOLVED); this is an addition to it.
 *
 * @param stage    where it failed: redaction, analysis, executor
 * @param reason   value-free, short: "the redacted alert exceeds DynamoDB's 400 KB item limit"
 * @param at       when the first one failed
 * @param messages how many distinct messages failed permanently (redeliveries count once)
 * @param latest   the most recent failure (the same as the first while {@code messages} is 1)
 */
public record IncidentFailure(String incidentId, String stage, String reason, Instant at, int messages, Latest latest) {
    public IncidentFailure {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latest, "latest");
    }

    public record Latest(String stage, String reason, Instant at) {
        public Latest {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }
}
