package io.awoooi.core.finops;

/**
 * Port: reads what the scan prices from the cluster. A list that cannot be read (timeout, 5xx,
 * forbidden) is returned absent with its reason in {@link ClusterInventory#unreadable()}, never as an
 * empty list: an empty pod list would make every claim look orphaned.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.TopologyUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface ClusterInventorySource {
    ClusterInventory read();
}
