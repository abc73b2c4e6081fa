package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
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
import io.awoooi.core.notify.MessageGoneException;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationFailedException;
import io.awoooi.core.notify.Notifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages updated in place, against WireMock stubs of the providers' APIs: the exact calls (method,
 * path, the stored ids, the new content) for Slack's Web API (chat.postMessage, chat.update),
 * Telegram (sendMessage, editMessageText) and a Discord webhook (?wait=true, PATCH
 * /messages/{id}); a message that is gone is posted anew; an incoming Slack webhook cannot edit.
 */
class MessagesInPlaceProvidersTest {
    private static final String BOT = "xoxb-1234-5678-abcdefABCDEF";
    private static final String TELEGRAM = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String DISCORD_PATH = "/api/webhooks/111/tok-en";
    private static WireMockServer api;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    private static void answer(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String body) {
        api.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    private static List<LoggedRequest> requests() {
        return api.findAll(anyRequestedFor(anyUrl()));
    }

    private static Notification signed() {
        return new Notification("signed", Fixtures.INCIDENT, "[AWOOOI] alice (devops) approved: restart pod db-0",
                "alice (devops) approved Restart pod db-0 in shop.\nStill needed: 1 more approval", List.of());
    }

    // ---------------------------------------------------------------- Slack (Web API with a bot token)

    private SlackChannel slackBot() {
        return SlackChannel.withBotToken(() -> BOT, api.baseUrl() + "/api/", Optional.empty(), Fixtures.http());
    }

    @Test
    void slackBot_post_chatPostMessageToTheUsersDmWithTheTokenAnswersChannelAndTs() {
        // GIVEN Slack accepts the message
        answer(post(urlEqualTo("/api/chat.postMessage")), 200,
                "{\"ok\":true,\"channel\":\"D0123ABC\",\"ts\":\"1700000000.000100\",\"message\":{}}");

        // WHEN the request card is posted to alice
        Optional<String> ref = slackBot().post("U123ALICE", Fixtures.carded());

        // THEN one chat.postMessage with the bot token, to her user id (her DM), with the Block Kit card
        assertThat(ref).hasValue("D0123ABC/1700000000.000100");
        LoggedRequest call = Fixtures.onlyRequest(api);
        assertThat(call.getMethod().getName()).isEqualTo("POST");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + BOT);
        JsonNode body = Fixtures.json(call);
        assertThat(body.path("channel").asText()).isEqualTo("U123ALICE");
        assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
        assertThat(body.toString()).contains("Approve & execute").doesNotContain(BOT);
    }

    @Test
    void slackBot_edit_chatUpdateOfTheStoredChannelAndTsWithTheNewBlocks() {
        // GIVEN Slack accepts the update
        answer(post(urlEqualTo("/api/chat.update")), 200,
                "{\"ok\":true,\"channel\":\"D0123ABC\",\"ts\":\"1700000000.000100\"}");

        // WHEN alice's message is edited with the news
        slackBot().edit("U123ALICE", "D0123ABC/1700000000.000100", signed());

        // THEN exactly one chat.update naming that channel and ts, with the new text and no buttons
        LoggedRequest call = Fixtures.onlyRequest(api);
        assertThat(call.getUrl()).isEqualTo("/api/chat.update");
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + BOT);
        JsonNode body = Fixtures.json(call);
        assertThat(body.path("channel").asText()).isEqualTo("D0123ABC");
        assertThat(body.path("ts").asText()).isEqualTo("1700000000.000100");
        assertThat(body.path("text").asText()).isEqualTo("[AWOOOI] alice (devops) approved: restart pod db-0");
        assertThat(body.toString()).contains("Still needed: 1 more approval").doesNotContain("\"actions\"");
    }

    @Test
    void slackBot_editOfADeletedMessage_isGone_otherErrorsFailWithoutTheToken() {
        answer(post(urlEqualTo("/api/chat.update")), 200, "{\"ok\":false,\"error\":\"message_not_found\"}");
        assertThatThrownBy(() -> slackBot().edit("U1", "D0123ABC/1700000000.000100", signed()))
                .isInstanceOf(MessageGoneException.class);
        api.resetAll();
        answer(post(urlEqualTo("/api/chat.postMessage")), 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
        assertThatThrownBy(() -> slackBot().post("U1", signed())).isInstanceOf(NotificationFailedException.class)
                .isNotInstanceOf(MessageGoneException.class).hasMessageContaining("invalid_auth")
                .hasMessageNotContaining(BOT);
    }

    @Test
    void slackBot_configuredChannel_postsThereWithTheMention() {
        answer(post(urlEqualTo("/api/chat.postMessage")), 200,
                "{\"ok\":true,\"channel\":\"C0OPS\",\"ts\":\"1700000001.000200\"}");
        Optional<String> ref = SlackChannel.withBotToken(() -> BOT, api.baseUrl() + "/api", Optional.of("C0OPS"),
                Fixtures.http()).post("U123ALICE", signed());
        assertThat(ref).hasValue("C0OPS/1700000001.000200");
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(api));
        assertThat(body.path("channel").asText()).isEqualTo("C0OPS");
        assertThat(body.toString()).contains("<@U123ALICE>");
    }

    @Test
    void slackWebhook_post_noReference_editUnsupported() {
        answer(post(urlEqualTo("/hooks/T1/B1/x")), 200, "ok");
        SlackChannel webhook = new SlackChannel(() -> api.baseUrl() + "/hooks/T1/B1/x", Fixtures.http());
        assertThat(webhook.post("U1", signed())).isEmpty();
        assertThatThrownBy(() -> webhook.edit("U1", "D1/1.1", signed()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- Telegram

    private TelegramChannel telegram() {
        return new TelegramChannel(() -> TELEGRAM, api.baseUrl(), Fixtures.http());
    }

    @Test
    void telegram_post_answersChatIdAndMessageId_editIsEditMessageTextOfThem() {
        // GIVEN Telegram accepts the message, then its edit
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/sendMessage")), 200,
                "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":456789,\"type\":\"private\"}}}");
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/editMessageText")), 200,
                "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":456789}}}");

        // WHEN the card is posted and later edited with the news
        Optional<String> ref = telegram().post("456789", Fixtures.carded());
        telegram().edit("456789", ref.orElseThrow(), signed());

        // THEN the reference is chat/message; the edit names both, carries the new text and drops the keyboard
        assertThat(ref).hasValue("456789/42");
        List<LoggedRequest> calls = requests();
        assertThat(calls).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrder(
                "/bot" + TELEGRAM + "/sendMessage",
                "/bot" + TELEGRAM + "/editMessageText");
        JsonNode edit = Fixtures.json(calls.stream().filter(c -> c.getUrl().endsWith("/editMessageText")).findFirst()
                .orElseThrow());
        assertThat(edit.path("chat_id").asLong()).isEqualTo(456789L);
        assertThat(edit.path("message_id").asLong()).isEqualTo(42L);
        assertThat(edit.path("text").asText()).startsWith("[AWOOOI] alice (devops) approved").contains("Still needed");
        assertThat(edit.has("reply_markup")).isFalse();
    }

    @Test
    void telegram_edit_notModifiedIsDone_notFoundIsGone_otherFailures() {
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/editMessageText")), 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is not modified\"}");
        telegram().edit("456789", "456789/42", signed());
        api.resetAll();
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/editMessageText")), 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message to edit not found\"}");
        assertThatThrownBy(() -> telegram().edit("456789", "456789/42", signed()))
                .isInstanceOf(MessageGoneException.class);
        api.resetAll();
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/editMessageText")), 429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\"}");
        assertThatThrownBy(() -> telegram().edit("456789", "456789/42", signed()))
                .isInstanceOf(NotificationFailedException.class).isNotInstanceOf(MessageGoneException.class)
                .hasMessageContaining("429").hasMessageNotContaining(TELEGRAM);
    }

    // ---------------------------------------------------------------- Discord

    private DiscordChannel discord(String query) {
        return new DiscordChannel(() -> api.baseUrl() + DISCORD_PATH + query, Fixtures.http());
    }

    @Test
    void discord_postWithWait_answersTheMessageId_editPatchesThatMessage() {
        // GIVEN Discord answers the message (wait=true) and accepts its edit
        answer(post(urlEqualTo(DISCORD_PATH + "?wait=true")), 200, "{\"id\":\"1180000000000000042\",\"type\":0}");
        answer(patch(urlEqualTo(DISCORD_PATH + "/messages/1180000000000000042")), 200,
                "{\"id\":\"1180000000000000042\"}");

        // WHEN the card is posted and later edited
        Optional<String> ref = discord("").post("80351110224678912", Fixtures.carded());
        discord("").edit("80351110224678912", ref.orElseThrow(), signed());

        // THEN the first post waited for the message; the edit is one PATCH of it with the new embed
        assertThat(ref).hasValue("1180000000000000042");
        List<LoggedRequest> calls = requests();
        assertThat(calls).extracting(c -> c.getMethod().getName() + " " + c.getUrl()).containsExactlyInAnyOrder(
                "POST " + DISCORD_PATH + "?wait=true", "PATCH " + DISCORD_PATH + "/messages/1180000000000000042");
        JsonNode edit = Fixtures.json(calls.stream().filter(c -> c.getMethod().getName().equals("PATCH")).findFirst()
                .orElseThrow());
        assertThat(edit.path("embeds").get(0).path("description").asText()).contains("Still needed");
        assertThat(edit.path("allowed_mentions").path("users").get(0).asText()).isEqualTo("80351110224678912");
    }

    @Test
    void discord_threadWebhook_editKeepsTheThread_deletedMessageIsGone() {
        answer(patch(urlEqualTo(DISCORD_PATH + "/messages/77?thread_id=99")), 404, "{\"message\":\"Unknown Message\"}");
        assertThatThrownBy(() -> discord("?thread_id=99").edit("1", "77", signed()))
                .isInstanceOf(MessageGoneException.class);
        api.verify(1, com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlEqualTo(DISCORD_PATH + "/messages/77?thread_id=99")));
    }

    // ---------------------------------------------------------------- the notifier between them

    @Test
    void notifier_storedTelegramMessageGone_postsANewOneAndAnswersItsReference() {
        // GIVEN alice's stored Telegram message was deleted
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/editMessageText")), 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message to edit not found\"}");
        answer(post(urlEqualTo("/bot" + TELEGRAM + "/sendMessage")), 200,
                "{\"ok\":true,\"result\":{\"message_id\":43,\"chat\":{\"id\":456789}}}");
        Approver alice = new Approver("alice", "Alice", Set.of(Role.DEVOPS), Map.of("telegram", "456789"));

        // WHEN the news is sent with that reference
        var deliveries = new Notifier(List.of(telegram())).send(alice, signed(), Map.of("telegram", "456789/42"),
                c -> signed());

        // THEN it tried the edit, then posted, and answers the new message's reference
        assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrder(
                "/bot" + TELEGRAM + "/editMessageText", "/bot" + TELEGRAM + "/sendMessage");
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.delivered()).isTrue();
            assertThat(d.edited()).isFalse();
            assertThat(d.ref()).hasValue("456789/43");
        });
    }
}
