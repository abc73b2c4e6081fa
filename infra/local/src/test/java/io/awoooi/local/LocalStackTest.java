package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A whole stack from a test template whose functions are this module's test handlers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackTest {

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalStack stack;

    @BeforeAll
    void start() {
        stack = LocalStack.builder()
                .template(TestFunctions.testClasses().resolve("templates/local-stack-template.yaml"))
                .stateDir(stateDir)
                .environment(Map.of("TEST_LOCAL_TOKEN", "token-from-env"))
                .controlServer(true)
                .start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void httpApi_postToGreedyRoute_functionGetsPayload2Event() throws Exception {
        // GIVEN the echo function on ANY /echo/{proxy+}
        // WHEN a JSON body is posted to a deep path with a query
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/echo/a/b?x=1&x=2"))
                .header("Content-Type", "application/json").header("X-Trace", "t-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}")));

        // THEN the function got the payload 2.0 event (and, without a statusCode, it is the 200 body)
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        JsonNode event = Json.parse(response.body());
        assertThat(event.path("routeKey").asText()).isEqualTo("ANY /echo/{proxy+}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/echo/a/b");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b");
        assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(event.path("headers").path("x-trace").asText()).isEqualTo("t-1");
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":\"v\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
    }

    @Test
    void httpApi_unknownRoute_404() throws Exception {
        // GIVEN / WHEN a path no event routes / THEN API Gateway's 404
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/nowhere")).GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void httpApi_bodiesOverOneMiBAndOverTenMB_firstReachesTheFunctionSecond413() throws Exception {
        // GIVEN bodies of 2 MiB and 11 MB
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        byte[] elevenMB = new byte[11 * 1000 * 1000];
        int invocationsBefore = reports("EchoFunction");

        // WHEN both are posted
        HttpResponse<String> big = send(HttpRequest.newBuilder(api("/echo/big"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twoMiB)));
        HttpResponse<String> tooBig = send(HttpRequest.newBuilder(api("/echo/too-big"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(elevenMB)));

        // THEN the 2 MiB one reached the function (base64, being binary); the 11 MB one got 413 and never did
        assertThat(big.statusCode()).isEqualTo(200);
        JsonNode event = Json.parse(big.body());
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(event.path("body").asText())).hasSize(twoMiB.length);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(reports("EchoFunction")).isEqualTo(invocationsBefore + 1);
    }

    @Test
    void httpApi_functionThrows_500() throws Exception {
        // GIVEN / WHEN the function throws / THEN 500 Internal Server Error
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/items/fail-now")).GET());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void httpApi_functionTimesOut_504AndTheFunctionServesOn() throws Exception {
        // GIVEN the echo function's 3 s Timeout (a template parameter)
        // WHEN an invocation sleeps past it
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/items/sleep-now")).GET());

        // THEN 504, and the next request is served by a fresh JVM
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(send(HttpRequest.newBuilder(api("/items/7")).GET()).statusCode()).isEqualTo(200);
        assertThat(String.join("\n", stack.functionLog("echo"))).contains("Task timed out after 3.00 seconds");
    }

    @Test
    void httpApi_functionProcessDiesUnderTheRequest_502AndTheNextRequestGetsANewJvm() throws Exception {
        // GIVEN the echo function's JVM
        int startsBefore = stack.host("echo").processStarts();

        // WHEN its process dies while it handles a request (System.exit in the handler, as a crash or a kill)
        HttpResponse<String> died = send(HttpRequest.newBuilder(api("/items/exit-now")).GET());
        HttpResponse<String> next = send(HttpRequest.newBuilder(api("/items/8")).GET());

        // THEN API Gateway's 502 for the request it died under; the next one is served by a new JVM
        assertThat(died.statusCode()).isEqualTo(502);
        assertThat(died.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(stack.host("echo").processStarts()).isGreaterThan(startsBefore);
    }

    @Test
    void sqsEventSource_oneItemFails_othersDeletedFailedOneRetriedThenDeadLettered() throws Exception {
        // GIVEN the batch function on WorkQueue (visibility 1 s, 2 receives then WorkDLQ)
        SqsClient sqs = stack.sqs();
        String work = stack.resources().queueUrl("WorkQueue");
        String dlq = stack.resources().queueUrl("WorkDLQ");

        // WHEN three messages arrive, one the function reports as failed
        for (String body : List.of("ok-a", "fail-b", "ok-c")) {
            sqs.sendMessage(b -> b.queueUrl(work).messageBody(body));
        }

        // THEN the failed one ends in the dead-letter queue, the others are deleted
        List<String> deadLettered = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deadLettered.isEmpty() && System.nanoTime() < deadline) {
            sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1).visibilityTimeout(60))
                    .messages().forEach(m -> deadLettered.add(m.body()));
        }
        assertThat(deadLettered).containsExactly("fail-b");
        Map<QueueAttributeName, String> left = sqs.getQueueAttributes(b -> b.queueUrl(work).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        assertThat(left.values()).containsOnly("0");
        assertThat(stack.functionLog("BatchFunction")).anyMatch(l -> l.matches("batch: \\d records, 1 failed"));
    }

    @Test
    void control_redriveFifoDeadLetterQueue_messagesBackInOrderWithGroupAndDeduplicationIds() throws Exception {
        // GIVEN three dead-lettered messages on the FIFO ParkedDLQ: two of group g1, one of g2, with attributes
        SqsClient sqs = stack.sqs();
        String dlq = stack.resources().queueUrl("ParkedDLQ");
        String source = stack.resources().queueUrl("ParkedQueue");
        String[][] sent = {{"g1", "d-1", "first of g1"}, {"g2", "d-2", "only of g2"}, {"g1", "d-3", "second of g1"}};
        for (String[] m : sent) {
            sqs.sendMessage(b -> b.queueUrl(dlq).messageGroupId(m[0]).messageDeduplicationId(m[1]).messageBody(m[2])
                    .messageAttributes(Map.of("incidentId", MessageAttributeValue.builder().dataType("String")
                            .stringValue("inc-" + m[1]).build())));
        }

        // WHEN they are redriven through the control server by the short name
        HttpResponse<String> response = send(HttpRequest.newBuilder(control("/redrive/parked"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        // THEN all three moved, the dead-letter queue is empty, and the source queue has them with their
        // group ids, deduplication ids and attributes, each group in its order
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode moved = Json.parse(response.body());
        assertThat(moved.path("moved").asInt()).isEqualTo(3);
        assertThat(moved.path("from").asText()).isEqualTo("ParkedDLQ");
        assertThat(moved.path("to").asText()).isEqualTo("ParkedQueue");
        assertThat(stack.queueDepth("ParkedDLQ")).isZero();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.size() < 3; i++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            for (Message m : batch) {
                received.add(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID) + "/"
                        + m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID) + "/" + m.body() + "/"
                        + m.messageAttributes().get("incidentId").stringValue());
                sqs.deleteMessage(b -> b.queueUrl(source).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(received).containsExactlyInAnyOrder("g1/d-1/first of g1/inc-d-1", "g2/d-2/only of g2/inc-d-2",
                "g1/d-3/second of g1/inc-d-3");
        assertThat(received.stream().filter(r -> r.startsWith("g1/")).toList())
                .containsExactly("g1/d-1/first of g1/inc-d-1", "g1/d-3/second of g1/inc-d-3");
    }

    @Test
    void control_redriveUnknownQueue_404NamingTheDeadLetterQueues() throws Exception {
        // GIVEN / WHEN a name that is no dead-letter queue of the template
        HttpResponse<String> unknown = send(
                HttpRequest.newBuilder(control("/redrive/nope")).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> list = send(HttpRequest.newBuilder(control("/redrive")).GET());

        // THEN 404 listing them (by short name, with the queues), and the list on GET /redrive
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("work (WorkDLQ -> WorkQueue)", "parked (ParkedDLQ -> ParkedQueue)");
        assertThat(stack.deadLetterQueues()).containsExactly("work (WorkDLQ -> WorkQueue)",
                "parked (ParkedDLQ -> ParkedQueue)");
        assertThat(Json.parse(list.body()).path("deadLetterQueues")).hasSize(2);
    }

    @Test
    void environment_templateRefsAndGetAtts_localNamesAndEndpoints() {
        // GIVEN the echo function's template environment / WHEN it reads it / THEN local values
        assertThat(env("TOKEN_SECRET_ARN"))
                .isEqualTo("arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSecret");
        assertThat(env("WORK_QUEUE_URL")).isEqualTo(stack.resources().queueUrl("WorkQueue"));
        assertThat(env("WORK_QUEUE_ARN")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(env("AWS_ENDPOINT_URL_SECRETS_MANAGER")).isEqualTo(stack.secretsManagerEndpoint().toString());
        assertThat(env("AWS_ENDPOINT_URL_KMS")).isEqualTo(stack.kms().endpoint().toString());
        assertThat(env("VAULT_KEY_ID")).isEqualTo(stack.kms().keyId("VaultKey"));
        assertThat(env("VAULT_KEY_ARN")).isEqualTo(stack.kms().keyArn("VaultKey"))
                .isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + stack.kms().keyId("VaultKey"));
        assertThat(env("AWS_ENDPOINT_URL_DYNAMODB")).startsWith("http://127.0.0.1:");
        assertThat(env("AWS_EXECUTION_ENV")).isEqualTo("AWS_Lambda_java21");
    }

    @Test
    void secretsManager_getSecretValue_envValueOrRandomTokenOrNotFound() throws Exception {
        // GIVEN TokenSecret from TEST_LOCAL_TOKEN (set) and OtherSecret from TEST_UNSET_TOKEN (not set)
        // WHEN GetSecretValue is called as the AWS SDK calls it
        HttpResponse<String> token = getSecretValue("arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSecret");
        HttpResponse<String> other = getSecretValue("OtherSecret");
        HttpResponse<String> unknown = getSecretValue("NoSuchSecret");

        // THEN the env value, a random url-safe token, and ResourceNotFoundException
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
        JsonNode value = Json.parse(token.body());
        assertThat(value.path("SecretString").asText()).isEqualTo("token-from-env");
        assertThat(value.path("Name").asText()).isEqualTo("TokenSecret");
        assertThat(value.path("ARN").asText())
                .isEqualTo("arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSecret");
        assertThat(value.path("VersionStages").get(0).asText()).isEqualTo("AWSCURRENT");
        assertThat(value.path("CreatedDate").isNumber()).isTrue();
        assertThat(Json.parse(other.body()).path("SecretString").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.parse(unknown.body()).path("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(stack.localTokens()).containsEntry("test-local-token", "token-from-env");
    }

    @Test
    void control_invokeByShortNameWithoutEvent_scheduleFunctionGetsScheduledEvent() throws Exception {
        // GIVEN the echo function has a (disabled) Schedule event
        // WHEN it is invoked through the control server by its short name, without an event
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(control("/invoke/echo")).POST(HttpRequest.BodyPublishers.noBody()));

        // THEN it got an EventBridge Scheduled Event
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = Json.parse(response.body());
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("resources").get(0).asText())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/awoooi-local-EchoFunctionNightly");
    }

    @Test
    void control_invokeFailingFunctionOrUnknownName_functionErrorOr404() throws Exception {
        // GIVEN / WHEN the function fails, and when the name is unknown
        HttpResponse<String> failed = send(HttpRequest.newBuilder(control("/invoke/EchoFunction"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"cmd\":\"fail-now\"}")));
        HttpResponse<String> unknown = send(
                HttpRequest.newBuilder(control("/invoke/nope")).POST(HttpRequest.BodyPublishers.noBody()));

        // THEN Lambda's error document with X-Amz-Function-Error, and a 404 listing the functions
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        assertThat(Json.parse(failed.body()).path("errorMessage").asText()).isEqualTo("asked to fail");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("EchoFunction (echo)", "BatchFunction (batch)");
    }

    @Test
    void control_faultDynamodbDownThenUp_serverStopsAndComesBack() throws Exception {
        // GIVEN a running DynamoDB server
        int port = stack.localDynamo().port();

        // WHEN the fault is injected and lifted through the control server
        assertThat(
                send(HttpRequest.newBuilder(control("/fault/dynamodb/down")).POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(200);
        boolean downListening = listening(port);
        assertThat(send(HttpRequest.newBuilder(control("/fault/dynamodb/up")).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(200);

        // THEN it was down in between and is back on the same port
        assertThat(downListening).isFalse();
        assertThat(listening(port)).isTrue();
        assertThat(stack.dynamo().listTables().tableNames()).isEmpty();
    }

    @Test
    void close_anotherStack_noProcessOrPortLeft() throws Exception {
        // GIVEN a second, lazily started stack with one function JVM running
        LocalStack second = LocalStack.builder()
                .template(TestFunctions.testClasses().resolve("templates/local-stack-template.yaml"))
                .stateDir(stateDir.resolve("second")).eagerStart(false).controlServer(true).start();
        List<ProcessHandle> processes = new ArrayList<>();
        int apiPort;
        int controlPort;
        try {
            second.invoke("echo", "{}".getBytes(StandardCharsets.UTF_8));
            processes.add(ProcessHandle.of(second.host("echo").pid().orElseThrow()).orElseThrow());
            processes.add(ProcessHandle.of(second.localDynamo().pid()).orElseThrow());
            assertThat(second.host("batch").isRunning()).isFalse(); // lazy: polling an empty queue starts no JVM
            apiPort = second.apiUrl().getPort();
            controlPort = second.controlPort();
        } finally {
            // WHEN it is closed
            second.close();
        }

        // THEN its JVMs, dynalite and servers are gone
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(listening(apiPort)).isFalse();
        assertThat(listening(controlPort)).isFalse();
    }

    private String env(String name) {
        InvocationResult result = stack.invoke("EchoFunction",
                ("{\"q\":\"env:" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        return Json.parse(result.payload()).asText();
    }

    private int reports(String function) {
        return (int) stack.functionLog(function).stream().filter(l -> l.startsWith("REPORT ")).count();
    }

    private HttpResponse<String> getSecretValue(String id) throws Exception {
        return send(HttpRequest.newBuilder(stack.secretsManagerEndpoint().resolve("/"))
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"" + id + "\"}")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI api(String path) {
        return stack.apiUrl().resolve(path);
    }

    private URI control(String path) {
        return URI.create("http://127.0.0.1:" + stack.controlPort() + path);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
