package io.awoooi.core.drift;

/** Where the desired state of a workload came from, first that applies. */
public enum DesiredSource {
    /** The state a human accepted in AWOOOI (Accept link). */
    BASELINE,
    /** {@code kubectl.kubernetes.io/last-applied-configuration} (client-side apply). */
    LAST_APPLIED,
    /** Server-side field ownership: imperative managers over declarative ones. */
    MANAGED_FIELDS,
    /** No declarative record at all. */
    NONE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
