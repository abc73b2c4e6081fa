package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.notify.NotificationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic JSON webhook and the outbox channel against WireMock. */
class WebhookChannelTest {
    private static final String HOOK_PATH = "/hooks/awoooi?key=SECRETKEY";
    private static WireMockServer receiver;

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @BeforeEach
    void setUp() {
        receiver.resetAll();
    }

    @Test
    void deliver_webhook_documentWithApproverIdAsRecipient() {
        // GIVEN the receiver accepts
        receiver.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(202)));
        WebhookChannel channel = new WebhookChannel(() -> receiver.baseUrl() + HOOK_PATH, Fixtures.http());
        // WHEN
        channel.deliver(channel.addressOf(Fixtures.alice()).orElseThrow(), Fixtures.labelled());
        // THEN exactly the documented fields
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(receiver));
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("kind", "incidentId", "recipient", "subject", "text", "links");
        assertThat(body.at("/kind").asText()).isEqualTo("approval_requested");
        assertThat(body.at("/incidentId").asText()).isEqualTo(Fixtures.INCIDENT);
        assertThat(body.at("/recipient").asText()).isEqualTo("alice");
        assertThat(body.at("/subject").asText()).isEqualTo(Fixtures.labelled().subject());
        assertThat(body.at("/text").asText()).isEqualTo(Fixtures.labelled().text());
        assertThat(body.at("/links")).hasSize(2);
        assertThat(body.at("/links/0/label").asText()).isEqualTo("Approve");
        assertThat(body.at("/links/0/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(body.at("/links/1/label").asText()).isEqualTo("Reject");
        assertThat(body.at("/links/1/url").asText()).isEqualTo(Fixtures.REJECT_URL);
    }

    @Test
    void addressOf_anyApprover_approverId() {
        // GIVEN an approver without any handle / WHEN / THEN the webhook still reaches them by id
        WebhookChannel channel = new WebhookChannel(() -> receiver.baseUrl() + HOOK_PATH);
        assertThat(channel.addressOf(Fixtures.nobody())).contains("bob");
        assertThat(channel.name()).isEqualTo("webhook");
    }

    @Test
    void deliver_webhookAnswers503_failsWithStatusNeverTheUrl() {
        // GIVEN the receiver is down
        receiver.stubFor(
                post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(503).withBody("SECRETKEY down")));
        WebhookChannel channel = new WebhookChannel(() -> receiver.baseUrl() + HOOK_PATH, Fixtures.http());
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("alice", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("webhook: HTTP 503")
                .hasNoCause();
    }

    @Test
    void deliver_outbox_webhookDocumentPlusChannel() {
        // GIVEN the local runtime's outbox accepts
        receiver.stubFor(post(urlEqualTo("/local/outbox")).willReturn(aResponse().withStatus(204)));
        OutboxChannel outbox = new OutboxChannel(receiver.baseUrl() + "/local/outbox", Fixtures.http());
        // WHEN
        outbox.deliver(outbox.addressOf(Fixtures.alice()).orElseThrow(), Fixtures.labelled());
        // THEN the webhook document with "channel": "outbox" first
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(receiver));
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("channel", "kind", "incidentId", "recipient", "subject", "text", "links");
        assertThat(body.at("/channel").asText()).isEqualTo("outbox");
        assertThat(body.at("/recipient").asText()).isEqualTo("alice");
        assertThat(body.at("/links/0/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(outbox.name()).isEqualTo("outbox");
        assertThat(outbox.addressOf(Fixtures.nobody())).contains("bob");
    }

    @Test
    void deliver_outboxAnswers500_failsWithStatus() {
        // GIVEN the outbox refuses
        receiver.stubFor(post(urlEqualTo("/local/outbox")).willReturn(aResponse().withStatus(500)));
        OutboxChannel outbox = new OutboxChannel(receiver.baseUrl() + "/local/outbox", Fixtures.http());
        // WHEN / THEN
        assertThatThrownBy(() -> outbox.deliver("alice", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("outbox: HTTP 500");
    }
}
