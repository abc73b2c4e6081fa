package io.awoooi.local;

import io.awoooi.testing.LocalResources;
import io.awoooi.testing.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@code ./awoooi redrive QUEUE}: moves the messages of a dead-letter queue back to the queue whose
 * RedrivePolicy names it (the pairs come from the template), oldest first, body and message
 * attributes as they are; on FIFO queues with their message group id and deduplication id.
 *
 * <p>Each message is sent to the source queue before it is deleted from the dead-letter queue, so
 * a failure half-way leaves it in the dead-letter queue (visible again after
 * {@link #VISIBILITY_SECONDS}), never lost; it may then arrive twice, which the functions' idempotent
 * handling absorbs. SQS (ElasticMQ likewise) drops a FIFO message whose deduplication id it saw on
 * that queue in the last 5 minutes: with the template's visibility timeouts a message takes longer
 * than that to be dead-lettered, but a message put on a dead-letter queue by hand with the id of a
 * message sent to the source queue minutes before would be dropped.
 */
final class QueueRedrive {

    /** How long a message being moved stays invisible on the dead-letter queue. */
    static final int VISIBILITY_SECONDS = 60;

    /** A dead-letter queue and the queue it takes the failures of, by logical id and URL. */
    record Pair(String deadLetterQueue, String sourceQueue, String deadLetterUrl, String sourceUrl, boolean fifo) {

        /** The short name: the source's logical id without "Queue", dashed (RawAlertsQueue: raw-alerts). */
        String shortName() {
            return dashed(
                    sourceQueue.endsWith("Queue") ? sourceQueue.substring(0, sourceQueue.length() - 5) : sourceQueue);
        }

        boolean answersTo(String name) {
            String n = name.trim();
            return n.equalsIgnoreCase(deadLetterQueue) || n.equalsIgnoreCase(sourceQueue)
                    || n.equalsIgnoreCase(shortName())
                    || n.equalsIgnoreCase(shortName() + "-dlq") || n.equalsIgnoreCase(dashed(deadLetterQueue));
        }

        @Override
        public String toString() {
            return shortName() + " (" + deadLetterQueue + " -> " + sourceQueue + ")";
        }
    }

    /** What a redrive did. */
    record Result(Pair pair, int moved) {
    }

    private final SqsClient sqs;
    private final List<Pair> pairs;

    QueueRedrive(SqsClient sqs, List<Pair> pairs) {
        this.sqs = sqs;
        this.pairs = List.copyOf(pairs);
    }

    /** Every queue of the template with a RedrivePolicy, with the dead-letter queue it names, in template order. */
    static List<Pair> pairs(SamTemplate template, LocalResources resources) {
        List<String> queues = template.logicalIdsOfType(SamTemplate.QUEUE);
        List<Pair> pairs = new ArrayList<>();
        for (String source : queues) {
            Object policy = template.properties(source).get("RedrivePolicy");
            if (policy == null) {
                continue;
            }
            Object evaluated = template.evaluate(policy, resources);
            // an object, or (CloudFormation takes both) a JSON string
            String arn = evaluated instanceof Map<?, ?> map ? String.valueOf(map.get("deadLetterTargetArn"))
                    : Json.parse(String.valueOf(evaluated)).path("deadLetterTargetArn").asText();
            String dlq = queues.stream().filter(q -> resources.queueArn(q).equals(arn)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(source + ": RedrivePolicy names " + arn
                            + ", which is not a queue of the template"));
            boolean fifo = resources.queueName(source).endsWith(".fifo");
            pairs.add(new Pair(dlq, source, resources.queueUrl(dlq), resources.queueUrl(source), fifo));
        }
        return pairs;
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** The pair {@code name} means (short name, either logical id, any case); IllegalArgumentException listing them. */
    Pair resolve(String name) {
        return pairs.stream().filter(p -> p.answersTo(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no dead-letter queue '" + name + "' in the template; there are: "
                                + String.join(", ", pairs.stream().map(Pair::toString).toList())));
    }

    /** Moves every message visible on the dead-letter queue {@code name} back to its source queue. */
    Result redrive(String name) {
        Pair pair = resolve(name);
        int moved = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(pair.deadLetterUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(VISIBILITY_SECONDS)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return new Result(pair, moved);
            }
            List<Message> sent = new ArrayList<>();
            try {
                for (Message message : batch) {
                    sqs.sendMessage(copy(message, pair));
                    sent.add(message);
                }
            } finally {
                delete(pair, sent); // what reached the source queue leaves the dead-letter queue, even if a later send failed
            }
            moved += sent.size();
        }
    }

    private static SendMessageRequest copy(Message message, Pair pair) {
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(pair.sourceUrl())
                .messageBody(message.body());
        if (message.hasMessageAttributes() && !message.messageAttributes().isEmpty()) {
            request.messageAttributes(message.messageAttributes());
        }
        if (pair.fifo()) {
            Map<MessageSystemAttributeName, String> system = message.attributes();
            String group = system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            if (group == null) {
                throw new IllegalStateException("message " + message.messageId() + " on " + pair.deadLetterQueue()
                        + " has no MessageGroupId (a FIFO queue's messages always have one)");
            }
            request.messageGroupId(group);
            String dedup = system.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
            if (dedup != null) {
                request.messageDeduplicationId(dedup);
            }
        }
        return request.build();
    }

    private void delete(Pair pair, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle()).build());
        }
        DeleteMessageBatchResponse response = sqs
                .deleteMessageBatch(b -> b.queueUrl(pair.deadLetterUrl()).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException(response.failed().size() + " moved message(s) could not be deleted from "
                    + pair.deadLetterQueue() + " (" + response.failed().get(0).message() + "); they return there after "
                    + VISIBILITY_SECONDS + " s and would be moved again");
        }
    }

    /** RawAlerts: raw-alerts; WorkDLQ: work-dlq. */
    static String dashed(String logicalId) {
        return logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }
}
