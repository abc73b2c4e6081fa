package io.awoooi.core.narrative;

import java.util.List;

/**
 * Port: the AI collaboration trace of an incident, oldest first, as {@link AiTraceSink} kept it (the
 * prompt as sent, pseudonymized, and the model's answer). Transient failures throw
 * {@link io.awoooi.core.failure.StoreUnavailableException}.
 */
public interface AiTraces {
    List<AiTrace> of(String incidentId);
}
