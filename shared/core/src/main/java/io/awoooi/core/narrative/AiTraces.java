package io.awoooi.core.narrative;

import java.util.List;

/**
 * Port: the AI collaboration trace of an incident, oldest first, as {@link AiTraceSink} kept it (the
 * prompt as sent, pseudonymized, and the model's answer): its newest {@value #SHOWN} traces, so an
 * incident narrated more often than that shows its latest model calls. Transient failures throw
 * {@link io.awoooi.core.failure.StoreUnavailableException}.
 */
public interface AiTraces {
    /** The most traces {@link #of} returns (each up to ~16 KB: a console page or an API answer stays small). */
    int SHOWN = 100;

    List<AiTrace> of(String incidentId);
}
