package io.awoooi.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an incident's operation log: what ran, on whose behalf, with what (counts and ids,
 * never personal values), and which operation it followed ({@code parentOpId}), so that
 * alert_received -> redacted -> analyzed -> ... reads as a chain.
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
        Instant at) {

    public Operation {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        input = Map.copyOf(input);
        output = Map.copyOf(output);
        Objects.requireNonNull(parentOpId, "parentOpId");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The id of an operation on one notification: derived, so each stage names its parent without
     * passing ids along, and a redelivered message writes the same entry again, not a second one.
     */
    public static String idFor(String notificationKey, String type) {
        return "op_" + io.awoooi.core.Hashing.sha256Hex(notificationKey + "/" + type).substring(0, 24);
    }
}
