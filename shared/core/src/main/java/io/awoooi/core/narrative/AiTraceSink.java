package io.awoooi.core.narrative;

/**
 * Port: where AI traces go (the audit table), append-only; {@link AiTraces} reads them back. A store
 * that cannot be used throws a {@link io.awoooi.core.failure.DependencyUnavailableException}, but a
 * failing sink never fails a narration: {@link ResilientNarrator} swallows what it throws.
 */
@FunctionalInterface
public interface AiTraceSink {
    AiTraceSink NONE = trace -> {
    };

    void record(AiTrace trace);
}
