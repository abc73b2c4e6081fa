package io.awoooi.local;

import static io.awoooi.local.TestFunctions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API gateway alone, with in-process stand-ins for the functions (no JVM, no stack). */
class HttpApiGatewayTest {

    private static final HttpRoute ALERTS = new HttpRoute("POST", "/v1/alerts", "IntakeFunction");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60)).build();
    private HttpApiGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void burstOf200ConcurrentPosts_everyConnectionAcceptedAndAnswered() throws Exception {
        // GIVEN a function that answers nobody until all 200 requests are in (at most 90 s), so all
        // 200 connections are open at once and each holds one of the gateway's handler threads
        int burst = 200;
        CountDownLatch allIn = new CountDownLatch(burst);
        AtomicInteger arrived = new AtomicInteger();
        gateway = started(HttpApiGateway.INTEGRATION_TIMEOUT, event -> {
            arrived.incrementAndGet();
            allIn.countDown();
            try {
                allIn.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture
                    .completedFuture(InvocationResult.success(utf8("{\"statusCode\":202,\"body\":\"{}\"}")));
        });

        // WHEN 200 clients post at the same moment, each on its own connection
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String body = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(1024) + "\"}";
                sent.add(clients.submit(() -> {
                    go.await();
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(gateway.url().resolve("/v1/alerts"))
                                        .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                    } catch (IOException e) {
                        failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(5, TimeUnit.MINUTES); // a bound for a broken gateway, never reached by a working one
            }
        } finally {
            clients.shutdownNow();
        }

        // THEN no connection was reset or refused: all 200 reached the function together and got its 202
        assertThat(failures).isEmpty();
        assertThat(arrived).hasValue(burst);
        assertThat(allIn.getCount()).isZero();
        assertThat(statuses).containsExactly(Map.entry(202, burst));
    }

    @Test
    void burstOf200ConnectionsBeforeTheGatewayAccepts_allWaitInTheBacklogAndAreServed() throws Exception {
        // GIVEN a gateway that listens but does not accept yet (as when its dispatcher is starved on a
        // loaded machine), with a function that answers nobody until all 200 requests are in
        int burst = 200;
        assumeTrue(somaxconn() >= burst, "net.core.somaxconn caps every listen backlog below " + burst);
        CountDownLatch allIn = new CountDownLatch(burst);
        gateway = HttpApiGateway.bind(0, HttpApiGateway.INTEGRATION_TIMEOUT);
        List<Socket> sockets = new java.util.ArrayList<>();
        try {
            // WHEN 200 clients connect (the kernel completes each handshake only while the backlog has
            // room; past it, a connect waits for a retransmission the bound below never sees) and post
            for (int i = 0; i < burst; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.port()), 20_000);
                socket.setSoTimeout(120_000);
                byte[] body = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
            gateway.start(new RouteTable(List.of(ALERTS)), id -> event -> {
                allIn.countDown();
                try {
                    allIn.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture
                        .completedFuture(InvocationResult.success(utf8("{\"statusCode\":202,\"body\":\"{}\"}")));
            }, line -> {
            });

            // THEN every connection is served: none reset, all 200 in the function at once, all 202
            List<String> statusLines = new java.util.ArrayList<>();
            for (Socket socket : sockets) {
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                statusLines.add(String.valueOf(in.readLine()));
            }
            assertThat(allIn.getCount()).isZero();
            assertThat(statusLines).hasSize(burst).containsOnly("HTTP/1.1 202 Accepted");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void functionProcessDied_502WithApiGatewaysBody() throws Exception {
        // GIVEN / WHEN the function's process dies under the invocation (or cannot be started)
        gateway = started(HttpApiGateway.INTEGRATION_TIMEOUT,
                event -> CompletableFuture
                        .completedFuture(InvocationResult.crash("Runtime exited with error: exit status 137")));
        HttpResponse<String> response = post();

        // THEN 502 Bad Gateway, and nothing of the runtime's message
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void invocationFailedBeforeAnyResult_502() throws Exception {
        // GIVEN / WHEN the invocation itself fails (no result from the runtime at all)
        gateway = started(HttpApiGateway.INTEGRATION_TIMEOUT,
                event -> CompletableFuture.failedFuture(new IllegalStateException("runtime API closed")));

        // THEN 502
        HttpResponse<String> response = post();
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void functionTimedOut_504() throws Exception {
        // GIVEN / WHEN the function runs past its Timeout (the host has killed it)
        gateway = started(HttpApiGateway.INTEGRATION_TIMEOUT,
                event -> CompletableFuture
                        .completedFuture(InvocationResult.timeout("Task timed out after 3.00 seconds")));

        // THEN 504 Gateway Timeout
        HttpResponse<String> response = post();
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void functionThrew_500() throws Exception {
        // GIVEN / WHEN the handler threw (a function error, the runtime is fine) / THEN 500
        gateway = started(HttpApiGateway.INTEGRATION_TIMEOUT,
                event -> CompletableFuture
                        .completedFuture(InvocationResult.error("java.lang.IllegalStateException", "boom")));
        HttpResponse<String> response = post();
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void noResultWithinTheIntegrationTimeout_503AndTheFunctionIsNotCancelled() throws Exception {
        // GIVEN a function that never answers and a short integration timeout (30 s in the stack)
        AtomicReference<CompletableFuture<InvocationResult>> pending = new AtomicReference<>();
        gateway = started(Duration.ofMillis(200), event -> {
            CompletableFuture<InvocationResult> never = new CompletableFuture<>();
            pending.set(never);
            return never;
        });

        // WHEN a request comes
        HttpResponse<String> response = post();

        // THEN the HTTP API's 503, and the invocation runs on (API Gateway does not stop a function)
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(pending.get()).isNotCancelled().isNotDone();
    }

    private HttpApiGateway started(Duration integrationTimeout, HttpApiGateway.Integration function)
            throws IOException {
        HttpApiGateway g = HttpApiGateway.bind(0, integrationTimeout);
        g.start(new RouteTable(List.of(ALERTS)), id -> id.equals(ALERTS.functionId()) ? function : null, line -> {
        });
        return g;
    }

    /** The kernel's cap on listen backlogs (Linux); a large number where it cannot be read. */
    private static int somaxconn() {
        // (a stream: Files.readString trusts the size procfs reports and may cut the value short)
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private HttpResponse<String> post() throws Exception {
        URI uri = gateway.url().resolve("/v1/alerts");
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
