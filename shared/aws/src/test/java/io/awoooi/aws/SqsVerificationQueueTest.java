package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.testing.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The verification queue adapter against ElasticMQ. */
class SqsVerificationQueueTest {
    private final LocalAws aws = LocalAws.shared();

    @Test
    void schedule_delay_heldBackWhileItRuns() {
        // GIVEN a fresh standard queue (the template's is shared with other tests) and an order
        String url = freshQueue();
        // WHEN it is scheduled 5 minutes ahead
        new SqsVerificationQueue(aws.sqs().client(), url).schedule(order(), Duration.ofMinutes(5));
        // THEN a receive gets nothing and the queue counts it as delayed (a delay this long ends
        // after the test on any machine: no verdict here depends on how fast the receive comes)
        assertThat(receive(url)).isEmpty();
        String delayed = aws.sqs().client().getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        assertThat(delayed).isEqualTo("1");
    }

    @Test
    void schedule_shortDelay_deliveredOnceItIsOverWithItsIds() throws Exception {
        // GIVEN a fresh queue and an order
        String url = freshQueue();
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
            due.addAll(receive(url));
        }
        assertThat(due).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(VerificationOrder.fromJson(due.get(0).body())).isEqualTo(order);
        assertThat(due.get(0).messageAttributes().get("requestId").stringValue()).isEqualTo(order.requestId());
        assertThat(due.get(0).messageAttributes().get("incidentId").stringValue()).isEqualTo(order.incidentId());
        Thread.sleep(200);
        assertThat(receive(url)).isEmpty();
    }

    @Test
    void schedule_noDelay_isDeliveredAtOnce() {
        // GIVEN a fresh queue
        String url = freshQueue();
        VerificationOrder order = order();
        // WHEN scheduled without a delay
        new SqsVerificationQueue(aws.sqs().client(), url).schedule(order, Duration.ZERO);
        // THEN the first poll gets it
        List<Message> received = receive(url);
        assertThat(received).extracting(Message::body).containsExactly(order.toJson());
    }

    @Test
    void schedule_delayAboveSqsMaximum_isSentDelayedBy900Seconds() {
        // GIVEN a fresh queue
        String url = freshQueue();
        // WHEN a check is scheduled an hour ahead (beyond SQS's 900 s)
        new SqsVerificationQueue(aws.sqs().client(), url).schedule(order(), Duration.ofHours(1));
        // THEN SQS took it (a DelaySeconds above 900 would be refused) and holds it back
        assertThat(receive(url)).isEmpty();
        String delayed = aws.sqs().client().getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        assertThat(delayed).isEqualTo("1");
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

    @Test
    void schedule_queueMissing_throwsQueueUnavailable() {
        SqsVerificationQueue queue = new SqsVerificationQueue(aws.sqs().client(),
                aws.sqs().endpoint() + "/000000000000/missing");
        assertThatThrownBy(() -> queue.schedule(order(), Duration.ofSeconds(1)))
                .isInstanceOf(QueueUnavailableException.class);
    }

    private static VerificationOrder order() {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        return new VerificationOrder("apr_" + suffix, "inc_" + suffix);
    }

    private String freshQueue() {
        return aws.sqs().client().createQueue(b -> b.queueName("verification-" + UUID.randomUUID())).queueUrl();
    }

    /** One short poll (no wait), deleting what it got. */
    private List<Message> receive(String url) {
        List<Message> batch = aws.sqs().client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .messageAttributeNames("All").waitTimeSeconds(0)).messages();
        batch.forEach(m -> aws.sqs().client().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return batch;
    }
}
