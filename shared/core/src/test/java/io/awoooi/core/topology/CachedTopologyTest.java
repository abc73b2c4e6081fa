package io.awoooi.core.topology;

import static io.awoooi.core.topology.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.TopologyUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class CachedTopologyTest {
    private static final Instant START = Instant.parse("2026-11-25T04:00:00Z");

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Answers with the queued snapshots (or failures) in turn and counts the calls. */
    private static final class ScriptedSource implements TopologySource {
        private final Deque<Object> answers = new ArrayDeque<>();
        int calls;

        ScriptedSource then(Object snapshotOrFailure) {
            answers.add(snapshotOrFailure);
            return this;
        }

        @Override
        public TopologySnapshot snapshot() {
            calls++;
            Object next = answers.isEmpty() ? new TopologyUnavailableException("down", null) : answers.poll();
            if (next instanceof TopologyUnavailableException e) {
                throw e;
            }
            return (TopologySnapshot) next;
        }
    }

    private final TestClock clock = new TestClock();
    private final TopologySnapshot first = topology().service("a").snapshot();
    private final TopologySnapshot second = topology().service("a").service("b").snapshot();

    @Test
    void snapshot_withinTtl_servedFromCacheWithTheSameGraph() {
        // GIVEN a source with one snapshot
        ScriptedSource source = new ScriptedSource().then(first);
        CachedTopology cache = new CachedTopology(source, clock);

        // WHEN asked three times within the minute
        ServiceGraph graph = cache.graph();
        clock.advance(Duration.ofSeconds(59));
        TopologySnapshot again = cache.snapshot();
        ServiceGraph graphAgain = cache.graph();

        // THEN the source was read once and the graph built once
        assertThat(source.calls).isEqualTo(1);
        assertThat(again).isSameAs(first);
        assertThat(graphAgain).isSameAs(graph);
        assertThat(cache.view().stale()).isFalse();
    }

    @Test
    void snapshot_afterTtl_refreshes() {
        // GIVEN a cached snapshot
        ScriptedSource source = new ScriptedSource().then(first).then(second);
        CachedTopology cache = new CachedTopology(source, clock);
        ServiceGraph old = cache.graph();

        // WHEN the time to live has passed
        clock.advance(CachedTopology.DEFAULT_TTL);
        TopologyView view = cache.view();

        // THEN the new snapshot and a new graph
        assertThat(source.calls).isEqualTo(2);
        assertThat(view.snapshot()).isSameAs(second);
        assertThat(view.graph()).isNotSameAs(old);
        assertThat(view.graph().serviceCount()).isEqualTo(2);
        assertThat(view.fetchedAt()).isEqualTo(START.plus(CachedTopology.DEFAULT_TTL));
        assertThat(view.stale()).isFalse();
    }

    @Test
    void snapshot_refreshFailsWithinStaleWindow_servesTheOldOneMarkedStaleAndRetriesNextTime() {
        // GIVEN a cached snapshot and a source that is down, then back
        ScriptedSource source = new ScriptedSource().then(first)
                .then(new TopologyUnavailableException("down", null)).then(second);
        CachedTopology cache = new CachedTopology(source, clock);
        cache.snapshot();

        // WHEN the refresh fails 4 minutes after expiry
        clock.advance(CachedTopology.DEFAULT_TTL.plus(Duration.ofMinutes(4)));
        TopologyView stale = cache.view();

        // THEN the old snapshot is served, marked stale, and the next call tries again
        assertThat(stale.snapshot()).isSameAs(first);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.fetchedAt()).isEqualTo(START);
        assertThat(cache.view().snapshot()).isSameAs(second);
        assertThat(source.calls).isEqualTo(3);
    }

    @Test
    void snapshot_refreshFailsPastStaleWindow_throws() {
        // GIVEN a cached snapshot and a source that stays down
        ScriptedSource source = new ScriptedSource().then(first);
        CachedTopology cache = new CachedTopology(source, clock);
        cache.snapshot();

        // WHEN the refresh fails exactly at the end of the window, and just past it
        clock.advance(CachedTopology.DEFAULT_TTL.plus(CachedTopology.DEFAULT_MAX_STALE));
        TopologyView lastStale = cache.view();
        clock.advance(Duration.ofMillis(1));

        // THEN the window is inclusive, then the failure is the caller's
        assertThat(lastStale.stale()).isTrue();
        assertThatThrownBy(cache::snapshot).isInstanceOf(TopologyUnavailableException.class);
    }

    @Test
    void snapshot_firstReadFails_throwsAndCachesNothing() {
        // GIVEN a source down at first, then up
        ScriptedSource source = new ScriptedSource().then(new TopologyUnavailableException("down", null)).then(first);
        CachedTopology cache = new CachedTopology(source, clock);

        // WHEN / THEN the first call fails, the next one (same instant) reads again
        assertThatThrownBy(cache::snapshot).isInstanceOf(TopologyUnavailableException.class);
        assertThat(cache.snapshot()).isSameAs(first);
        assertThat(source.calls).isEqualTo(2);
    }

    @Test
    void snapshot_noStaleWindow_failureThrowsRightAfterExpiry() {
        ScriptedSource source = new ScriptedSource().then(first);
        CachedTopology cache = new CachedTopology(source, clock, Duration.ofSeconds(10), Duration.ZERO);
        cache.snapshot();
        clock.advance(Duration.ofSeconds(10).plusMillis(1));
        assertThatThrownBy(cache::snapshot).isInstanceOf(TopologyUnavailableException.class);
    }

    @Test
    void constructor_zeroTtlOrNegativeStale_isRefused() {
        ScriptedSource source = new ScriptedSource();
        assertThatThrownBy(() -> new CachedTopology(source, clock, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachedTopology(source, clock, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
