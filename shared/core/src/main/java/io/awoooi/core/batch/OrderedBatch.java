package io.awoooi.core.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Processes a FIFO queue batch in order and names the messages that must come back. After the
 * first failure nothing later in the batch is processed: SQS FIFO delivers a group's messages in
 * order only if everything after a failed message is returned with it
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 */
public final class OrderedBatch {
    private OrderedBatch() {
    }

    /** What a batch did: the ids to report as batch item failures, and the first error if any. */
    public record Result(List<String> failedIds, RuntimeException firstError) {
        public Result {
            failedIds = List.copyOf(failedIds);
        }

        public boolean allSucceeded() {
            return failedIds.isEmpty();
        }
    }

    public static <T> Result process(List<T> items, Function<T, String> id, Consumer<T> action) {
        List<String> failed = new ArrayList<>();
        RuntimeException first = null;
        for (T item : items) {
            if (first == null) {
                try {
                    action.accept(item);
                    continue;
                } catch (RuntimeException e) {
                    first = e;
                }
            }
            failed.add(id.apply(item));
        }
        return new Result(failed, first);
    }
}
