package io.awoooi.core.topology;

import java.time.Instant;
import java.util.Objects;

/**
 * A cached topology as {@link CachedTopology} hands it out.
 *
 * @param fetchedAt when the source delivered the snapshot (by the cache's clock)
 * @param stale true when the snapshot is past its time to live and a refresh just failed: it is
 *     served anyway, for a limited time, and the caller may say so in its findings
 */
public record TopologyView(TopologySnapshot snapshot, ServiceGraph graph, Instant fetchedAt, boolean stale) {
    public TopologyView {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
