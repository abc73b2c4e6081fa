package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack adapter against a WireMock incoming webhook. */
class SlackChannelTest {
    private static final String HOOK_PATH = "/services/T000/B000/XXXXSECRETXXXX";
    private static WireMockServer slack;
    private SlackChannel channel;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @BeforeEach
    void setUp() {
        slack.resetAll();
        channel = new SlackChannel(() -> slack.baseUrl() + HOOK_PATH, Fixtures.http());
    }

    @Test
    void deliver_labelledNotification_blockKitWithMentionAndLinkButtons() {
        // GIVEN Slack accepts the message as incoming webhooks do ("ok")
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        // WHEN
        channel.deliver("U012ABCDEF", Fixtures.labelled());
        // THEN one JSON POST with the fallback text, a header, a mrkdwn section and link buttons
        LoggedRequest request = Fixtures.onlyRequest(slack);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Fixtures.json(request);
        assertThat(body.at("/text").asText())
                .isEqualTo("[AWOOOI] MEDIUM action needs your approval: restart_deployment");
        assertThat(body.at("/blocks")).hasSize(3);
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(body.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
        assertThat(body.at("/blocks/0/text/text").asText())
                .isEqualTo("[AWOOOI] MEDIUM action needs your approval: restart_deployment");
        assertThat(body.at("/blocks/1/type").asText()).isEqualTo("section");
        assertThat(body.at("/blocks/1/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(body.at("/blocks/1/text/text").asText()).isEqualTo("<@U012ABCDEF>\n"
                + "Incident " + Fixtures.INCIDENT + " needs a decision.\n"
                + "Summary: checkout fails on [IP_1]; the owner [EMAIL_1] was paged.\n"
                + "Risk: MEDIUM (a &lt;restart&gt; &amp; a rollout)");
        assertThat(body.at("/blocks/2/type").asText()).isEqualTo("actions");
        assertThat(body.at("/blocks/2/elements")).hasSize(2);
        assertThat(body.at("/blocks/2/elements/0/type").asText()).isEqualTo("button");
        assertThat(body.at("/blocks/2/elements/0/text/type").asText()).isEqualTo("plain_text");
        assertThat(body.at("/blocks/2/elements/0/text/text").asText()).isEqualTo("Approve");
        assertThat(body.at("/blocks/2/elements/0/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(body.at("/blocks/2/elements/1/text/text").asText()).isEqualTo("Reject");
        assertThat(body.at("/blocks/2/elements/1/url").asText()).isEqualTo(Fixtures.REJECT_URL);
        assertThat(body.at("/blocks/2/elements/0/action_id").asText())
                .isNotEqualTo(body.at("/blocks/2/elements/1/action_id").asText());
    }

    @Test
    void deliver_noLinks_noActionsBlock() {
        // GIVEN a notification without links (e.g. "cancelled")
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        // WHEN
        channel.deliver("U012ABCDEF", new Notification("cancelled", Fixtures.INCIDENT, "s", "t", List.of()));
        // THEN header and section only (Slack rejects an actions block without elements)
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(slack));
        assertThat(body.at("/blocks")).hasSize(2);
    }

    @Test
    void deliver_overlongParts_cutToBlockKitLimits() {
        // GIVEN a subject over 150 chars, a label over 75 and 30 links
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        List<Link> links = IntStream.range(0, 30).mapToObj(i -> new Link("L".repeat(100), "https://x.example/" + i))
                .toList();
        // WHEN
        channel.deliver("U012ABCDEF",
                new Notification("k", Fixtures.INCIDENT, "S".repeat(400), "T".repeat(5000), links));
        // THEN every part within its limit
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(slack));
        assertThat(body.at("/blocks/0/text/text").asText()).hasSize(150).endsWith("…");
        assertThat(body.at("/blocks/1/text/text").asText()).hasSize(3000);
        assertThat(body.at("/blocks/2/elements")).hasSize(25);
        assertThat(body.at("/blocks/2/elements/0/text/text").asText()).hasSize(75);
    }

    @Test
    void deliver_slackAnswers404_failsWithChannelAndStatusOnly() {
        // GIVEN a revoked webhook (Slack answers 404 no_service)
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        // WHEN / THEN the message names the channel and the status, never the secret URL or the body
        assertThatThrownBy(() -> channel.deliver("U012ABCDEF", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: HTTP 404")
                .hasNoCause();
    }

    @Test
    void deliver_slackAnswers500_failsWithStatus() {
        // GIVEN Slack has trouble
        slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(500)));
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("U012ABCDEF", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: HTTP 500");
    }

    @Test
    void deliver_secretUnreadable_failsWithoutTheCause() {
        // GIVEN the webhook URL's secret cannot be read
        SlackChannel broken = new SlackChannel(() -> {
            throw new IllegalStateException("arn:aws:secretsmanager:...:secret:slack-hook is gone");
        }, Fixtures.http());
        // WHEN / THEN
        assertThatThrownBy(() -> broken.deliver("U012ABCDEF", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("slack: its secret could not be read (IllegalStateException)");
    }

    @Test
    void addressOf_slackUserId_thatId() {
        // GIVEN / WHEN / THEN the approver's Slack handle
        assertThat(channel.addressOf(Fixtures.alice())).contains("U012ABCDEF");
        assertThat(channel.name()).isEqualTo("slack");
    }

    @Test
    void addressOf_noHandleOrMarkup_empty() {
        // GIVEN no handle, and a handle that would inject a channel-wide mention
        Approver sneaky = new Approver("eve", "Eve", Set.of(Role.SRE), Map.of("slack", "U1> <!channel"));
        // WHEN / THEN neither is reachable on Slack
        assertThat(channel.addressOf(Fixtures.nobody())).isEmpty();
        assertThat(channel.addressOf(sneaky)).isEmpty();
    }
}
