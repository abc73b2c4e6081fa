package io.awoooi.core.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Processes a queue batch in order and names the messages that must come back.
 *
 * <p><b>Order is per message group.</b> SQS FIFO delivers a group's messages in order only if a
 * failed message comes back together with every later message of <em>its</em> group
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html); messages of other
 * groups are independent and are processed. A message without a group (a standard queue) holds
 * nothing back: only it comes back.
 *
 * <p><b>Permanent failures are parked, not retried.</b> A failure marked {@link PermanentFailure}
 * would fail the same way on every receive, and while it was retried every later message of its
 * group would wait (and be dead-lettered with it). It is handed to {@link Parking} instead, which
 * records it durably (on the incident); once parked, the message counts as done and its group goes
 * on. If it cannot be parked (no incident to park it on, or the parking write fails) it comes back
 * like any other failure and the queue's redrive policy dead-letters it after its retries.
 */
public final class OrderedBatch {
    private OrderedBatch() {
    }

    /** Where permanently failed items go instead of back to the queue. */
    @FunctionalInterface
    public interface Parking<T> {
        /**
         * Records that {@code item} failed for good. Answers whether the record is durable (the item
         * may then be acknowledged); false, or an exception, sends the item back to the queue.
         */
        boolean park(T item, PermanentFailure failure);

        /** Parks nothing: every failure comes back. */
        static <T> Parking<T> none() {
            return (item, failure) -> false;
        }
    }

    /** What happened to one item. */
    public sealed interface Outcome permits Done, Parked, Failed, Held {
        String id();

        /** Whether the item goes back to the queue (a batch item failure). */
        default boolean returned() {
            return this instanceof Failed || this instanceof Held;
        }
    }

    /** Processed. */
    public record Done(String id) implements Outcome {
    }

    /** Failed for good and parked: acknowledged, not retried. */
    public record Parked(String id, String reason) implements Outcome {
    }

    /**
     * Failed; comes back.
     *
     * @param permanent     the failure is permanent but could not be parked
     * @param parkingError  why parking failed, when it threw (null otherwise)
     */
    public record Failed(String id, RuntimeException error, boolean permanent, RuntimeException parkingError)
            implements
                Outcome {
    }

    /** Not tried: an earlier message of its group ({@code behind}) failed; comes back to keep the order. */
    public record Held(String id, String behind) implements Outcome {
    }

    /** What a batch did, one outcome per item in batch order. */
    public record Result(List<Outcome> outcomes) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        /** The ids to report as batch item failures, in batch order. */
        public List<String> failedIds() {
            return outcomes.stream().filter(Outcome::returned).map(Outcome::id).toList();
        }

        public List<Failed> failures() {
            return outcomes.stream().filter(o -> o instanceof Failed).map(o -> (Failed) o).toList();
        }

        public List<Parked> parked() {
            return outcomes.stream().filter(o -> o instanceof Parked).map(o -> (Parked) o).toList();
        }

        public List<Held> held() {
            return outcomes.stream().filter(o -> o instanceof Held).map(o -> (Held) o).toList();
        }

        /** The first item's error that comes back, or null. */
        public RuntimeException firstError() {
            return failures().stream().findFirst().map(Failed::error).orElse(null);
        }

        /** Nothing comes back (parked items do not). */
        public boolean allSucceeded() {
            return outcomes.stream().noneMatch(Outcome::returned);
        }
    }

    /**
     * Runs {@code action} on each item in order.
     *
     * @param group the item's ordering group (the SQS MessageGroupId), null for none
     */
    public static <T> Result process(List<T> items, Function<T, String> id, Function<T, String> group,
            Consumer<T> action, Parking<T> parking) {
        Objects.requireNonNull(parking, "parking");
        List<Outcome> outcomes = new ArrayList<>(items.size());
        Map<String, String> blockedBy = new HashMap<>(); // group -> id of the message that failed
        for (T item : items) {
            String itemId = id.apply(item);
            String itemGroup = group.apply(item);
            String behind = itemGroup == null ? null : blockedBy.get(itemGroup);
            if (behind != null) {
                outcomes.add(new Held(itemId, behind));
                continue;
            }
            Outcome outcome = attempt(item, itemId, action, parking);
            if (outcome.returned() && itemGroup != null) {
                blockedBy.put(itemGroup, itemId);
            }
            outcomes.add(outcome);
        }
        return new Result(outcomes);
    }

    private static <T> Outcome attempt(T item, String itemId, Consumer<T> action, Parking<T> parking) {
        try {
            action.accept(item);
            return new Done(itemId);
        } catch (RuntimeException error) {
            var permanent = PermanentFailure.of(error);
            if (permanent.isEmpty()) {
                return new Failed(itemId, error, false, null);
            }
            try {
                return parking.park(item, permanent.get())
                        ? new Parked(itemId, permanent.get().reason())
                        : new Failed(itemId, error, true, null);
            } catch (RuntimeException parkingError) {
                return new Failed(itemId, error, true, parkingError);
            }
        }
    }
}
