package io.awoooi.aws;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queues of one test on ElasticMQ (the template's queues are shared with other tests), and reading
 * them back: every message with its system and message attributes, deleted once read.
 */
final class TestQueues {
    private final SqsClient sqs;
    private final Map<Object, String> urls = new IdentityHashMap<>();

    TestQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** A new FIFO queue named {@code prefix-<uuid>.fifo}. */
    String freshFifo(String prefix) {
        return sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    }

    /** Remembers that {@code adapter} sends to {@code url} (a contract hands the adapter back to read its queue). */
    <Q> Q sendingTo(String url, Q adapter) {
        urls.put(adapter, url);
        return adapter;
    }

    /** The url of an adapter made with {@link #sendingTo}. */
    String urlOf(Object adapter) {
        return urls.get(adapter);
    }

    /** A new standard queue named {@code prefix-<uuid>}. */
    String freshStandard(String prefix) {
        return sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID())).queueUrl();
    }

    /** Receives until {@code expected} messages came (or 5 polls of 1 s passed), then polls once more for extras. */
    List<Message> receiveAll(String url, int expected) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 5 && received.size() < expected; i++) {
            received.addAll(receive(url, 1));
        }
        received.addAll(receive(url, expected == 0 ? 0 : 1));
        return received;
    }

    /** One poll that waits up to {@code waitSeconds} for a message, deleting what it got. */
    List<Message> receive(String url, int waitSeconds) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")
                .waitTimeSeconds(waitSeconds)).messages();
        batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return batch;
    }

    /** How many messages the queue holds back (their delay is not over). */
    int delayed(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }
}
