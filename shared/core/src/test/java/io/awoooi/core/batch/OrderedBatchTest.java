package io.awoooi.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedBatchTest {
    /** A message: id, FIFO group (null on a standard queue), what processing it does. */
    record Msg(String id, String group, String kind) {
    }

    static Msg ok(String id, String group) {
        return new Msg(id, group, "ok");
    }

    static Msg transientFailure(String id, String group) {
        return new Msg(id, group, "transient");
    }

    static Msg poison(String id, String group) {
        return new Msg(id, group, "poison");
    }

    static final class Recorder {
        final List<String> done = new ArrayList<>();
        final List<String> parked = new ArrayList<>();

        void handle(Msg m) {
            switch (m.kind()) {
                case "transient" -> throw new IllegalStateException("store unavailable");
                case "poison" -> throw new IllegalStateException("wrapped",
                        new PermanentFailureException("the message body is not an envelope"));
                default -> done.add(m.id());
            }
        }
    }

    static OrderedBatch.Result run(List<Msg> batch, Recorder r, OrderedBatch.Parking<Msg> parking) {
        return OrderedBatch.process(batch, Msg::id, Msg::group, r::handle, parking);
    }

    @Test
    void process_allSucceed_noFailures() {
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(ok("a", "g"), ok("b", "g")), r, OrderedBatch.Parking.none());
        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.failedIds()).isEmpty();
        assertThat(r.done).containsExactly("a", "b");
    }

    @Test
    void process_oneGroup_failureAndEveryLaterOneComeBackUnprocessed() {
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(ok("a", "g"), transientFailure("b", "g"), ok("c", "g"), ok("d", "g")),
                r, OrderedBatch.Parking.none());
        assertThat(r.done).containsExactly("a");
        assertThat(result.failedIds()).containsExactly("b", "c", "d");
        assertThat(result.firstError()).hasMessage("store unavailable");
        assertThat(result.held()).extracting(OrderedBatch.Held::behind).containsOnly("b");
    }

    @Test
    void process_failureInGroupA_laterMessagesOfGroupBAreProcessed() {
        // GIVEN A1 fails (retryable) and B's and A's messages interleave after it
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(ok("b1", "B"), transientFailure("a1", "A"), ok("b2", "B"),
                ok("a2", "A"), ok("c1", "C"), ok("a3", "A"), ok("b3", "B")), r, OrderedBatch.Parking.none());
        // THEN only A's failed message and A's later ones come back; B and C are processed in order
        assertThat(r.done).containsExactly("b1", "b2", "c1", "b3");
        assertThat(result.failedIds()).containsExactly("a1", "a2", "a3");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("a1");
            assertThat(f.permanent()).isFalse();
        });
    }

    @Test
    void process_standardQueueWithoutGroups_onlyTheFailingMessageComesBack() {
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(ok("1", null), transientFailure("2", null), ok("3", null)), r,
                OrderedBatch.Parking.none());
        assertThat(r.done).containsExactly("1", "3");
        assertThat(result.failedIds()).containsExactly("2");
    }

    @Test
    void process_permanentFailureParked_isAcknowledgedAndItsGroupGoesOn() {
        // GIVEN a poison message in group A, followed by A's and B's messages, and a parking that works
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(poison("a1", "A"), ok("a2", "A"), ok("b1", "B")), r, (m, failure) -> {
            r.parked.add(m.id() + ": " + failure.reason());
            return true;
        });
        // THEN it is parked once with its reason, not returned, and everything after it is processed
        assertThat(r.parked).containsExactly("a1: the message body is not an envelope");
        assertThat(result.failedIds()).isEmpty();
        assertThat(result.allSucceeded()).isTrue();
        assertThat(result.parked()).singleElement()
                .isEqualTo(new OrderedBatch.Parked("a1", "the message body is not an envelope"));
        assertThat(r.done).containsExactly("a2", "b1");
    }

    @Test
    void process_permanentFailureThatCannotBeParked_comesBackAndHoldsOnlyItsGroup() {
        // GIVEN a poison message nobody can park (no incident known), and a parking write that throws
        Recorder r = new Recorder();
        OrderedBatch.Result unparked = run(List.of(poison("a1", "A"), ok("a2", "A"), ok("b1", "B")), r,
                OrderedBatch.Parking.none());
        OrderedBatch.Result parkingFails = run(List.of(poison("c1", "C"), ok("c2", "C"), ok("d1", "D")), r,
                (m, failure) -> {
                    throw new IllegalStateException("state table unavailable");
                });
        // THEN each comes back with its group's later messages, other groups are processed
        assertThat(unparked.failedIds()).containsExactly("a1", "a2");
        assertThat(unparked.failures()).singleElement().satisfies(f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.parkingError()).isNull();
        });
        assertThat(parkingFails.failedIds()).containsExactly("c1", "c2");
        assertThat(parkingFails.failures().get(0).parkingError()).hasMessage("state table unavailable");
        assertThat(r.done).containsExactly("b1", "d1");
    }

    @Test
    void process_transientFailure_isNeverParked() {
        Recorder r = new Recorder();
        OrderedBatch.Result result = run(List.of(transientFailure("a1", "A")), r, (m, failure) -> {
            r.parked.add(m.id());
            return true;
        });
        assertThat(r.parked).isEmpty();
        assertThat(result.failedIds()).containsExactly("a1");
    }

    @Test
    void permanentFailure_of_findsTheMarkerInTheCauseChain() {
        RuntimeException wrapped = new RuntimeException("outer", new IllegalStateException("middle",
                new PermanentFailureException("the item exceeds the 400 KB item limit")));
        assertThat(PermanentFailure.of(wrapped)).get().extracting(PermanentFailure::reason)
                .isEqualTo("the item exceeds the 400 KB item limit");
        assertThat(PermanentFailure.of(new IllegalStateException("transient"))).isEmpty();
    }
}
