package io.awoooi.local;

import static io.awoooi.local.TestFunctions.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM under the real runtime interface client, through {@link RuntimeApiServer}. */
class FunctionHostTest {

    @TempDir
    Path workDir;

    private FunctionHost host;

    @BeforeEach
    void startHost() {
        host = TestFunctions.host("EchoFunction", TestFunctions.ECHO, 3, workDir);
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @Test
    void invoke_eventEchoed_responseRoundTripsWithReportLines() {
        // GIVEN a host of the echo function, not started yet
        // WHEN it is invoked twice
        InvocationResult first = host.invoke(utf8("{\"hello\":\"world\"}"));
        InvocationResult second = host.invoke(utf8("{\"again\":true}"));

        // THEN both responses come back as sent, from one JVM, with Lambda's log lines
        assertThat(first.kind()).isEqualTo(InvocationResult.Kind.SUCCESS);
        assertThat(first.payloadText()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(second.payloadText()).isEqualTo("{\"again\":true}");
        assertThat(host.processStarts()).isEqualTo(1);
        List<String> reports = host.log().lines().stream().filter(l -> l.startsWith("REPORT RequestId: ")).toList();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).matches("REPORT RequestId: \\S+ Duration: \\d+\\.\\d\\d ms Billed Duration: \\d+ ms"
                + " Memory Size: 256 MB Max Memory Used: \\d+ MB Init Duration: \\d+\\.\\d\\d ms");
        assertThat(reports.get(1)).doesNotContain("Init Duration");
        assertThat(host.log().lines()).anyMatch(l -> l.startsWith("echo: 17 bytes, request "));
    }

    @Test
    void invoke_handlerThrows_errorResultAndProcessStays() {
        // GIVEN a running echo function
        host.invoke(utf8("{}"));
        long pid = host.pid().orElseThrow();

        // WHEN the handler throws
        InvocationResult result = host.invoke(utf8("{\"cmd\":\"fail-now\"}"));

        // THEN the result is the runtime's error document, and the JVM serves on
        assertThat(result.kind()).isEqualTo(InvocationResult.Kind.ERROR);
        assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(result.errorMessage()).isEqualTo("asked to fail");
        assertThat(result.payloadText()).contains("\"errorMessage\"", "\"stackTrace\"");
        assertThat(host.invoke(utf8("{\"ok\":1}")).payloadText()).isEqualTo("{\"ok\":1}");
        assertThat(host.pid()).hasValue(pid);
    }

    @Test
    void invoke_longerThanTimeout_timeoutAndFreshProcessForTheNext() {
        // GIVEN an echo function with a 3 s timeout, running
        host.invoke(utf8("{}"));
        long pid = host.pid().orElseThrow();

        // WHEN an invocation sleeps past the timeout
        long started = System.nanoTime();
        InvocationResult result = host.invoke(utf8("{\"cmd\":\"sleep-now\"}"));

        // THEN it fails as a timeout, not before the 3 s (the handler's own sleep is 30 s: the TIMEOUT
        // result shows it was cut short), and the next invocation gets a new JVM
        assertThat(result.kind()).isEqualTo(InvocationResult.Kind.TIMEOUT);
        assertThat(result.errorMessage()).contains("Task timed out after 3.00 seconds");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(host.invoke(utf8("{\"after\":1}")).payloadText()).isEqualTo("{\"after\":1}");
        assertThat(host.pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(host.processStarts()).isEqualTo(2);
    }

    @Test
    void invoke_processExits_crashReportedAndRestartedOnNextInvocation() {
        // GIVEN a running echo function
        host.invoke(utf8("{}"));

        // WHEN the handler ends its JVM
        InvocationResult result = host.invoke(utf8("{\"cmd\":\"exit-now\"}"));

        // THEN the invocation fails as a crash, the exit is logged, and the next invocation starts a new JVM
        assertThat(result.kind()).isEqualTo(InvocationResult.Kind.CRASH);
        assertThat(result.errorMessage()).contains("exit status 3");
        assertThat(host.invoke(utf8("{\"again\":1}")).payloadText()).isEqualTo("{\"again\":1}");
        assertThat(host.processStarts()).isEqualTo(2);
        assertThat(host.log().lines()).anyMatch(l -> l.equals("echo: exiting as asked"));
    }

    @Test
    void invokeAsync_manyAtOnce_servedOneAtATimeInOrder() throws InterruptedException {
        // GIVEN a running echo function
        host.invoke(utf8("{}"));

        // WHEN five invocations arrive together
        List<CompletableFuture<InvocationResult>> results = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> host.invokeAsync(utf8("{\"n\":" + i + "}"))).toList();

        // THEN each gets its own answer, from the same JVM, in the order they came
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).join().payloadText()).isEqualTo("{\"n\":" + i + "}");
        }
        // the function's stdout reaches the log asynchronously from its answers: give the last line a moment
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        List<String> starts = List.of();
        while (System.nanoTime() < deadline) {
            starts = host.log().lines().stream().filter(l -> l.startsWith("echo: ")).toList();
            if (starts.size() >= 6) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(starts).hasSize(6);
        assertThat(host.processStarts()).isEqualTo(1);
    }

    @Test
    void close_runningFunction_processGone() {
        // GIVEN a running echo function
        host.invoke(utf8("{}"));
        ProcessHandle process = ProcessHandle.of(host.pid().orElseThrow()).orElseThrow();

        // WHEN the host is closed
        host.close();

        // THEN its JVM is gone and invocations fail without starting another
        assertThat(process.isAlive()).isFalse();
        assertThat(host.invoke(utf8("{}")).kind()).isEqualTo(InvocationResult.Kind.CRASH);
        assertThat(host.processStarts()).isEqualTo(1);
    }

    @Test
    void environment_ofTheFunction_lambdaVariablesAndNoInheritedSecrets() {
        // GIVEN a running echo function
        // WHEN it reads its environment
        String function = host.invoke(utf8("{\"q\":\"env:AWS_LAMBDA_FUNCTION_NAME\"}")).payloadText();
        String greeting = host.invoke(utf8("{\"q\":\"env:GREETING\"}")).payloadText();
        String region = host.invoke(utf8("{\"q\":\"env:AWS_REGION\"}")).payloadText();
        String user = host.invoke(utf8("{\"q\":\"env:USER\"}")).payloadText();

        // THEN it has Lambda's variables and its template ones, and not the parent's others
        assertThat(function).isEqualTo("\"EchoFunction\"");
        assertThat(greeting).isEqualTo("\"hello\"");
        assertThat(region).isEqualTo("\"us-east-1\"");
        assertThat(user).isEqualTo("\"\"");
    }
}
