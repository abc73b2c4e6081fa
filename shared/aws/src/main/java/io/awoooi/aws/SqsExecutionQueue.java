package io.awoooi.aws;

import io.awoooi.core.Hashing;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.approval.ExecutionQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The executions FIFO queue: the body is {@link ExecutionOrder#toJson()}, the message group the
 * target resource (actions on one target run one after the other) and the deduplication id the
 * request id, so a dispatch retried within SQS's 5-minute window is one message.
 */
public final class SqsExecutionQueue implements ExecutionQueue {
    /** SQS: a MessageGroupId is 1 to 128 characters, alphanumerics and punctuation ({@code !} to {@code ~}). */
    static final int MAX_GROUP_ID = 128;

    private final SqsFifoPublisher publisher;

    /** {@code queueUrl}: the ExecutionsQueue URL. */
    public SqsExecutionQueue(SqsClient sqs, String queueUrl) {
        this.publisher = new SqsFifoPublisher(sqs, queueUrl, "executions");
    }

    /**
     * The executions queue a function's configuration names ({@code executions.queue.url}, the
     * template's EXECUTIONS_QUEUE_URL).
     *
     * @throws IllegalArgumentException naming the variable when it is not set
     */
    public static SqsExecutionQueue fromConfig(java.util.function.Function<String, java.util.Optional<String>> config,
            SqsClient sqs) {
        String url = config.apply("executions.queue.url").filter(v -> !v.isBlank()).orElseThrow(
                () -> new IllegalArgumentException("set EXECUTIONS_QUEUE_URL (the template does)"));
        return new SqsExecutionQueue(sqs, url);
    }

    @Override
    public void enqueue(ExecutionOrder order) {
        publisher.send(order.toJson(), groupId(order.messageGroup()), order.requestId(),
                Map.of("requestId", order.requestId(), "incidentId", order.incidentId()));
    }

    /**
     * The group as it is when SQS accepts it (namespace/pod names and Privacy Shield labels do),
     * else a hash of it: a 253-character pod name after a namespace exceeds 128 characters. The
     * hash is stable, so the same target still lands in the same group.
     */
    static String groupId(String group) {
        boolean acceptable = !group.isEmpty() && group.length() <= MAX_GROUP_ID
                && group.chars().allMatch(c -> c >= '!' && c <= '~');
        return acceptable ? group : "sha256:" + Hashing.sha256Hex(group);
    }
}
