package io.awoooi.aws.lambda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.awoooi.aws.observe.LogContext;
import io.awoooi.core.batch.OrderedBatch;
import io.awoooi.core.batch.PermanentFailure;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.failure.QueueUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SQS event as Lambda sends it, bound to our own types: the fields we use, with the wire
 * names Lambda uses ("Records" is capitalised). Funqy's advanced event handling is off because it
 * does not keep FIFO order after a failure (see io.awoooi.core.batch.OrderedBatch).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqsBatch(@JsonProperty("Records") List<SqsRecord> records) {

    /**
     * Runs {@code action} on each record in order. A failure comes back as a batch item failure with
     * every later record of its message group (FIFO order), not the other groups' records; a
     * permanent failure is parked instead when {@code parking} can (see {@link OrderedBatch}).
     *
     * @param report gets the result when anything failed or was parked (see {@link #describe})
     */
    public Response process(Consumer<SqsRecord> action, OrderedBatch.Parking<SqsRecord> parking,
            Consumer<OrderedBatch.Result> report) {
        // each message's log lines carry its message id (correlationId) and, when the sender set it,
        // its incident id; the action may name the incident once it has decoded the body
        Consumer<SqsRecord> observed = r -> {
            LogContext.correlation(r.messageId());
            r.messageAttribute("incidentId").ifPresent(LogContext::incident);
            try {
                action.accept(r);
            } finally {
                LogContext.endMessage();
            }
        };
        OrderedBatch.Parking<SqsRecord> parkingObserved = parking == null ? null : (r, failure) -> {
            LogContext.correlation(r.messageId());
            r.messageAttribute("incidentId").ifPresent(LogContext::incident);
            try {
                return parking.park(r, failure);
            } finally {
                LogContext.endMessage();
            }
        };
        OrderedBatch.Result result = OrderedBatch.process(records == null ? List.of() : records,
                SqsRecord::messageId, r -> r.groupId().orElse(null), observed, parkingObserved);
        if (!result.allSucceeded() || !result.parked().isEmpty()) {
            report.accept(result);
        }
        return new Response(result.failedIds().stream().map(Failure::new).toList());
    }

    /**
     * Log lines for a result: message ids, failure classes and value-free reasons, never a body or an
     * arbitrary exception message (a JSON parser's names the text it choked on).
     */
    public static List<String> describe(String consumer, OrderedBatch.Result result) {
        List<String> lines = new ArrayList<>();
        for (OrderedBatch.Outcome outcome : result.outcomes()) {
            switch (outcome) {
                case OrderedBatch.Parked p -> lines.add(("%s: message=%s failed for good, parked on its incident "
                        + "(not retried): %s").formatted(consumer, p.id(), p.reason()));
                case OrderedBatch.Failed f when f.permanent() -> lines.add(("%s: message=%s failed for good (%s) but "
                        + "could not be parked (%s); returning it: the queue's redrive policy dead-letters it")
                        .formatted(consumer, f.id(), describe(f.error()), f.parkingError() == null
                                ? "no incident known for it" : "parking failed: " + describe(f.parkingError())));
                case OrderedBatch.Failed f -> lines.add("%s: message=%s failed (%s); returning it for a retry"
                        .formatted(consumer, f.id(), describe(f.error())));
                default -> {
                }
            }
        }
        List<OrderedBatch.Held> held = result.held();
        if (!held.isEmpty()) {
            lines.add("%s: returning %d later message(s) of the failed messages' groups to keep their order: %s"
                    .formatted(consumer, held.size(), held.stream().map(OrderedBatch.Held::id).toList()));
        }
        return lines;
    }

    /** The failure's class, with its message only where that is value-free by construction. */
    static String describe(Throwable error) {
        Optional<PermanentFailure> permanent = PermanentFailure.of(error);
        String kind = permanent.isPresent() ? "permanent" : "retryable";
        String name = error.getClass().getSimpleName();
        if (permanent.isPresent()) {
            return kind + " " + name + ": " + permanent.get().reason();
        }
        if (error instanceof StoreUnavailableException || error instanceof QueueUnavailableException) {
            return kind + " " + name + ": " + error.getMessage();
        }
        return kind + " " + name;
    }

    /**
     * One message. {@code attributes} are the system attributes (MessageGroupId on a FIFO queue),
     * {@code messageAttributes} what the sender set (our senders set {@code incidentId}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SqsRecord(String messageId, String body, Map<String, String> attributes,
            Map<String, MessageAttribute> messageAttributes) {

        public SqsRecord(String messageId, String body, Map<String, String> attributes) {
            this(messageId, body, attributes, null);
        }

        /** The FIFO message group; empty on a standard queue. */
        public Optional<String> groupId() {
            return Optional.ofNullable(attributes).map(a -> a.get("MessageGroupId")).filter(g -> !g.isEmpty());
        }

        /** A string message attribute the sender set. */
        public Optional<String> messageAttribute(String name) {
            return Optional.ofNullable(messageAttributes).map(a -> a.get(name)).map(MessageAttribute::stringValue)
                    .filter(v -> !v.isEmpty());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageAttribute(String stringValue, String dataType) {
    }

    /** The partial batch response Lambda reads when ReportBatchItemFailures is on. */
    public record Response(List<Failure> batchItemFailures) {
    }

    public record Failure(String itemIdentifier) {
    }
}
