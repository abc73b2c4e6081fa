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
import io.awoooi.core.notify.NotificationFailedException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The email adapter against WireMock standing in for the SES v2 endpoint (REST JSON). */
class EmailChannelTest {
    private static final String SEND_EMAIL = "/v2/email/outbound-emails";
    private static final String FROM = "AWOOOI <awoooi@example.com>";
    private static WireMockServer ses;
    private EmailChannel channel;

    @BeforeAll
    static void start() {
        ses = new WireMockServer(options().dynamicPort());
        ses.start();
        // the SDK's default credential chain reads these first; any signature is fine for WireMock
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterAll
    static void stop() {
        ses.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void setUp() {
        ses.resetAll();
        channel = new EmailChannel(FROM,
                () -> EmailChannel.sesClient(Optional.of(URI.create(ses.baseUrl())), Optional.of(Region.EU_WEST_1)));
    }

    @Test
    void deliver_labelledNotification_sendEmailWithSubjectTextAndEscapedHtml() {
        // GIVEN SES accepts the message
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"MessageId\":\"0100-abc\"}")));
        // WHEN
        channel.deliver("alice@example.com", Fixtures.labelled());
        // THEN one signed SendEmail call with a Simple message: subject, text part and HTML part
        LoggedRequest request = Fixtures.onlyRequest(ses);
        assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/eu-west-1/ses/");
        JsonNode body = Fixtures.json(request);
        assertThat(body.at("/FromEmailAddress").asText()).isEqualTo(FROM);
        assertThat(body.at("/Destination/ToAddresses")).hasSize(1);
        assertThat(body.at("/Destination/ToAddresses/0").asText()).isEqualTo("alice@example.com");
        JsonNode simple = body.at("/Content/Simple");
        assertThat(simple.at("/Subject/Data").asText())
                .isEqualTo("[AWOOOI] MEDIUM action needs your approval: restart_deployment");
        assertThat(simple.at("/Subject/Charset").asText()).isEqualTo("UTF-8");
        assertThat(simple.at("/Body/Text/Charset").asText()).isEqualTo("UTF-8");
        assertThat(simple.at("/Body/Html/Charset").asText()).isEqualTo("UTF-8");
        assertThat(simple.at("/Body/Text/Data").asText())
                .startsWith(Fixtures.labelled().text() + "\n\n")
                .contains("Approve: " + Fixtures.APPROVE_URL + "\n")
                .contains("Reject: " + Fixtures.REJECT_URL + "\n");
        String html = simple.at("/Body/Html/Data").asText();
        assertThat(html)
                .contains(
                        "<h2 style=\"font-size:18px\">[AWOOOI] MEDIUM action needs your approval: restart_deployment</h2>")
                .contains("Summary: checkout fails on [IP_1]; the owner [EMAIL_1] was paged.<br>")
                .contains("Risk: MEDIUM (a &lt;restart&gt; &amp; a rollout)")
                .contains("<a href=\"https://awoooi.example/approve?token=abc.def&amp;action=restart\"")
                .contains(">Approve</a>")
                .contains(">Reject</a>")
                .doesNotContain("<restart>");
    }

    @Test
    void deliver_markupInText_escapedInHtml() {
        // GIVEN a text and a label with markup in them
        ses.stubFor(
                post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(200).withBody("{\"MessageId\":\"m\"}")));
        var n = new io.awoooi.core.notify.Notification("k", Fixtures.INCIDENT, "<b>s</b>", "<script>x()</script>",
                java.util.List.of(new io.awoooi.core.notify.Link("\"><img src=x>", "https://a.example/?q=\"x\"")));
        // WHEN
        channel.deliver("alice@example.com", n);
        // THEN nothing of it is markup
        String html = Fixtures.json(Fixtures.onlyRequest(ses)).at("/Content/Simple/Body/Html/Data").asText();
        assertThat(html).contains("&lt;script&gt;x()&lt;/script&gt;", "&lt;b&gt;s&lt;/b&gt;",
                "&quot;&gt;&lt;img src=x&gt;", "href=\"https://a.example/?q=&quot;x&quot;\"");
        assertThat(html).doesNotContain("<script>", "<img", "<b>");
    }

    @Test
    void deliver_sesRejects_failsWithStatusAndErrorCodeNeverTheAddress() {
        // GIVEN SES refuses, quoting the address as it does
        ses.stubFor(post(urlEqualTo(SEND_EMAIL)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "MessageRejected")
                .withBody("{\"message\":\"Email address is not verified: alice@example.com\"}")));
        // WHEN / THEN
        assertThatThrownBy(() -> channel.deliver("alice@example.com", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("email: HTTP 400 (MessageRejected)")
                .hasNoCause();
    }

    @Test
    void deliver_sesUnreachable_failsAsConnectionError() {
        // GIVEN nothing listens where SES should be
        int port = Fixtures.closedPort();
        EmailChannel unreachable = new EmailChannel(FROM, () -> EmailChannel.sesClient(
                Optional.of(URI.create("http://127.0.0.1:" + port)), Optional.of(Region.EU_WEST_1)));
        // WHEN / THEN
        assertThatThrownBy(() -> unreachable.deliver("alice@example.com", Fixtures.labelled()))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessage("email: connection failed")
                .hasNoCause();
    }

    @Test
    void addressOf_emailHandle_onlyOneAddress() {
        // GIVEN alice's address, and a handle that tries to add a second recipient
        Approver sneaky = new Approver("eve", "Eve", Set.of(Role.SRE),
                Map.of("email", "eve@example.com, boss@example.com"));
        // WHEN / THEN
        assertThat(channel.addressOf(Fixtures.alice())).contains("alice@example.com");
        assertThat(channel.addressOf(sneaky)).isEmpty();
        assertThat(channel.addressOf(Fixtures.nobody())).isEmpty();
        assertThat(channel.name()).isEqualTo("email");
    }
}
