package io.awoooi.local;

import static io.awoooi.local.TestFunctions.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as the runtime interface client sees it, over HTTP. */
class RuntimeApiServerTest {

    private final LinkedBlockingDeque<Invocation> queue = new LinkedBlockingDeque<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private RuntimeApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RuntimeApiServer("EchoFunction", queue, new RuntimeApiServer.Listener() {
            @Override
            public void nextRequested() {
                events.add("next");
            }

            @Override
            public long dispatching(Invocation invocation) {
                events.add("dispatch " + invocation.requestId());
                return 1_700_000_000_000L;
            }

            @Override
            public void completed(Invocation invocation, InvocationResult result) {
                invocation.complete(result);
            }

            @Override
            public void initError(String errorType, String errorMessage) {
                events.add("init error " + errorType + ": " + errorMessage);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void next_invocationQueued_answeredWithEventAndAllHeadersNonEmpty() throws Exception {
        // GIVEN a queued invocation
        Invocation invocation = new Invocation(utf8("{\"a\":1}"));
        queue.add(invocation);

        // WHEN the runtime asks for the next one
        HttpResponse<String> next = http.send(get("/invocation/next"), HttpResponse.BodyHandlers.ofString());

        // THEN it gets the event with Content-Type and the Lambda headers, and none without a value
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"a\":1}");
        Map<String, List<String>> headers = next.headers().map();
        assertThat(next.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(invocation.requestId());
        assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1700000000000");
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .hasValue("arn:aws:lambda:us-east-1:000000000000:function:EchoFunction");
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow())
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(headers)
                .allSatisfy((name, values) -> assertThat(values).allSatisfy(v -> assertThat(v).isNotEmpty()));
        assertThat(headers.keySet()).noneMatch(h -> h.equalsIgnoreCase("Lambda-Runtime-Client-Context")
                || h.equalsIgnoreCase("Lambda-Runtime-Cognito-Identity"));
        assertThat(events).containsExactly("next", "dispatch " + invocation.requestId());
    }

    @Test
    void next_nothingQueued_blocksUntilAnInvocationArrives() throws Exception {
        // GIVEN a runtime waiting for work
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(get("/invocation/next"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(next).isNotDone();

        // WHEN an invocation is queued
        queue.add(new Invocation(utf8("{\"late\":true}")));

        // THEN the waiting request gets it
        assertThat(next.get(60, TimeUnit.SECONDS).body()).isEqualTo("{\"late\":true}");
    }

    @Test
    void responseAndError_ofInvocationsHandedOut_completeThemAndAnswer202() throws Exception {
        // GIVEN two invocations handed out
        Invocation ok = new Invocation(utf8("{}"));
        Invocation bad = new Invocation(utf8("{}"));
        queue.add(ok);
        queue.add(bad);
        http.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());
        http.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        // WHEN the runtime posts a response for one and an error for the other
        HttpResponse<String> r1 = http.send(post("/invocation/" + ok.requestId() + "/response", "{\"done\":1}"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r2 = http.send(post("/invocation/" + bad.requestId() + "/error",
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[]}"),
                HttpResponse.BodyHandlers.ofString());

        // THEN both are accepted and the invocations have their results
        assertThat(r1.statusCode()).isEqualTo(202);
        assertThat(r2.statusCode()).isEqualTo(202);
        assertThat(ok.result().join().payloadText()).isEqualTo("{\"done\":1}");
        InvocationResult error = bad.result().join();
        assertThat(error.kind()).isEqualTo(InvocationResult.Kind.ERROR);
        assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(error.errorMessage()).isEqualTo("boom");
    }

    @Test
    void response_unknownRequestId_400() throws Exception {
        // GIVEN no invocation handed out
        // WHEN a response for an unknown id arrives
        HttpResponse<String> r = http.send(post("/invocation/nope/response", "{}"),
                HttpResponse.BodyHandlers.ofString());

        // THEN it is refused
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("InvalidRequestID");
    }

    @Test
    void initError_posted_reportedToTheHost() throws Exception {
        // GIVEN a runtime that failed to load its handler
        // WHEN it posts an init error
        HttpResponse<String> r = http.send(post("/init/error",
                "{\"errorMessage\":\"Class not found: x.Y\",\"errorType\":\"java.lang.ClassNotFoundException\"}"),
                HttpResponse.BodyHandlers.ofString());

        // THEN it is accepted and the host learns of it
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(events).contains("init error java.lang.ClassNotFoundException: Class not found: x.Y");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create("http://" + server.address() + RuntimeApiServer.BASE + path);
    }
}
