package io.awoooi.aws.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.awoooi.core.batch.OrderedBatch;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;

/**
 * The SQS event as Lambda sends it, bound to our own types: the fields we use, with the wire
 * names Lambda uses ("Records" is capitalised). Funqy's advanced event handling is off because it
 * does not keep FIFO order after a failure (see io.awoooi.core.batch.OrderedBatch).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqsBatch(@JsonProperty("Records") List<SqsRecord> records) {

    /**
     * Runs {@code action} on each record in order (FIFO: the first failure and everything after it
     * come back as batch item failures, see {@link OrderedBatch}) and reports a failure once.
     */
    public Response processInOrder(Consumer<SqsRecord> action, Consumer<OrderedBatch.Result> onFailure) {
        OrderedBatch.Result result = OrderedBatch.process(records == null ? List.of() : records,
                SqsRecord::messageId, action);
        if (!result.allSucceeded()) {
            onFailure.accept(result);
        }
        return new Response(result.failedIds().stream().map(Failure::new).toList());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SqsRecord(String messageId, String body, Map<String, String> attributes) {
    }

    /** The partial batch response Lambda reads when ReportBatchItemFailures is on. */
    public record Response(List<Failure> batchItemFailures) {
    }

    public record Failure(String itemIdentifier) {
    }
}
