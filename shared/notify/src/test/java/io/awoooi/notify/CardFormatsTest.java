package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.awoooi.core.notify.Notification;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * A notification with a card, as each channel sends it (WireMock plays every service): each uses its
 * richer features (Slack fields and button styles, a coloured Discord embed with fields and a
 * timestamp, HTML mail with coloured buttons, Telegram HTML, the card as JSON in the webhook), and
 * every text stays escaped for its format.
 */
class CardFormatsTest {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterAll
    static void stop() {
        server.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"MessageId\":\"m\",\"id\":\"1\"}")));
    }

    private static final Notification N = Fixtures.carded();

    @Test
    void slack_card_headerFieldsSectionsStyledButtonsAndContext() {
        // WHEN
        new SlackChannel(() -> server.baseUrl() + "/slack", Fixtures.http()).deliver("U012ABCDEF", N);
        // THEN Block Kit: header, the mention with fields, one section each, styled buttons, links in a context
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(server));
        assertThat(body.at("/text").asText()).isEqualTo(SlackChannel.escape(N.subject()));
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("frontend 5xx rate > 15% on [IP_1]");
        assertThat(body.at("/blocks/1/text/text").asText()).startsWith("<@U012ABCDEF> [AWOOOI] HIGH: frontend 5xx"
                + " rate &gt; 15%");
        assertThat(body.at("/blocks/1/fields")).hasSize(3);
        assertThat(body.at("/blocks/1/fields/1/type").asText()).isEqualTo("mrkdwn");
        assertThat(body.at("/blocks/1/fields/1/text").asText()).isEqualTo("*Risk*\nHIGH (catalog: LOW)");
        assertThat(body.at("/blocks/2/text/text").asText()).isEqualTo(":warning: *Dry-run warnings: signing accepts"
                + " them*\n• blast radius: 5 services depend on the target (large from 5)");
        assertThat(body.at("/blocks/3/text/text").asText()).isEqualTo("*Action*\n• Restart pod postgres-db-0 in shop");
        assertThat(body.at("/blocks/4/text/text").asText()).isEqualTo("*Approvals*\n:white_check_mark: alice (devops)"
                + " approved at 02:59 UTC\n:white_large_square: bob (sre)");
        assertThat(body.at("/blocks/5/type").asText()).isEqualTo("actions");
        assertThat(body.at("/blocks/5/elements/0/text/text").asText()).isEqualTo("Approve & execute");
        assertThat(body.at("/blocks/5/elements/0/style").asText()).isEqualTo("primary");
        assertThat(body.at("/blocks/5/elements/0/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(body.at("/blocks/5/elements/1/style").asText()).isEqualTo("danger");
        assertThat(body.at("/blocks/5/elements/1/url").asText()).isEqualTo(Fixtures.REJECT_URL + "#reject");
        assertThat(body.at("/blocks/6/type").asText()).isEqualTo("context");
        assertThat(body.at("/blocks/6/elements/0/text").asText())
                .isEqualTo("<https://runbooks.example/5xx?a=1%7Cb|Runbook>");
        assertThat(body.at("/blocks/6/elements/1/text").asText()).startsWith("Chosen by the rules · incident ");
    }

    @Test
    void discord_card_colouredEmbedWithFieldsTimestampFooterAndLinks() {
        // WHEN
        new DiscordChannel(() -> server.baseUrl() + "/discord", Fixtures.http()).deliver("123456789012345678", N);
        // THEN one embed in the card's colour, linked to the page, with inline fields and the time
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(server));
        assertThat(body.at("/content").asText()).startsWith("<@123456789012345678> \\[AWOOOI\\] HIGH\\: frontend");
        JsonNode embed = body.at("/embeds/0");
        assertThat(embed.at("/title").asText()).isEqualTo("frontend 5xx rate \\> 15% on \\[IP\\_1\\]");
        assertThat(embed.at("/url").asText()).isEqualTo(Fixtures.APPROVE_URL);
        assertThat(embed.at("/color").asInt()).isEqualTo(0xB00020);
        assertThat(embed.at("/timestamp").asText()).isEqualTo("2026-11-25T03:00:00Z");
        assertThat(embed.at("/fields")).hasSize(3);
        assertThat(embed.at("/fields/1/name").asText()).isEqualTo("Risk");
        assertThat(embed.at("/fields/1/value").asText()).isEqualTo("HIGH \\(catalog\\: LOW\\)");
        assertThat(embed.at("/fields/1/inline").asBoolean()).isTrue();
        assertThat(embed.at("/footer/text").asText()).startsWith("Chosen by the rules · incident ");
        assertThat(embed.at("/description").asText())
                .startsWith("⚠️ **Dry-run warnings\\: signing accepts them**\n• blast radius")
                .contains("**Approvals**\n✅ alice \\(devops\\) approved at 02\\:59 UTC\n⬜ bob \\(sre\\)")
                .endsWith(
                        "\n\n**[Approve & execute](" + Fixtures.APPROVE_URL + ")** · **[Reject](" + Fixtures.REJECT_URL
                                + "#reject)** · [Runbook](https://runbooks.example/5xx?a=1|b)");
        assertThat(body.at("/allowed_mentions/users/0").asText()).isEqualTo("123456789012345678");
    }

    @Test
    void email_card_htmlWithColourBarFactsWarningBoxAndColouredButtons() {
        // WHEN
        new EmailChannel("awoooi@example.com",
                () -> EmailChannel.sesClient(Optional.of(URI.create(server.baseUrl())), Optional.of(Region.EU_WEST_1)))
                .deliver("alice@example.com", N);
        // THEN the HTML part is the card, escaped; the text part is its text and the links
        JsonNode simple = Fixtures.json(Fixtures.onlyRequest(server)).at("/Content/Simple");
        assertThat(simple.at("/Subject/Data").asText()).isEqualTo(N.subject());
        String html = simple.at("/Body/Html/Data").asText();
        assertThat(html).contains("border-top:6px solid #b00020")
                .contains(">frontend 5xx rate &gt; 15% on [IP_1]</h2>")
                .contains(">Risk</td><td style=\"padding:2px 0;font-weight:600\">HIGH (catalog: LOW)</td>")
                .contains("background:#fff4e5").contains("&#9888; Dry-run warnings: signing accepts them")
                .contains(
                        "background:#2e7d32;color:#ffffff;text-decoration:none;font-weight:600\">Approve &amp; execute</a>")
                .contains("background:#b00020;color:#ffffff;text-decoration:none;font-weight:600\">Reject</a>")
                .contains("<a href=\"https://runbooks.example/5xx?a=1|b\"")
                .doesNotContain("> 15%");
        assertThat(simple.at("/Body/Text/Data").asText()).startsWith(N.text())
                .contains("Approve & execute: " + Fixtures.APPROVE_URL + "\n");
    }

    @Test
    void telegram_card_htmlParseModeBoldTitlesAndMarkedButtons() {
        // WHEN
        new TelegramChannel(() -> "110201543:SECRET", server.baseUrl(), Fixtures.http()).deliver("456789", N);
        // THEN HTML parse mode, escaped text, bold titles, the buttons marked go and stop
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(server));
        assertThat(body.at("/parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.at("/text").asText()).startsWith("<b>frontend 5xx rate &gt; 15% on [IP_1]</b>\n\n"
                + "<b>Severity:</b> critical\n<b>Risk:</b> HIGH (catalog: LOW)\n")
                .contains("⚠️ <b>Dry-run warnings: signing accepts them</b>\n• blast radius")
                .contains("✅ alice (devops) approved at 02:59 UTC\n⬜ bob (sre)")
                .contains("<a href=\"https://runbooks.example/5xx?a=1|b\">Runbook</a>");
        assertThat(body.at("/reply_markup/inline_keyboard/0/0/text").asText()).isEqualTo("✅ Approve & execute");
        assertThat(body.at("/reply_markup/inline_keyboard/1/0/text").asText()).isEqualTo("⛔ Reject");
        assertThat(body.at("/reply_markup/inline_keyboard/1/0/url").asText())
                .isEqualTo(Fixtures.REJECT_URL + "#reject");
    }

    @Test
    void webhook_card_structuredBesideTheText() {
        // WHEN
        new WebhookChannel(() -> server.baseUrl() + "/hook", Fixtures.http()).deliver("alice", N);
        // THEN the document is the text notification plus the card with its structure
        JsonNode body = Fixtures.json(Fixtures.onlyRequest(server));
        assertThat(body.at("/text").asText()).isEqualTo(N.text());
        assertThat(body.at("/links/0/label").asText()).isEqualTo("Approve & execute");
        assertThat(body.at("/card/tone").asText()).isEqualTo("danger");
        assertThat(body.at("/card/colour").asText()).isEqualTo("#b00020");
        assertThat(body.at("/card/title").asText()).isEqualTo("frontend 5xx rate > 15% on [IP_1]");
        assertThat(body.at("/card/facts/1/label").asText()).isEqualTo("Risk");
        assertThat(body.at("/card/sections/0/warning").asBoolean()).isTrue();
        assertThat(body.at("/card/sections/2/lines/0").asText()).isEqualTo("[x] alice (devops) approved at 02:59 UTC");
        assertThat(body.at("/card/buttons/1/style").asText()).isEqualTo("danger");
        assertThat(body.at("/card/references/0/url").asText()).isEqualTo("https://runbooks.example/5xx?a=1|b");
        assertThat(body.at("/card/at").asText()).isEqualTo("2026-11-25T03:00:00Z");
    }

    @Test
    void discordAndTelegram_hugeCard_withinTheirLimitsAndButtonsKept() {
        // GIVEN a card with very long sections
        io.awoooi.core.notify.Card big = new io.awoooi.core.notify.Card(io.awoooi.core.notify.Card.Tone.INFO,
                "t".repeat(400), java.util.List.of(new io.awoooi.core.notify.Card.Fact("F", "v".repeat(3000))),
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> io.awoooi.core.notify.Card.Section.of("S" + i,
                        java.util.List.of("<x> ".repeat(200)))).toList(),
                N.card().orElseThrow().buttons(), java.util.List.of(), "f".repeat(3000), Fixtures.AT);
        Notification n = Notification.of("k", Fixtures.INCIDENT, "s", big);
        // WHEN
        new DiscordChannel(() -> server.baseUrl() + "/discord", Fixtures.http()).deliver("1234", n);
        new TelegramChannel(() -> "1:X", server.baseUrl(), Fixtures.http()).deliver("456789", n);
        // THEN Discord's embed stays within 6000 characters with its links; Telegram within 4096, tags closed
        var requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        JsonNode embed = requests.stream().filter(r -> r.getUrl().startsWith("/discord")).map(Fixtures::json)
                .findFirst().orElseThrow().at("/embeds/0");
        int total = embed.at("/title").asText().length() + embed.at("/description").asText().length()
                + embed.at("/footer/text").asText().length() + embed.at("/fields/0/name").asText().length()
                + embed.at("/fields/0/value").asText().length();
        assertThat(total).isLessThanOrEqualTo(6000);
        assertThat(embed.at("/description").asText()).endsWith("#reject)**");
        String text = requests.stream().filter(r -> r.getUrl().startsWith("/bot")).map(Fixtures::json)
                .findFirst().orElseThrow().at("/text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text.split("<b>", -1).length).isEqualTo(text.split("</b>", -1).length);
    }
}
