package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.notify.Notifier;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core Notifier over real adapters: one channel failing does not keep the others from delivering. */
class NotifierWithChannelsTest {
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

    @Test
    void send_slackFailsOutboxWorks_outboxDeliveredSlackReported() {
        // GIVEN Slack answers 500 and the outbox accepts; an approver without a Discord handle
        server.stubFor(post(urlEqualTo("/slack")).willReturn(aResponse().withStatus(500)));
        server.stubFor(post(urlEqualTo("/local/outbox")).willReturn(aResponse().withStatus(204)));
        Notifier notifier = new Notifier(List.of(
                new SlackChannel(() -> server.baseUrl() + "/slack", Fixtures.http()),
                new DiscordChannel(() -> server.baseUrl() + "/discord", Fixtures.http()),
                new OutboxChannel(server.baseUrl() + "/local/outbox", Fixtures.http())));
        var approver = new io.awoooi.core.approval.Approver("alice", "Alice",
                java.util.Set.of(io.awoooi.core.approval.Role.DEVOPS), java.util.Map.of("slack", "U012ABCDEF"));
        // WHEN
        List<Notifier.Delivery> deliveries = notifier.send(approver, Fixtures.labelled());
        // THEN Slack is reported as failed, Discord skipped (no handle), the outbox delivered
        assertThat(deliveries).containsExactly(
                new Notifier.Delivery("slack", "alice", false, "NotificationFailedException: slack: HTTP 500"),
                new Notifier.Delivery("outbox", "alice", true, null));
        server.verify(1, postRequestedFor(urlEqualTo("/local/outbox")));
        server.verify(0, postRequestedFor(urlEqualTo("/discord")));
    }
}
