package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.approval.ExecutionQueue;
import io.awoooi.core.approval.ExecutionQueueContract;
import io.awoooi.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The executions queue adapter against ElasticMQ: the port's contract, and what is SQS's own (groups, ids). */
class SqsExecutionQueueTest extends ExecutionQueueContract {
    private static final Instant APPROVED = Instant.parse("2026-11-25T03:10:00Z");
    private final LocalAws aws = LocalAws.shared();
    private final TestQueues queues = new TestQueues(aws.sqs().client());

    @Override
    protected ExecutionQueue freshQueue() {
        String url = queues.freshFifo("executions");
        return queues.sendingTo(url, new SqsExecutionQueue(aws.sqs().client(), url));
    }

    @Override
    protected List<ExecutionOrder> delivered(ExecutionQueue queue, int expected) {
        return queues.receiveAll(queues.urlOf(queue), expected).stream().map(m -> ExecutionOrder.fromJson(m.body()))
                .toList();
    }

    @Override
    protected ExecutionQueue unreachable() {
        return new SqsExecutionQueue(aws.sqs().client(), aws.sqs().endpoint() + "/000000000000/missing.fifo");
    }

    @Test
    void enqueue_sameOrderTwice_isOneMessageInTheTargetsGroup() {
        // GIVEN a fresh FIFO queue (the template's is shared with other tests) and an approved order
        String url = queues.freshFifo("executions");
        SqsExecutionQueue queue = new SqsExecutionQueue(aws.sqs().client(), url);
        ExecutionOrder order = ExecutionOrder.of(ApprovalFixtures.pendingRequest(), APPROVED);
        // WHEN it is dispatched twice (a retry after a timeout)
        queue.enqueue(order);
        queue.enqueue(order);
        // THEN one message: the order, in the group of its target, with the request id as deduplication id
        List<Message> received = queues.receiveAll(url, 1);
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        assertThat(ExecutionOrder.fromJson(message.body())).isEqualTo(order);
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "shop-prod/checkout")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, order.requestId());
        assertThat(message.messageAttributes().get("requestId").stringValue()).isEqualTo(order.requestId());
    }

    @Test
    void enqueue_targetNameTooLongForAGroupId_isSentInAStableHashedGroup() {
        // GIVEN an order on a pod whose name makes the group longer than SQS's 128 characters
        String url = queues.freshFifo("executions");
        String pod = "a".repeat(120) + "-7d9f8c6b5-x2kqp";
        ProposedAction action = new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop", "pod", pod));
        ApprovalRequest base = ApprovalFixtures.pendingRequest();
        ExecutionOrder order = new ExecutionOrder(base.id(), base.incidentId(), base.notificationKey(), action,
                ApprovalRequest.hashOf(action), "fp", APPROVED);
        // WHEN it is sent
        new SqsExecutionQueue(aws.sqs().client(), url).enqueue(order);
        // THEN SQS took it, in a group that is the same for every action on that pod
        Message message = queues.receiveAll(url, 1).get(0);
        assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo(SqsExecutionQueue.groupId("shop/" + pod))
                .startsWith("sha256:").hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void groupId_acceptableOrNot_keptOrHashed() {
        assertThat(SqsExecutionQueue.groupId("shop/[POD_1]")).isEqualTo("shop/[POD_1]");
        assertThat(SqsExecutionQueue.groupId("x".repeat(128))).isEqualTo("x".repeat(128));
        assertThat(SqsExecutionQueue.groupId("x".repeat(129))).startsWith("sha256:").hasSize(71);
        assertThat(SqsExecutionQueue.groupId("shop/caf\u00e9")).startsWith("sha256:");
        assertThat(SqsExecutionQueue.groupId("shop/a b")).startsWith("sha256:");
    }

    @Test
    void enqueue_templateQueue_acceptsTheOrder() {
        String url = aws.resources().queueUrl("ExecutionsQueue");
        new SqsExecutionQueue(aws.sqs().client(), url)
                .enqueue(ExecutionOrder.of(ApprovalFixtures.pendingRequest(), APPROVED));
        assertThat(url).endsWith(".fifo");
    }
}
