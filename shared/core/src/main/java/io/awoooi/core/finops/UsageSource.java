package io.awoooi.core.finops;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: measured usage over a window (Prometheus).
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.UsageUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface UsageSource {
    /**
     * @param cluster what was listed (the adapter may batch its queries by the pods' namespaces)
     * @throws UsageUnavailableException when usage cannot be read at all; the scan then reports every
     *     usage-based figure as not measured
     */
    UsageHistory read(ClusterInventory cluster, Instant from, Instant to, Duration step);
}
