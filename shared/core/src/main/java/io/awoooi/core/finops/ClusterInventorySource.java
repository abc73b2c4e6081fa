package io.awoooi.core.finops;

/**
 * Port: reads what the scan prices from the cluster. A list that cannot be read (timeout, 5xx,
 * forbidden) is returned absent with its reason in {@link ClusterInventory#unreadable()}, never as an
 * empty list: an empty pod list would make every claim look orphaned.
 */
public interface ClusterInventorySource {
    ClusterInventory read();
}
