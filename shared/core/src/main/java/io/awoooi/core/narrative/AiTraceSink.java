package io.awoooi.core.narrative;

/**
 * Port: where AI traces go (the audit table). A failing sink never fails a narration:
 * {@link ResilientNarrator} swallows what it throws.
 */
@FunctionalInterface
public interface AiTraceSink {
    AiTraceSink NONE = trace -> {
    };

    void record(AiTrace trace);
}
