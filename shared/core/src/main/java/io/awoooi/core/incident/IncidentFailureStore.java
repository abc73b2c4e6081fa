package io.awoooi.core.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the permanent processing failures of incidents (one summary per incident). Transient
 * failures throw {@link StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface IncidentFailureStore {
    /**
     * Adds a failed message to its incident's failure summary: the first failure's stage and reason
     * stay, the count and the latest failure move. Idempotent per message id, so a redelivered
     * message whose earlier parking was not acknowledged counts once.
     */
    void record(String incidentId, String stage, String reason, String messageId, Instant at);

    Optional<IncidentFailure> find(String incidentId);

    /** The failures of those of these incidents that have one (at most 100 ids). */
    Map<String, IncidentFailure> findAll(Collection<String> incidentIds);
}
