package io.awoooi.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.NotificationChannel;
import io.awoooi.core.notify.Notifier;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Labels only: what goes out is what the notification holds (pseudonymized labels, ids, links),
 * verbatim, and nothing else: no environment value, no other handle of the approver, no secret
 * URL, neither in the requests nor in the failures.
 */
class LabelsOnlyTest {
    private static final String SECRET = "SECRETPART0123456789";
    private static final String TOKEN = "110201543:" + SECRET;
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
    }

    private List<NotificationChannel> everyChannel() {
        String base = server.baseUrl();
        return List.of(
                new SlackChannel(() -> base + "/slack/" + SECRET, Fixtures.http()),
                new DiscordChannel(() -> base + "/discord/" + SECRET, Fixtures.http()),
                new EmailChannel("awoooi@example.com",
                        () -> EmailChannel.sesClient(Optional.of(URI.create(base)), Optional.of(Region.US_EAST_1))),
                new TelegramChannel(() -> TOKEN, base, Fixtures.http()),
                new WebhookChannel(() -> base + "/hook/" + SECRET, Fixtures.http()),
                new OutboxChannel(base + "/local/outbox", Fixtures.http()));
    }

    @Test
    void send_labelledNotificationEverywhere_labelsVerbatimNothingAdded() throws Exception {
        // GIVEN every channel answers as its service does
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"MessageId\":\"m\"}")));
        Notification n = Fixtures.labelled();
        // WHEN alice is notified on all of them
        List<Notifier.Delivery> deliveries = new Notifier(everyChannel()).send(Fixtures.alice(), n);
        // THEN all six delivered
        assertThat(deliveries).extracting(Notifier.Delivery::channel)
                .containsExactly("slack", "discord", "email", "telegram", "webhook", "outbox");
        assertThat(deliveries).allMatch(Notifier.Delivery::delivered);
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(6);
        // the webhook and the outbox carry exactly the notification, nothing more
        JsonNode hook = body(requests, "/hook/");
        assertThat(hook).isEqualTo(JsonHttp.JSON.readTree("""
                {"kind":"approval_requested","incidentId":"%s","recipient":"alice",
                 "subject":%s,"text":%s,
                 "links":[{"label":"Approve","url":"%s"},{"label":"Reject","url":"%s"}]}"""
                .formatted(Fixtures.INCIDENT, quote(n.subject()), quote(n.text()), Fixtures.APPROVE_URL,
                        Fixtures.REJECT_URL)));
        JsonNode outbox = body(requests, "/local/outbox");
        ((com.fasterxml.jackson.databind.node.ObjectNode) outbox).remove("channel");
        assertThat(outbox).isEqualTo(hook);
        // the labels arrive as labels in the plain-text channels
        for (String path : List.of("/slack/", "/bot", "/v2/email/")) {
            assertThat(raw(requests, path)).contains("[IP_1]", "[EMAIL_1]");
        }
        for (LoggedRequest request : requests) {
            String sent = request.getBodyAsString();
            // no value of the environment the test runs in (paths, user names, tokens, ...)
            System.getenv().values().stream().filter(v -> v.length() >= 8)
                    .forEach(v -> assertThat(sent).as("environment value in %s", request.getUrl()).doesNotContain(v));
            // no secret and no handle of another channel
            assertThat(sent).doesNotContain(SECRET, "AKIDTEST", "test-secret");
            if (!request.getUrl().startsWith("/v2/email/")) {
                assertThat(sent).doesNotContain("alice@example.com");
            }
            if (!request.getUrl().startsWith("/slack/")) {
                assertThat(sent).doesNotContain("U012ABCDEF");
            }
            if (!request.getUrl().startsWith("/bot")) {
                assertThat(sent).doesNotContain("456789\"");
            }
        }
    }

    @Test
    void send_cardedNotificationEverywhere_labelsAsLabelsNoSecretNoOtherHandle() {
        // GIVEN every channel answers as its service does, and a notification with a card
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"MessageId\":\"m\"}")));
        // WHEN alice is notified on all channels
        List<Notifier.Delivery> deliveries = new Notifier(everyChannel()).send(Fixtures.alice(), Fixtures.carded());
        // THEN every channel delivered its richer format, with the label as it is and nothing more
        assertThat(deliveries).hasSize(6).allMatch(Notifier.Delivery::delivered);
        for (LoggedRequest request : server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .anyRequestedFor(anyUrl()))) {
            String sent = request.getBodyAsString();
            // (Discord's markdown escapes show the label as it is: \\[IP\\_1\\] reads [IP_1])
            assertThat(sent.replace("\\", "")).as(request.getUrl()).contains("[IP_1]");
            assertThat(sent).doesNotContain(SECRET, "AKIDTEST", "test-secret");
            System.getenv().values().stream().filter(v -> v.length() >= 8)
                    .forEach(v -> assertThat(sent).as("environment value in %s", request.getUrl()).doesNotContain(v));
            if (!request.getUrl().startsWith("/v2/email/")) {
                assertThat(sent).doesNotContain("alice@example.com");
            }
        }
    }

    @Test
    void send_everyServiceFails_errorsNameNoUrlNoToken() {
        // GIVEN every service answers 500
        server.stubFor(post(urlPathMatching(".*")).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"" + SECRET + " failed for alice@example.com\"}")));
        // WHEN
        List<Notifier.Delivery> deliveries = new Notifier(everyChannel()).send(Fixtures.alice(), Fixtures.labelled());
        // THEN each failure says channel and status, and nothing of the URL, the token or the answer
        assertThat(deliveries).hasSize(6).noneMatch(Notifier.Delivery::delivered);
        for (Notifier.Delivery d : deliveries) {
            assertThat(d.error()).contains(d.channel() + ": HTTP 500")
                    .doesNotContain(SECRET, server.baseUrl(), "127.0.0.1", "localhost", "alice@example.com");
        }
    }

    private static JsonNode body(List<LoggedRequest> requests, String pathPrefix) throws Exception {
        return JsonHttp.JSON.readTree(raw(requests, pathPrefix));
    }

    private static String raw(List<LoggedRequest> requests, String pathPrefix) {
        return requests.stream().filter(r -> r.getUrl().startsWith(pathPrefix)).findFirst().orElseThrow()
                .getBodyAsString();
    }

    private static String quote(String s) throws Exception {
        return JsonHttp.JSON.writeValueAsString(s);
    }
}
