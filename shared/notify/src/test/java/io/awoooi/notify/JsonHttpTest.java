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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    void post_slowerThanTheRequestTimeout_timedOut() {
        // GIVEN an answer that takes longer than the request timeout (700 ms here, 10 s in production)
        server.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.fastHttp().post("slack", server.baseUrl() + SECRET_PATH, JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: timed out")
                .hasNoCause();
    }

    @Test
    void post_connectionRefused_connectionFailedWithoutTheUrl() {
        // GIVEN nothing listens
        String url = "http://127.0.0.1:" + Fixtures.closedPort() + SECRET_PATH;
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.fastHttp().post("discord", url, JsonHttp.object()))
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
        assertThatThrownBy(() -> Fixtures.fastHttp().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object()))
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
        assertThatThrownBy(() -> Fixtures.fastHttp().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("webhook: HTTP 302");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void post_notAnHttpUrl_failsWithoutEchoingIt() {
        // GIVEN a misconfigured secret value
        // WHEN / THEN
        assertThatThrownBy(() -> Fixtures.fastHttp().post("slack", "ftp://hooks.example/SECRETPART", JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: the configured URL is not a usable http(s) URL");
        assertThatThrownBy(() -> Fixtures.fastHttp().post("slack", "not a url SECRETPART", JsonHttp.object()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: the configured URL is not a usable http(s) URL");
    }

    @Test
    void post_2xx_statusAndBody() {
        // GIVEN a 201 with a body
        server.stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(201).withBody("{\"ok\":true}")));
        // WHEN
        JsonHttp.Answer answer = Fixtures.fastHttp().post("webhook", server.baseUrl() + SECRET_PATH, JsonHttp.object());
        // THEN
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    }
}
