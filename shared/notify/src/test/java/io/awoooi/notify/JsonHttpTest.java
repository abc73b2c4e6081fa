package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.awoooi.core.notify.NotificationFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How every HTTP channel fails: channel and status only, never the (secret) URL, never a cause. */
class JsonHttpTest {
    private static final String SECRET_PATH = "/services/T0/B0/SECRETPART";
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
    }

    @Test
    @Timeout(120) // only keeps a broken client from hanging the build
    void post_noAnswerWithinTheRequestTimeout_timedOut() throws IOException {
        // GIVEN a server that takes the request and never answers (nobody accepts: the kernel queues
        // the connection), and a request timeout of 300 ms (10 s in production)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JsonHttp http = new JsonHttp(Duration.ofSeconds(10), Duration.ofMillis(300));
            // WHEN / THEN
            assertThatThrownBy(() -> http.post("slack", "http://127.0.0.1:" + silent.getLocalPort() + SECRET_PATH,
                    JsonHttp.object()))
                    .isInstanceOf(NotificationFailedException.class)
                    .hasMessage("slack: timed out")
                    .hasNoCause();
        }
    }

    @Test
    void post_connectionRefused_connectionFailedWithoutTheUrl() {
        // GIVEN nothing listens
        String url = "http://127.0.0.1:" + Fixtures.closedPort() + SECRET_PATH;
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.http().post("discord", url, JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageStartingWith("discord: connection failed (")
                .hasNoCause()
                .message().doesNotContain("SECRETPART").doesNotContain("127.0.0.1");
    }

    @Test
    void post_connectionResetMidAnswer_connectionFailed() {
        // GIVEN the server drops the connection
        server.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.http().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageStartingWith("webhook: connection failed (")
                .message().doesNotContain("SECRETPART");
    }

    @Test
    void post_redirect_notFollowedAndFails() {
        // GIVEN a redirect elsewhere
        server.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", server.baseUrl() + "/elsewhere")));
        // WHEN / THEN the body never goes to an address nobody configured
        assertThatThrownBy(() -> Fixtures.http().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("webhook: HTTP 302");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void post_notAnHttpUrl_failsWithoutEchoingIt() {
        // GIVEN a misconfigured secret value
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.http().post("slack", "ftp://hooks.example/SECRETPART", JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: the configured URL is not a usable http(s) URL");
        assertThatThrownBy(() -> Fixtures.http().post("slack", "not a url SECRETPART", JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: the configured URL is not a usable http(s) URL");
    }

    @Test
    void post_2xx_statusAndBody() {
        // GIVEN a 201 with a body
        server.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(201).withBody("{\"ok\":true}")));
        // WHEN
        JsonHttp.Answer answer = Fixtures.http().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object());
        // THEN
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    }
}
