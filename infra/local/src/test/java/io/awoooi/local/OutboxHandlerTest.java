package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import io.awoooi.core.notify.Notifier;
import io.awoooi.notify.NotificationChannels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET and POST /local/outbox on the API gateway, without the rest of the stack. */
class OutboxHandlerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final Outbox outbox = new Outbox();
    private final List<String> statusLines = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpApiGateway gateway;
    private URI outboxUrl;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = HttpApiGateway.bind(0);
        gateway.serveLocal(OutboxHandler.PATH,
                new OutboxHandler(outbox, statusLines::add, Clock.fixed(NOW, ZoneOffset.UTC)));
        gateway.start(new RouteTable(List.of(new HttpRoute("GET", "/v1/incidents", "ApprovalFunction"))), id -> null,
                line -> {
                });
        outboxUrl = gateway.url().resolve(OutboxHandler.PATH);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(outboxUrl).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void get_emptyOutbox_emptyArray() throws Exception {
        // GIVEN nothing sent / WHEN / THEN
        HttpResponse<String> response = get(outboxUrl);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void postThenGet_functionsOutboxChannel_capturedOncePerApproverInOrder() throws Exception {
        // GIVEN the channels a function builds from the environment the local stack gives it
        Notifier notifier = new Notifier(NotificationChannels.fromEnvironment(
                Map.of("AWOOOI_LOCAL_OUTBOX_URL", outboxUrl.toString())));
        Approver alice = new Approver("alice", "Alice", Set.of(Role.DEVOPS),
                Map.of("slack", "U1", "email", "alice@example.com"));
        Approver bob = new Approver("bob", "Bob", Set.of(Role.SRE), Map.of());
        Notification n = new Notification("approval_requested", "inc_01", "Approve restart on [IP_1]?",
                "Owner [EMAIL_1] was paged.",
                List.of(new Link("Review and decide", gateway.url() + "/approve/inc_01?t=x")));
        // WHEN both approvers are notified
        assertThat(notifier.send(alice, n)).singleElement().matches(Notifier.Delivery::delivered);
        assertThat(notifier.send(bob, n)).singleElement().matches(Notifier.Delivery::delivered);
        // THEN GET lists one message per approver, in order, with the links to follow
        HttpResponse<String> response = get(outboxUrl);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = Json.parse(response.body());
        assertThat(list).hasSize(2);
        assertThat(list.at("/0")).isEqualTo(Json.parse("""
                {"channel":"outbox","recipient":"alice","subject":"Approve restart on [IP_1]?",
                 "text":"Owner [EMAIL_1] was paged.",
                 "links":[{"label":"Review and decide","url":"%s/approve/inc_01?t=x"}],
                 "kind":"approval_requested","incidentId":"inc_01","at":"2025-06-01T12:00:00Z"}"""
                .formatted(gateway.url())));
        assertThat(list.at("/1/recipient").asText()).isEqualTo("bob");
        assertThat(outbox.messages()).hasSize(2);
        assertThat(statusLines).containsExactly(
                "outbox: approval_requested about inc_01 for alice (GET /local/outbox)",
                "outbox: approval_requested about inc_01 for bob (GET /local/outbox)");
    }

    @Test
    void post_notANotification_400NamingTheField() throws Exception {
        // GIVEN a document without a recipient / WHEN posted / THEN 400, nothing captured
        HttpResponse<String> response = send("POST",
                "{\"kind\":\"k\",\"incidentId\":\"i\",\"subject\":\"s\",\"text\":\"t\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).at("/message").asText()).isEqualTo("recipient must be a string");
        assertThat(send("POST", "not json").statusCode()).isEqualTo(400);
        assertThat(outbox.size()).isZero();
    }

    @Test
    void post_overOneMebibyte_413() throws Exception {
        // GIVEN a body over 1 MiB / WHEN / THEN refused
        assertThat(send("POST", "{\"text\":\"" + "x".repeat(OutboxHandler.MAX_BODY_BYTES) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(outbox.size()).isZero();
    }

    @Test
    void delete_otherMethod_405WithAllow() throws Exception {
        // GIVEN / WHEN a DELETE / THEN 405 and the allowed methods
        HttpResponse<String> response = send("DELETE", "");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, POST");
    }

    @Test
    void get_pathBelowTheOutbox_404() throws Exception {
        // GIVEN / WHEN a path under /local/outbox / THEN not found (only the exact path is served)
        assertThat(get(gateway.url().resolve("/local/outbox/1")).statusCode()).isEqualTo(404);
    }

    @Test
    void get_templateRoutesAndUnknownPaths_stillTheGateways() throws Exception {
        // GIVEN the outbox beside a template route / WHEN other paths are asked / THEN the gateway answers them
        assertThat(get(gateway.url().resolve("/local/other")).statusCode()).isEqualTo(404);
        // the route exists but its function has no host here: the gateway's own 500, not the outbox
        assertThat(get(gateway.url().resolve("/v1/incidents")).statusCode()).isEqualTo(500);
    }
}
