package io.awoooi.core.topology;

import io.awoooi.core.failure.TopologyUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the last snapshot of another {@link TopologySource}, and the {@link ServiceGraph} built from
 * it, for a time to live (default 60 s), so a warm function reads the cluster at most once a
 * minute instead of once per incident.
 *
 * <p>After the time to live the next call refreshes. If that refresh fails with
 * {@link TopologyUnavailableException}, the old snapshot is served instead, marked
 * {@link TopologyView#stale() stale}, for at most {@code maxStale} (default 5 minutes) past its
 * expiry: a topology a few minutes old still explains most incidents, and an analysis without any
 * topology explains none. Each call in that window tries the source again. Past the window the
 * failure is thrown. Failures are never cached.
 *
 * <p>Thread-safe; callers wait while one of them refreshes rather than all reading the cluster.
 */
public final class CachedTopology implements TopologySource {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_STALE = Duration.ofMinutes(5);

    private final TopologySource source;
    private final Clock clock;
    private final Duration ttl;
    private final Duration maxStale;
    private TopologyView current;

    public CachedTopology(TopologySource source, Clock clock) {
        this(source, clock, DEFAULT_TTL, DEFAULT_MAX_STALE);
    }

    /**
     * @param ttl how long a snapshot is served without asking the source, more than zero
     * @param maxStale how long past the time to live an old snapshot may stand in for a failed
     *     refresh, zero for never
     */
    public CachedTopology(TopologySource source, Clock clock, Duration ttl, Duration maxStale) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
        if (ttl.isNegative() || ttl.isZero() || maxStale.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive and maxStale not negative");
        }
    }

    @Override
    public TopologySnapshot snapshot() {
        return view().snapshot();
    }

    /** The graph of the current snapshot (built once per snapshot). */
    public ServiceGraph graph() {
        return view().graph();
    }

    /**
     * The snapshot with its graph, refreshed when expired.
     *
     * @throws TopologyUnavailableException when the source fails and no snapshot young enough is
     *     cached
     */
    public synchronized TopologyView view() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.fetchedAt().plus(ttl))) {
            return current;
        }
        try {
            TopologySnapshot snapshot = source.snapshot();
            current = new TopologyView(snapshot, ServiceGraph.of(snapshot), now, false);
            return current;
        } catch (TopologyUnavailableException e) {
            if (current != null && !now.isAfter(current.fetchedAt().plus(ttl).plus(maxStale))) {
                return new TopologyView(current.snapshot(), current.graph(), current.fetchedAt(), true);
            }
            throw e;
        }
    }
}
