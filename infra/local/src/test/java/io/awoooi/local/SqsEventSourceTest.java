package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.testing.LocalSqs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The SQS event source on ElasticMQ with a real function that reports batch item failures. */
class SqsEventSourceTest {

    @TempDir
    Path workDir;

    private LocalSqs localSqs;
    private FunctionHost host;

    @BeforeEach
    void start() {
        localSqs = LocalSqs.start(0);
        host = TestFunctions.host("BatchFunction", TestFunctions.BATCH, 5, workDir);
    }

    @AfterEach
    void stop() {
        host.close();
        localSqs.close();
    }

    @Test
    void pollOnce_functionReportsOneFailure_failedMessageStaysOthersDeleted() throws Exception {
        // GIVEN a queue with three messages, one of which the function fails
        SqsClient sqs = localSqs.client();
        String url = sqs
                .createQueue(b -> b.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2")))
                .queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        for (String body : List.of("ok-1", "please fail-2", "ok-3")) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of("origin",
                    MessageAttributeValue.builder().dataType("String").stringValue("test").build())));
        }
        SqsEventSource source = new SqsEventSource(
                new SqsEventSource.Mapping("BatchFunction", "Work", url, arn, 10, 0, true),
                sqs, host::invoke, line -> {
                });

        // WHEN the source polls until the function has seen all three
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (recordsSeen() < 3 && System.nanoTime() < deadline) {
            source.pollOnce();
        }

        // THEN after the visibility timeout only the failed message is on the queue
        assertThat(recordsSeen()).isEqualTo(3);
        Thread.sleep(2500);
        List<Message> left = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            left.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(60)).messages());
        }
        assertThat(left).extracting(Message::body).containsExactly("please fail-2");
    }

    @Test
    void pollOnce_messageWithAttributes_lambdaSqsEventThenDeleted() {
        // GIVEN a message with an attribute, and a function that records its event and succeeds
        SqsClient sqs = localSqs.client();
        String url = sqs.createQueue(b -> b.queueName("shape")).queueUrl();
        String id = sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello").messageAttributes(Map.of("origin",
                MessageAttributeValue.builder().dataType("String").stringValue("test").build()))).messageId();
        List<JsonNode> events = new ArrayList<>();
        SqsEventSource source = new SqsEventSource(new SqsEventSource.Mapping("F", "Shape", url,
                "arn:aws:sqs:us-east-1:000000000000:shape", 10, 0, false), sqs, event -> {
                    events.add(Json.parse(event));
                    return InvocationResult.success(new byte[0]);
                }, line -> {
                });

        // WHEN it polls once
        source.pollOnce();

        // THEN the function got Lambda's SQS event, and the message is gone
        assertThat(events).hasSize(1);
        JsonNode record = events.get(0).path("Records").get(0);
        assertThat(record.path("messageId").asText()).isEqualTo(id);
        assertThat(record.path("receiptHandle").asText()).isNotEmpty();
        assertThat(record.path("body").asText()).isEqualTo("hello");
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.path("attributes").path("SentTimestamp").asText()).matches("\\d{13}");
        assertThat(record.path("messageAttributes").path("origin").path("stringValue").asText()).isEqualTo("test");
        assertThat(record.path("messageAttributes").path("origin").path("dataType").asText()).isEqualTo("String");
        assertThat(record.path("md5OfBody").asText()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:shape");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void pollOnce_functionFails_nothingDeleted() throws Exception {
        // GIVEN two messages and a function that fails
        SqsClient sqs = localSqs.client();
        String url = sqs
                .createQueue(b -> b.queueName("failing").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("a"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("b"));
        List<String> status = new ArrayList<>();
        SqsEventSource source = new SqsEventSource(new SqsEventSource.Mapping("F", "Failing", url,
                "arn:aws:sqs:us-east-1:000000000000:failing", 10, 1, true),
                sqs, event -> InvocationResult.error("java.lang.IllegalStateException", "down"), status::add);

        // WHEN it polls (with a 1 s batching window, so both come in one batch)
        source.pollOnce();

        // THEN both messages come back after the visibility timeout, and the failure is reported
        Thread.sleep(1200);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3 && bodies.size() < 2; i++) {
            sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60))
                    .messages().forEach(m -> bodies.add(m.body()));
        }
        assertThat(bodies).containsExactlyInAnyOrder("a", "b");
        assertThat(status).singleElement().asString().contains("failed a batch of 2",
                "java.lang.IllegalStateException");
    }

    private long recordsSeen() {
        return host.log().lines().stream().filter(l -> l.startsWith("batch: "))
                .mapToLong(l -> Long.parseLong(l.substring("batch: ".length(), l.indexOf(" records")))).sum();
    }
}
