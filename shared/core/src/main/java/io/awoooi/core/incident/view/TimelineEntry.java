package io.awoooi.core.incident.view;

import io.awoooi.core.audit.Operation;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the incident's audit trail (the operation log), oldest first. The document shows it
 * twice: in {@code timeline} as {opId, parentOpId?, type, actor, at} and in {@code operations} with
 * its duration and output too.
 */
public record TimelineEntry(String opId, Optional<String> parentOpId, String type, String actor, Instant at,
        long durationMs, Map<String, String> output) {
    public TimelineEntry {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(parentOpId, "parentOpId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(output, "output");
    }

    public static TimelineEntry of(Operation op) {
        return new TimelineEntry(op.opId(), op.parentOpId(), op.type(), op.actor(), op.at(), op.durationMs(),
                op.output());
    }

    /** {opId, parentOpId?, type, actor, at}: an entry of {@code timeline}. */
    public Map<String, Object> document() {
        return Documents.object().put("opId", opId).put("parentOpId", parentOpId).put("type", type).put("actor", actor)
                .put("at", at).build();
    }

    /** {opId, type, actor, parentOpId?, at, durationMs, output}: an entry of {@code operations}. */
    public Map<String, Object> operationDocument() {
        return Documents.object().put("opId", opId).put("type", type).put("actor", actor).put("parentOpId", parentOpId)
                .put("at", at).put("durationMs", durationMs).put("output", output).build();
    }
}
