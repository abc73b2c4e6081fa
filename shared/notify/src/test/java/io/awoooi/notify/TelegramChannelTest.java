package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Telegram adapter against a WireMock Bot API server. */
class TelegramChannelTest {
    private static final String TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String SEND_MESSAGE = "/bot" + TOKEN + "/sendMessage";
    private static WireMockServer telegram;
    private TelegramChannel channel;

    @BeforeAll
    static void start() {
        telegram = new WireMockServer(options().dynamicPort());
        telegram.start();
    }

    @AfterAll
    static void stop() {
        telegram.stop();
    }

    @BeforeEach
    void setUp() {
        telegram.resetAll();
        channel = new TelegramChannel(() -> TOKEN, telegram.baseUrl() + "/", Fixtures.http());
    }

    private void telegramAnswers(int status, String body) {
        telegram.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void deliver_labelledNotification_plainTextAndInlineKeyboardOfUrls() {
        // GIVEN Telegram accepts
        telegramAnswers(200, "{\"ok\":true,\"result\":{\"message_id\":7}}");
        // WHEN
        channel.deliver("456789", Fixtures.labelled());
        // THEN chat id, subject and text as plain text, one URL button per row
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(telegram));
        assertThat(body.at("/chat_id").asText()).isEqualTo("456789");
        assertThat(body.at("/text").asText())
                .isEqualTo(Fixtures.labelled().subject() + "\n\n" + Fixtures.labelled().text());
        assertThat(body.has("parse_mode")).isFalse();
        JsonNode keyboard = body.at("/reply_markup/inline_keyboard");
        assertThat(keyboard).hasSize(2);
        assertThat(keyboard.at("/0")).hasSize(1);
        assertThat(keyboard.at("/0/0/text").asText()).isEqualTo("Approve");
        assertThat(keyboard.at("/0/0/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(keyboard.at("/1/0/text").asText()).isEqualTo("Reject");
        assertThat(keyboard.at("/1/0/url").asText()).isEqualTo(Fixtures.REJECT_URL);
    }

    @Test
    void deliver_noLinks_noReplyMarkup() {
        // GIVEN a notification without links
        telegramAnswers(200, "{\"ok\":true,\"result\":{}}");
        // WHEN
        channel.deliver("-100123", new Notification("cancelled", Fixtures.INCIDENT, "s", "t", List.of()));
        // THEN no keyboard (an empty one is refused)
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(telegram));
        assertThat(body.has("reply_markup")).isFalse();
        assertThat(body.at("/chat_id").asText()).isEqualTo("-100123");
    }

    @Test
    void deliver_okFalseWith200_failsWithErrorCodeNeverTheToken() {
        // GIVEN an answer of 200 that is still a refusal
        telegramAnswers(200,
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("456789", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("telegram: HTTP 200 without ok=true (error_code 403)")
                .hasNoCause();
    }

    @Test
    void deliver_badRequest_failsWithStatusNeverTheTokenOrDescription() {
        // GIVEN Telegram answers 400 ok:false (chat not found)
        telegramAnswers(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("456789", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("telegram: HTTP 400")
                .hasNoCause();
    }

    @Test
    void deliver_answerNotJson_fails() {
        // GIVEN a proxy's HTML page with 200
        telegram.stubFor(
                post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(200).withBody("<html>hi</html>")));
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("456789", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("telegram: HTTP 200 without ok=true");
    }

    @Test
    void deliver_unreachable_failsWithoutTheToken() {
        // GIVEN the Bot API is unreachable
        TelegramChannel unreachable = new TelegramChannel(() -> TOKEN, "http://127.0.0.1:" + Fixtures.closedPort(),
                Fixtures.http());
        // WHEN / THEN the message has neither the token nor the URL
        assertThatThrownBy(() -> unreachable.deliver("456789", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageStartingWith("telegram: connection failed")
                .hasNoCause()
                .message().doesNotContain(TOKEN).doesNotContain("127.0.0.1");
    }

    @Test
    void deliver_tokenBreaksTheUrl_failsWithoutEchoingIt() {
        // GIVEN a token with characters no URL path may hold
        TelegramChannel broken = new TelegramChannel(() -> "12:ab cd\"<>", telegram.baseUrl(), Fixtures.http());
        // WHEN / THEN
        assertThatThrownBy(() -> broken.deliver("456789", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("telegram: the configured URL is not a usable http(s) URL");
    }

    @Test
    void addressOf_chatIdHandle_thatChat() {
        // GIVEN / WHEN / THEN
        assertThat(channel.addressOf(Fixtures.alice())).contains("456789");
        assertThat(channel.addressOf(Fixtures.nobody())).isEmpty();
        assertThat(channel.name()).isEqualTo("telegram");
    }
}
