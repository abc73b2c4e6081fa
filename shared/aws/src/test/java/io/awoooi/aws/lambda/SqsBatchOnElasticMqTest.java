package io.awoooi.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.batch.OrderedBatch;
import io.awoooi.testing.LocalAws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A FIFO batch from ElasticMQ processed the way Lambda's event source mapping consumes it with
 * ReportBatchItemFailures: the processed messages are deleted, the reported ones become visible
 * again. A failure in group A must hold back only A's later messages, never B's.
 */
class SqsBatchOnElasticMqTest {
    private final SqsClient sqs = LocalAws.shared().sqs().client();

    private String freshFifoQueue() {
        return sqs.createQueue(b -> b.queueName("batch-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    }

    private void send(String url, String group, String body) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(UUID.randomUUID().toString()));
    }

    /** Receives until {@code expected} messages are in flight (ElasticMQ may spread them over receives). */
    private List<Message> receive(String url, int expected) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.size() < expected; i++) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages());
        }
        return received;
    }

    private static SqsBatch batchOf(List<Message> messages) {
        return new SqsBatch(messages.stream().map(m -> new SqsBatch.SqsRecord(m.messageId(), m.body(),
                m.attributesAsStrings())).toList());
    }

    /** What Lambda does with the partial batch response: delete the rest, release the failures. */
    private void settle(String url, List<Message> messages, SqsBatch.Response response) {
        List<String> failed = response.batchItemFailures().stream().map(SqsBatch.Failure::itemIdentifier).toList();
        for (Message m : messages) {
            if (failed.contains(m.messageId())) {
                sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            } else {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void process_failureInGroupA_groupBIsProcessedAndAComesBackInOrder() {
        // GIVEN a FIFO queue holding A1 (which will fail), A2, B1, A3, B2
        String url = freshFifoQueue();
        send(url, "A", "A1");
        send(url, "A", "A2");
        send(url, "B", "B1");
        send(url, "A", "A3");
        send(url, "B", "B2");
        List<Message> first = receive(url, 5);
        assertThat(first).hasSize(5);

        // WHEN the batch is processed and A1 fails with a retryable error
        List<String> processed = new ArrayList<>();
        SqsBatch.Response response = batchOf(first).process(record -> {
            if (record.body().equals("A1")) {
                throw new IllegalStateException("store unavailable");
            }
            processed.add(record.body());
        }, OrderedBatch.Parking.none(), result -> {
        });
        settle(url, first, response);

        // THEN B's messages were processed; A1 and A's later messages came back
        assertThat(processed).containsExactly("B1", "B2");
        Map<String, String> bodyById = new LinkedHashMap<>();
        first.forEach(m -> bodyById.put(m.messageId(), m.body()));
        assertThat(response.batchItemFailures()).extracting(f -> bodyById.get(f.itemIdentifier()))
                .containsExactly("A1", "A2", "A3");
        // AND the next receive delivers exactly A's messages again, in order
        List<Message> again = receive(url, 3);
        assertThat(again).extracting(Message::body).containsExactly("A1", "A2", "A3");
    }

    @Test
    void process_permanentFailureParked_isDeletedAndItsGroupGoesOn() {
        String url = freshFifoQueue();
        send(url, "A", "A1");
        send(url, "A", "A2");
        List<Message> first = receive(url, 2);

        List<String> processed = new ArrayList<>();
        List<String> parked = new ArrayList<>();
        SqsBatch.Response response = batchOf(first).process(record -> {
            if (record.body().equals("A1")) {
                throw new io.awoooi.core.batch.PermanentFailureException("the message body is not an envelope");
            }
            processed.add(record.body());
        }, (record, failure) -> parked.add(record.body() + ": " + failure.reason()), result -> {
        });
        settle(url, first, response);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(parked).containsExactly("A1: the message body is not an envelope");
        assertThat(processed).containsExactly("A2");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void describe_namesIdsClassesAndReasonsNeverMessagesOfUnknownErrors() {
        SqsBatch batch = new SqsBatch(List.of(
                new SqsBatch.SqsRecord("m1", "secret-body", Map.of("MessageGroupId", "A")),
                new SqsBatch.SqsRecord("m2", "x", Map.of("MessageGroupId", "A")),
                new SqsBatch.SqsRecord("m3", "y", Map.of("MessageGroupId", "B"))));
        List<String> lines = new ArrayList<>();
        batch.process(record -> {
            switch (record.messageId()) {
                case "m1" -> throw new IllegalArgumentException("Unexpected character in secret-body");
                case "m3" ->
                    throw new io.awoooi.core.batch.PermanentFailureException("the item exceeds the 400 KB limit");
                default -> {
                }
            }
        }, OrderedBatch.Parking.none(), result -> lines.addAll(SqsBatch.describe("redaction", result)));

        assertThat(lines).containsExactly(
                "redaction: message=m1 failed (retryable IllegalArgumentException); returning it for a retry",
                "redaction: message=m3 failed for good (permanent PermanentFailureException: the item exceeds the "
                        + "400 KB limit) but could not be parked (no incident known for it); returning it: the queue's "
                        + "redrive policy dead-letters it",
                "redaction: returning 1 later message(s) of the failed messages' groups to keep their order: [m2]");
        assertThat(String.join("\n", lines)).doesNotContain("secret-body");
    }
}
