package io.awoooi.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an incident's operation log: what ran, on whose behalf, with what (counts and ids,
 * never personal values), and which operation it followed ({@code parentOpId}), so that
 * alert_received -> redacted -> analyzed -> ... reads as a chain. {@code tags} group entries across
 * incidents (e.g. {@code drift}, {@code llm_summary}); most entries have none.
 */
public record Operation(
        String opId,
        String incidentId,
        String type,
        String actor,
        Map<String, String> input,
        Map<String, String> output,
        long durationMs,
        Optional<String> parentOpId,
        Instant at,
        java.util.List<String> tags) {

    public Operation {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        input = Map.copyOf(input);
        output = Map.copyOf(output);
        Objects.requireNonNull(parentOpId, "parentOpId");
        Objects.requireNonNull(at, "at");
        tags = tags == null ? java.util.List.of() : java.util.List.copyOf(tags);
    }

    /** An entry without tags. */
    public Operation(String opId, String incidentId, String type, String actor, Map<String, String> input,
            Map<String, String> output, long durationMs, Optional<String> parentOpId, Instant at) {
        this(opId, incidentId, type, actor, input, output, durationMs, parentOpId, at, java.util.List.of());
    }

    /**
     * The id of an operation on one notification: derived, so each stage names its parent without
     * passing ids along, and a redelivered message writes the same entry again, not a second one.
     */
    public static String idFor(String notificationKey, String type) {
        return "op_" + io.awoooi.core.Hashing.sha256Hex(notificationKey + "/" + type).substring(0, 24);
    }
}
