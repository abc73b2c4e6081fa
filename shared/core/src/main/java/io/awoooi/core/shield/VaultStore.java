package io.awoooi.core.shield;

import java.util.List;

/**
 * Port: where sealed vault rows live (the vault table; only redaction and executor may read it).
 * Transient failures throw {@link io.awoooi.core.failure.StoreUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.StoreUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface VaultStore {
    /** Every row of an incident, strongly consistent. */
    List<VaultEntry> entries(String incidentId);

    /** Adds a row unless the incident already has that label; {@code false} when it has. */
    boolean add(VaultEntry entry);
}
