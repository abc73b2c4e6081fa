package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerificationQueue;
import io.awoooi.core.execution.VerificationQueueContract;
import io.awoooi.testing.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The verification queue adapter against ElasticMQ: the port's contract, and what is SQS's own (a
 * delay that runs out, the ids as message attributes, the 0..900 s of DelaySeconds).
 */
class SqsVerificationQueueTest extends VerificationQueueContract {
    private final LocalAws aws = LocalAws.shared();
    private final TestQueues queues = new TestQueues(aws.sqs().client());

    @Override
    protected VerificationQueue freshQueue() {
        String url = queues.freshStandard("verification");
        return queues.sendingTo(url, new SqsVerificationQueue(aws.sqs().client(), url));
    }

    @Override
    protected List<VerificationOrder> due(VerificationQueue queue, int expected) {
        return queues.receiveAll(queues.urlOf(queue), expected).stream()
                .map(m -> VerificationOrder.fromJson(m.body())).toList();
    }

    @Override
    protected int heldBack(VerificationQueue queue) {
        return queues.delayed(queues.urlOf(queue));
    }

    @Override
    protected VerificationQueue unreachable() {
        return new SqsVerificationQueue(aws.sqs().client(), aws.sqs().endpoint() + "/000000000000/missing");
    }

    @Test
    void schedule_shortDelay_deliveredOnceItIsOverWithItsIds() throws Exception {
        // GIVEN a fresh queue and an order
        String url = queues.freshStandard("verification");
        VerificationOrder order = order();
        // WHEN it is scheduled 1 s ahead
        long sent = System.nanoTime();
        new SqsVerificationQueue(aws.sqs().client(), url).schedule(order, Duration.ofSeconds(1));
        // THEN it comes (polled with a deadline far beyond any loaded machine's need), not before its
        // delay (a lower bound: a slow machine only makes the wait longer), once, with its ids
        List<Message> due = new ArrayList<>();
        long deadline = sent + Duration.ofSeconds(60).toNanos();
        while (due.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            due.addAll(queues.receive(url, 0));
        }
        assertThat(due).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(VerificationOrder.fromJson(due.get(0).body())).isEqualTo(order);
        assertThat(due.get(0).messageAttributes().get("requestId").stringValue()).isEqualTo(order.requestId());
        assertThat(due.get(0).messageAttributes().get("incidentId").stringValue()).isEqualTo(order.incidentId());
        Thread.sleep(200);
        assertThat(queues.receive(url, 0)).isEmpty();
    }

    @Test
    void delaySeconds_anyDuration_roundedUpWithinZeroTo900() {
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofSeconds(-5))).isZero();
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ZERO)).isZero();
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofMillis(2500))).isEqualTo(3);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofMinutes(5))).isEqualTo(300);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofSeconds(900))).isEqualTo(900);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofMillis(899_001))).isEqualTo(900);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofSeconds(901))).isEqualTo(900);
        assertThat(SqsVerificationQueue.delaySeconds(Duration.ofDays(365_000))).isEqualTo(900);
    }

    @Test
    void schedule_templateQueue_acceptsTheOrder() {
        String url = aws.resources().queueUrl("VerificationQueue");
        new SqsVerificationQueue(aws.sqs().client(), url).schedule(order(), Duration.ofSeconds(900));
        assertThat(url).doesNotEndWith(".fifo");
    }
}
