package io.awoooi.core.incident;

import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.incident.IncidentStore.GroupPointer;
import io.awoooi.core.incident.IncidentStore.IncidentPage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link IncidentStore} port, run against every implementation: the in-memory
 * fake here, the DynamoDB adapter (state table, GSI1) in shared/aws through the core test-jar. Each
 * test uses ids, groups and notification keys of its own, so a shared table is fine; the listing
 * tests create their incidents in a far-future day of their own, newer than anything else there.
 * (The intake lifecycle on top of the port is {@link io.awoooi.core.intake.AlertIntakeContract}.)
 */
public abstract class IncidentStoreContract {
    /** Millisecond precision: what every adapter keeps of an instant. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** Each listing test takes the next day after this: later tests list newer incidents. */
    private static final Instant FAR_FUTURE = Instant.parse("2900-01-01T00:00:00Z");
    private static final AtomicLong LISTING_DAY = new AtomicLong();

    /** A store, possibly shared between tests. */
    protected abstract IncidentStore store();

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A firing incident (not yet stored: version 0) with a firing alert, a resolved one, and one without name or severity. */
    private static Incident incident(Instant createdAt) {
        List<IncidentAlert> alerts = List.of(
                new IncidentAlert("fp-firing", createdAt.minusSeconds(30), "PostgresDown", "critical",
                        AlertStatus.FIRING, Optional.empty()),
                new IncidentAlert("fp-resolved", createdAt.minusSeconds(60), "HighLatency", "warning",
                        AlertStatus.RESOLVED, Optional.of(createdAt.minusSeconds(10))),
                new IncidentAlert("fp-bare", createdAt.minusSeconds(5), "", "", AlertStatus.FIRING, Optional.empty()));
        return new Incident(unique("inc_"), unique("g"), IncidentStatus.FIRING, createdAt, createdAt,
                Optional.empty(), alerts, 0);
    }

    private static Incident withVersion(Incident i, long version) {
        return new Incident(i.id(), i.groupKeyHash(), i.status(), i.createdAt(), i.updatedAt(), i.resolvedAt(),
                i.alerts(), version);
    }

    private static Incident resolved(Incident i, Instant at) {
        return new Incident(i.id(), i.groupKeyHash(), IncidentStatus.RESOLVED, i.createdAt(), at, Optional.of(at),
                i.alerts(), i.version());
    }

    // ---------------------------------------------------------------- incidents

    @Test
    void create_newIncident_isFoundAsWrittenWithVersionOne() {
        // GIVEN / WHEN a new incident is created
        Incident incident = incident(T0);
        boolean created = store().create(incident);

        // THEN it reads back field for field (empty alert names included), at version 1
        assertThat(created).isTrue();
        assertThat(store().find(incident.id())).contains(withVersion(incident, 1));
    }

    @Test
    void create_sameIdTwice_secondIsRefusedAndTheFirstKept() {
        // GIVEN a created incident
        Incident incident = incident(T0);
        store().create(incident);

        // WHEN an incident with the same id and other content is created
        boolean again = store().create(resolved(incident, T0.plusSeconds(5)));

        // THEN it is refused, the first stays
        assertThat(again).isFalse();
        assertThat(store().find(incident.id())).contains(withVersion(incident, 1));
    }

    @Test
    void find_unknownIncident_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().find(unique("inc_"))).isEmpty();
    }

    @Test
    void update_atTheStoredVersion_replacesItAndBumpsTheVersion() {
        // GIVEN a stored incident
        Incident incident = incident(T0);
        store().create(incident);
        Incident stored = store().find(incident.id()).orElseThrow();

        // WHEN its alerts resolve and it is written back at the version read
        Incident change = resolved(stored, T0.plusSeconds(90));
        boolean updated = store().update(change);

        // THEN the change is kept at the next version
        assertThat(updated).isTrue();
        assertThat(store().find(incident.id())).contains(withVersion(change, 2));
    }

    @Test
    void update_atAStaleVersion_isRefusedAndChangesNothing() {
        // GIVEN an incident someone else updated after we read it
        Incident incident = incident(T0);
        store().create(incident);
        Incident ours = store().find(incident.id()).orElseThrow();
        assertThat(store().update(resolved(ours, T0.plusSeconds(1)))).isTrue();
        Incident theirs = store().find(incident.id()).orElseThrow();

        // WHEN we write our change at the version we read
        boolean updated = store().update(new Incident(ours.id(), ours.groupKeyHash(), ours.status(),
                ours.createdAt(), T0.plusSeconds(2), Optional.empty(), List.of(), ours.version()));

        // THEN it lost the race and the other writer's change stands
        assertThat(updated).isFalse();
        assertThat(store().find(incident.id())).contains(theirs);
    }

    @Test
    void update_unknownIncident_isRefusedAndCreatesNothing() {
        // GIVEN / WHEN an incident never created is updated
        Incident incident = withVersion(incident(T0), 1);
        boolean updated = store().update(incident);

        // THEN it is a lost update, not a new row
        assertThat(updated).isFalse();
        assertThat(store().find(incident.id())).isEmpty();
    }

    @Test
    void update_manyWritersFromOneVersion_exactlyOneWins() throws Exception {
        // GIVEN an incident read by 8 writers
        Incident incident = incident(T0);
        store().create(incident);
        Incident read = store().find(incident.id()).orElseThrow();

        // WHEN they all write their change at once
        List<Boolean> results = race(8, i -> store().update(new Incident(read.id(), read.groupKeyHash(),
                read.status(), read.createdAt(), T0.plusSeconds(i + 1), read.resolvedAt(), read.alerts(),
                read.version())));

        // THEN one won, and the stored incident is that one's change at version 2
        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
        int winner = results.indexOf(true);
        Incident now = store().find(incident.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.updatedAt()).isEqualTo(T0.plusSeconds(winner + 1));
    }

    // ---------------------------------------------------------------- group pointers

    @Test
    void currentIncident_groupNeverSeen_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().currentIncident(unique("g"))).isEmpty();
    }

    @Test
    void moveCurrentIncident_firstAndThenFromTheReadPointer_movesAndCountsVersions() {
        // GIVEN a group without a pointer
        String group = unique("g");

        // WHEN it is pointed at a first incident, then from that pointer at a successor
        boolean first = store().moveCurrentIncident(group, Optional.empty(), "inc_first");
        GroupPointer read = store().currentIncident(group).orElseThrow();
        boolean second = store().moveCurrentIncident(group, Optional.of(read), "inc_second");

        // THEN both moved; the pointer names the successor at version 2
        assertThat(first).isTrue();
        assertThat(read).isEqualTo(new GroupPointer("inc_first", 1));
        assertThat(second).isTrue();
        assertThat(store().currentIncident(group)).contains(new GroupPointer("inc_second", 2));
    }

    @Test
    void moveCurrentIncident_fromAPointerThatMoved_isRefusedAndChangesNothing() {
        // GIVEN a group whose pointer moved twice
        String group = unique("g");
        store().moveCurrentIncident(group, Optional.empty(), "inc_a");
        GroupPointer stale = store().currentIncident(group).orElseThrow();
        store().moveCurrentIncident(group, Optional.of(stale), "inc_b");

        // WHEN someone moves it from the stale pointer, or as if the group had none
        boolean fromStale = store().moveCurrentIncident(group, Optional.of(stale), "inc_c");
        boolean fromNone = store().moveCurrentIncident(group, Optional.empty(), "inc_d");

        // THEN both lost; the pointer is as the last winner left it
        assertThat(fromStale).isFalse();
        assertThat(fromNone).isFalse();
        assertThat(store().currentIncident(group)).contains(new GroupPointer("inc_b", 2));
    }

    @Test
    void moveCurrentIncident_fromAPointerTheGroupNeverHad_isRefusedAndCreatesNothing() {
        // GIVEN / WHEN a group without a pointer is moved from one
        String group = unique("g");
        boolean moved = store().moveCurrentIncident(group, Optional.of(new GroupPointer("inc_x", 1)), "inc_y");

        // THEN it lost, and the group still has no pointer
        assertThat(moved).isFalse();
        assertThat(store().currentIncident(group)).isEmpty();
    }

    @Test
    void moveCurrentIncident_manyFirstNotificationsAtOnce_exactlyOneOpensTheGroup() throws Exception {
        // GIVEN a new group and 8 notifications that each want to open its incident
        String group = unique("g");

        // WHEN they move the pointer at once
        List<Boolean> results = race(8, i -> store().moveCurrentIncident(group, Optional.empty(), "inc_" + i));

        // THEN one won, and the pointer names its incident
        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(store().currentIncident(group)).contains(new GroupPointer("inc_" + results.indexOf(true), 1));
    }

    // ---------------------------------------------------------------- notifications

    @Test
    void recordNotification_thenFind_roundTripsAndMarkQueuedSetsTheFlag() {
        // GIVEN a notification accepted but not yet queued
        AcceptedNotification n = new AcceptedNotification(unique("nk"), unique("inc_"), T0, false);

        // WHEN it is recorded, read, marked queued and read again
        boolean recorded = store().recordNotification(n);
        Optional<AcceptedNotification> before = store().findNotification(n.key());
        store().markQueued(n.key());

        // THEN it read back as written, and then queued
        assertThat(recorded).isTrue();
        assertThat(before).contains(n);
        assertThat(store().findNotification(n.key()))
                .contains(new AcceptedNotification(n.key(), n.incidentId(), n.receivedAt(), true));
    }

    @Test
    void recordNotification_sameKeyTwice_secondIsRefusedAndTheFirstKept() {
        // GIVEN a recorded notification
        AcceptedNotification n = new AcceptedNotification(unique("nk"), unique("inc_"), T0, true);
        store().recordNotification(n);

        // WHEN an HA peer's copy of it is recorded for another incident
        boolean again = store().recordNotification(new AcceptedNotification(n.key(), unique("inc_"),
                T0.plusSeconds(1), false));

        // THEN it is refused and the first stays
        assertThat(again).isFalse();
        assertThat(store().findNotification(n.key())).contains(n);
    }

    @Test
    void findNotification_unknownKey_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().findNotification(unique("nk"))).isEmpty();
    }

    @Test
    void markQueued_unknownNotification_throwsIllegalStateAndCreatesNothing() {
        // GIVEN / WHEN / THEN marking what was never recorded is a bug, not a new row
        String key = unique("nk");
        assertThatThrownBy(() -> store().markQueued(key)).isInstanceOf(IllegalStateException.class);
        assertThat(store().findNotification(key)).isEmpty();
    }

    // ---------------------------------------------------------------- listing

    /** Creates n incidents a minute apart in a far-future day of this test's own; the oldest first. */
    private List<Incident> createdInADayOfTheirOwn(int n) {
        Instant day = FAR_FUTURE.plus(Duration.ofDays(LISTING_DAY.incrementAndGet()));
        List<Incident> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Incident incident = incident(day.plus(Duration.ofMinutes(i)));
            assertThat(store().create(incident)).isTrue();
            out.add(withVersion(incident, 1));
        }
        return out;
    }

    @Test
    void listNewest_pages_newestFirstEachPageGoingOnWhereTheLastStopped() {
        // GIVEN five incidents a minute apart, the newest in the store
        List<Incident> created = createdInADayOfTheirOwn(5);

        // WHEN they are listed two at a time
        IncidentPage first = store().listNewest(2, Optional.empty());
        IncidentPage second = store().listNewest(2, first.nextPageToken());
        IncidentPage third = store().listNewest(1, second.nextPageToken());

        // THEN newest first, whole incidents, each page where the last stopped, with a token while more follow
        assertThat(first.incidents()).containsExactly(created.get(4), created.get(3));
        assertThat(second.incidents()).containsExactly(created.get(2), created.get(1));
        assertThat(third.incidents()).containsExactly(created.get(0));
        assertThat(first.nextPageToken()).isPresent();
        assertThat(second.nextPageToken()).isPresent();
    }

    @Test
    void listNewest_withinOneSecond_newestFirstWhateverTheTimesPrecision() {
        // GIVEN four incidents created within one second, their times of every precision an instant has
        // (whole second, millis, micros, nanos), created out of order
        Instant second = FAR_FUTURE.plus(Duration.ofDays(LISTING_DAY.incrementAndGet()));
        List<Incident> created = new ArrayList<>();
        for (Instant at : List.of(second.plusMillis(500), second, second.plusNanos(900_000_001),
                second.plusNanos(123_456_000))) {
            Incident incident = incident(at);
            assertThat(store().create(incident)).isTrue();
            created.add(withVersion(incident, 1));
        }

        // WHEN the newest are listed, unfiltered and filtered by that second
        List<Incident> listed = store().listNewest(4, Optional.empty()).incidents();
        List<Incident> filtered = store().listNewest(10, Optional.empty(),
                new IncidentFilter(Optional.empty(), Optional.of(second), Optional.of(second.plusNanos(999_999_999))))
                .incidents();

        // THEN by time, newest first, both ways
        List<Incident> newestFirst = List.of(created.get(2), created.get(0), created.get(3), created.get(1));
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(filtered).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listNewest_filtered_onlyTheAcceptedOnesNewestFirst() {
        // GIVEN six incidents a minute apart; the 2nd, 4th and 5th resolved
        List<Incident> created = createdInADayOfTheirOwn(6);
        List<Incident> resolved = new ArrayList<>();
        for (int i : List.of(1, 3, 4)) {
            Incident r = resolved(created.get(i), created.get(i).createdAt().plusSeconds(30));
            assertThat(store().update(r)).isTrue();
            resolved.add(withVersion(r, 2));
        }
        Instant since = created.get(1).createdAt();
        Instant until = created.get(4).createdAt();

        // WHEN the resolved ones created from the 2nd to the 5th (both bounds inclusive) are listed
        IncidentFilter filter = new IncidentFilter(Optional.of(IncidentStatus.RESOLVED), Optional.of(since),
                Optional.of(until));
        List<Incident> listed = new ArrayList<>();
        Optional<String> token = Optional.empty();
        for (int page = 0; page < 10; page++) {
            IncidentPage p = store().listNewest(10, token, filter);
            listed.addAll(p.incidents());
            token = p.nextPageToken();
            if (token.isEmpty()) {
                break;
            }
        }

        // THEN exactly those three, newest first
        assertThat(listed).containsExactly(resolved.get(2), resolved.get(1), resolved.get(0));
    }

    @Test
    void listNewest_filteredByTimeOnly_keepsTheBoundsInclusive() {
        // GIVEN four incidents a minute apart
        List<Incident> created = createdInADayOfTheirOwn(4);

        // WHEN the ones created from the 2nd to the 3rd are listed
        IncidentPage page = store().listNewest(10, Optional.empty(), new IncidentFilter(Optional.empty(),
                Optional.of(created.get(1).createdAt()), Optional.of(created.get(2).createdAt())));

        // THEN both bounds are in, nothing else
        assertThat(page.incidents()).containsExactly(created.get(2), created.get(1));
    }

    @Test
    void listNewest_pageTokenThisStoreNeverIssued_isRefusedAsInvalid() {
        // GIVEN / WHEN / THEN a made-up token is the caller's mistake (the API's 400), not a crash
        assertThatThrownBy(() -> store().listNewest(2, Optional.of("bm9wZQ")))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> store().listNewest(2, Optional.of("%%%not-base64")))
                .isInstanceOf(InvalidPageTokenException.class);
    }

}
