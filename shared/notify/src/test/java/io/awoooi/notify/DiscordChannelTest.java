package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Discord adapter against a WireMock channel webhook. */
class DiscordChannelTest {
    private static final String HOOK_PATH = "/api/webhooks/1111/SECRETTOKEN";
    private static WireMockServer discord;
    private DiscordChannel channel;

    @BeforeAll
    static void start() {
        discord = new WireMockServer(options().dynamicPort());
        discord.start();
    }

    @AfterAll
    static void stop() {
        discord.stop();
    }

    @BeforeEach
    void setUp() {
        discord.resetAll();
        channel = new DiscordChannel(() -> discord.baseUrl() + HOOK_PATH, Fixtures.http());
    }

    private void discordAccepts() {
        discord.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"999\"}")));
    }

    @Test
    void deliver_labelledNotification_mentionEmbedAndOnlyThatUserPingable() {
        // GIVEN Discord keeps the message (wait=true answers 200 with it)
        discordAccepts();
        // WHEN
        channel.deliver("123456789012345678", Fixtures.labelled());
        // THEN content mentions the approver, the embed holds subject, text and the links as markdown
        LoggedRequest request = Fixtures.onlyRequest(discord);
        assertThat(request.queryParameter("wait").firstValue()).isEqualTo("true");
        JsonNode body = Fixtures.json(request);
        assertThat(body.at("/content").asText())
                .isEqualTo(
                        "<@123456789012345678> \\[AWOOOI\\] MEDIUM action needs your approval\\: restart\\_deployment");
        assertThat(body.at("/embeds")).hasSize(1);
        assertThat(body.at("/embeds/0/title").asText())
                .isEqualTo("\\[AWOOOI\\] MEDIUM action needs your approval\\: restart\\_deployment");
        assertThat(body.at("/embeds/0/description").asText()).isEqualTo(
                "Incident inc\\_01HZXK4Q2B7N8M9P0R1S2T3V4W needs a decision.\n"
                        + "Summary\\: checkout fails on \\[IP\\_1\\]; the owner \\[EMAIL\\_1\\] was paged.\n"
                        + "Risk\\: MEDIUM \\(a \\<restart\\> & a rollout\\)\n\n"
                        + "[Approve](" + Fixtures.APPROVE_URL + ")\n"
                        + "[Reject](" + Fixtures.REJECT_URL + ")");
        assertThat(body.at("/allowed_mentions/parse")).isEmpty();
        assertThat(body.at("/allowed_mentions/users")).hasSize(1);
        assertThat(body.at("/allowed_mentions/users/0").asText()).isEqualTo("123456789012345678");
    }

    @Test
    void deliver_webhookUrlWithThread_waitAppended() {
        // GIVEN a webhook URL that already has a query (a forum thread)
        discordAccepts();
        DiscordChannel threaded = new DiscordChannel(() -> discord.baseUrl() + HOOK_PATH + "?thread_id=42",
                Fixtures.http());
        // WHEN
        threaded.deliver("1234", Fixtures.labelled());
        // THEN both parameters arrive
        discord.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(HOOK_PATH))
                .withQueryParam("thread_id", equalTo("42")).withQueryParam("wait", equalTo("true")));
    }

    @Test
    void deliver_overlongText_linksKeptTextCut() {
        // GIVEN a text far over the embed description's 4096
        discordAccepts();
        var n = new io.awoooi.core.notify.Notification("k", Fixtures.INCIDENT, "s", "x".repeat(10_000),
                Fixtures.labelled().links());
        // WHEN
        channel.deliver("1234", n);
        // THEN the description fits and still ends with the links
        String description = Fixtures.json(Fixtures.onlyRequest(discord)).at("/embeds/0/description").asText();
        assertThat(description).hasSizeLessThanOrEqualTo(4096).endsWith("[Reject](" + Fixtures.REJECT_URL + ")");
    }

    @Test
    void deliver_discordRateLimits_failsWithStatusOnly() {
        // GIVEN Discord answers 429
        discord.stubFor(post(urlPathEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(429)
                .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5}")));
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("1234", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("discord: HTTP 429")
                .hasNoCause();
    }

    @Test
    void addressOf_discordHandle_digitsOnly() {
        // GIVEN alice's snowflake, and a handle that is a name rather than an id
        Approver named = new Approver("carol", "Carol", Set.of(Role.SRE), Map.of("discord", "carol#1234"));
        // WHEN / THEN
        assertThat(channel.addressOf(Fixtures.alice())).contains("123456789012345678");
        assertThat(channel.addressOf(named)).isEmpty();
        assertThat(channel.addressOf(Fixtures.nobody())).isEmpty();
        assertThat(channel.name()).isEqualTo("discord");
    }
}
