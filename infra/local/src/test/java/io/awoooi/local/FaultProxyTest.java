package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault proxy in front of an echo server: what passes is forwarded and tapped; DOWN resets, 500
 * answers 500, HANG never answers (met by the client's short timeout: the only timing here, and in
 * the direction a slow machine cannot break); a mode for requests naming one thing leaves the others.
 */
@Timeout(120)
class FaultProxyTest {

    private HttpServer echo;
    private FaultProxy proxy;
    private final List<String> tapped = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeEach
    void start() throws IOException {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        echo.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("echo " + exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        echo.start();
        proxy = FaultProxy.start("test", echo.getAddress().getPort(),
                (method, target, headers, body) -> tapped
                        .add(method + " " + target + " " + new String(body, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.stop(0);
    }

    private HttpResponse<String> post(String body, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/q")).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pass_requestsOnOneConnection_forwardedAndTapped() throws Exception {
        // GIVEN / WHEN three requests pass (kept-alive connection)
        for (int i = 0; i < 3; i++) {
            assertThat(post("m" + i, Duration.ofSeconds(30)).body()).isEqualTo("echo POST m" + i);
        }
        // THEN each was forwarded once and seen by the tap
        assertThat(tapped).containsExactly("POST /q m0", "POST /q m1", "POST /q m2");
        assertThat(proxy.forwarded()).isEqualTo(3);
    }

    @Test
    void faults_downErrorHang_thenPassAgain() throws Exception {
        // GIVEN a connection that worked
        assertThat(post("before", Duration.ofSeconds(30)).statusCode()).isEqualTo(200);
        // WHEN down / 500 / hanging
        proxy.mode(FaultProxy.Mode.DOWN);
        assertThatThrownBy(() -> post("down", Duration.ofSeconds(30))).isInstanceOf(IOException.class);
        proxy.mode(FaultProxy.Mode.ERROR_500);
        assertThat(post("error", Duration.ofSeconds(30)).statusCode()).isEqualTo(500);
        proxy.mode(FaultProxy.Mode.HANG);
        assertThatThrownBy(() -> post("hang", Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        // THEN nothing of it reached the server, and it passes again afterwards
        proxy.mode(FaultProxy.Mode.PASS);
        assertThat(post("after", Duration.ofSeconds(30)).body()).isEqualTo("echo POST after");
        assertThat(tapped).containsExactly("POST /q before", "POST /q after");
        assertThat(proxy.refused()).isGreaterThanOrEqualTo(3); // the client may try a reset connection once more
    }

    @Test
    void modeForRequestsNamingOneThing_othersPass() throws Exception {
        // GIVEN 500 only for requests whose body names the incidents queue
        proxy.mode(FaultProxy.Mode.ERROR_500, "IncidentsQueue.fifo");
        // WHEN / THEN such a request gets 500, another passes
        assertThat(post("{\"QueueUrl\":\"http://x/IncidentsQueue.fifo\"}", Duration.ofSeconds(30)).statusCode())
                .isEqualTo(500);
        assertThat(post("{\"QueueUrl\":\"http://x/RawAlertsQueue.fifo\"}", Duration.ofSeconds(30)).statusCode())
                .isEqualTo(200);
        assertThat(tapped).hasSize(1);
    }
}
