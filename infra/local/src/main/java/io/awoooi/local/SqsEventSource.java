package io.awoooi.local;

import io.awoooi.testing.LocalResources;
import io.awoooi.testing.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * An SQS event source mapping: a thread that long-polls the queue, invokes the function with each
 * batch and deletes what the function processed. A failed invocation deletes nothing, so the
 * messages come back after the queue's visibility timeout and its redrive policy takes the
 * poison ones to the dead-letter queue.
 */
final class SqsEventSource implements AutoCloseable {

    /** One SQS event of a function, with the queue resolved. */
    record Mapping(String functionId, String eventName, String queueUrl, String queueArn, int batchSize,
            int maximumBatchingWindowSeconds, boolean reportBatchItemFailures) {

        Mapping {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException(functionId + " event " + eventName + ": BatchSize " + batchSize
                        + " is not within 1..10000");
            }
        }

        /** The enabled SQS events of the functions, with Queue (an ARN once evaluated) resolved to its URL. */
        static List<Mapping> of(List<FunctionSpec> functions, SamTemplate template, LocalResources resources) {
            List<Mapping> mappings = new ArrayList<>();
            for (FunctionSpec f : functions) {
                for (FunctionSpec.EventSpec e : f.eventsOfType("SQS")) {
                    Map<String, Object> p = e.properties();
                    if ("false".equals(String.valueOf(p.get("Enabled")))) {
                        continue;
                    }
                    String where = f.logicalId() + " event " + e.name();
                    String arn = String.valueOf(p.get("Queue"));
                    String queueId = template.logicalIdsOfType(SamTemplate.QUEUE).stream()
                            .filter(id -> resources.queueArn(id).equals(arn)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    where + ": Queue " + arn + " is not a queue of the template"));
                    boolean report = p.get("FunctionResponseTypes") instanceof List<?> types
                            && types.contains("ReportBatchItemFailures");
                    mappings.add(new Mapping(f.logicalId(), e.name(), resources.queueUrl(queueId), arn,
                            number(p.get("BatchSize"), 10, where + " BatchSize"),
                            number(p.get("MaximumBatchingWindowInSeconds"), 0,
                                    where + " MaximumBatchingWindowInSeconds"),
                            report));
                }
            }
            return mappings;
        }

        private static int number(Object value, int fallback, String what) {
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " is not a whole number: " + value);
            }
        }
    }

    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final Mapping mapping;
    private final SqsClient sqs;
    private final Function<byte[], InvocationResult> function;
    private final Consumer<String> status;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * {@code function} invokes the function synchronously (FunctionHost::invoke); {@code status} is
     * where problems are reported (never message bodies).
     */
    SqsEventSource(Mapping mapping, SqsClient sqs, Function<byte[], InvocationResult> function,
            Consumer<String> status) {
        this.mapping = mapping;
        this.sqs = sqs;
        this.function = function;
        this.status = status;
    }

    Mapping mapping() {
        return mapping;
    }

    void start() {
        thread = Threads.startDaemon("sqs-" + mapping.functionId() + "-" + mapping.eventName(), this::run);
    }

    /** Stops polling; an invocation under way is not waited for. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits (a little) for the poller thread to end after {@link #close()}. */
    void await(Duration timeout) {
        if (thread != null) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (SdkException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                status.accept("SQS event source " + mapping.functionId() + "/" + mapping.eventName() + ": "
                        + e.getMessage() + " (retrying)");
                sleep(BACKOFF);
            }
        }
    }

    /** Receives one batch (if any), invokes the function and deletes what it processed. */
    void pollOnce() {
        List<Message> batch = receive();
        if (batch.isEmpty() || !running) {
            return;
        }
        InvocationResult result = function.apply(Json.bytes(SqsEvents.event(batch, mapping.queueArn())));
        List<String> ids = batch.stream().map(Message::messageId).toList();
        Set<String> keep = BatchItemFailures.toKeep(result, ids, mapping.reportBatchItemFailures());
        List<Message> done = batch.stream().filter(m -> !keep.contains(m.messageId())).toList();
        delete(done);
        if (!result.succeeded()) {
            status.accept(mapping.functionId() + " failed a batch of " + batch.size() + " from "
                    + mapping.queueArn() + " (" + result.errorType()
                    + "): the messages return after the visibility timeout");
        } else if (!keep.isEmpty()) {
            status.accept(mapping.functionId() + " reported " + keep.size() + " of " + batch.size()
                    + " messages as failed: they return after the visibility timeout");
        }
    }

    private List<Message> receive() {
        // by message id: a message whose visibility ran out during a long batching window comes again,
        // and only its newest receipt handle is valid
        Map<String, Message> batch = new LinkedHashMap<>();
        long windowEnd = System.nanoTime() + Duration.ofSeconds(mapping.maximumBatchingWindowSeconds()).toNanos();
        do {
            int max = Math.min(10, mapping.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(mapping.queueUrl())
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All")
                    .messageAttributeNames("All")
                    .build()).messages();
            received.forEach(m -> batch.put(m.messageId(), m));
            if (batch.isEmpty()) {
                return List.of(); // nothing arrived: no window to wait out
            }
        } while (running && batch.size() < mapping.batchSize() && System.nanoTime() < windowEnd);
        return new ArrayList<>(batch.values());
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response = sqs
                    .deleteMessageBatch(b -> b.queueUrl(mapping.queueUrl()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                status.accept("SQS event source " + mapping.functionId() + ": " + response.failed().size()
                        + " messages could not be deleted (" + response.failed().get(0).message() + ")");
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
