package io.awoooi.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import io.awoooi.core.notify.Link;
import io.awoooi.core.notify.Notification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the channel tests send, and how they read what arrived. */
final class Fixtures {
    static final String INCIDENT = "inc_01HZXK4Q2B7N8M9P0R1S2T3V4W";
    static final String APPROVE_URL = "https://awoooi.example/approve?token=abc.def&action=restart";
    static final String REJECT_URL = "https://awoooi.example/reject?token=abc.def";

    private Fixtures() {
    }

    static Approver alice() {
        return new Approver("alice", "Alice", Set.of(Role.DEVOPS), Map.of(
                "email", "alice@example.com", "slack", "U012ABCDEF", "discord", "123456789012345678",
                "telegram", "456789"));
    }

    static Approver nobody() {
        return new Approver("bob", "Bob", Set.of(Role.SRE), Map.of());
    }

    /** Built as the approval use case builds them: labels instead of values, ids, links. */
    static Notification labelled() {
        return new Notification("approval_requested", INCIDENT,
                "[AWOOOI] MEDIUM action needs your approval: restart_deployment",
                "Incident " + INCIDENT + " needs a decision.\n"
                        + "Summary: checkout fails on [IP_1]; the owner [EMAIL_1] was paged.\n"
                        + "Risk: MEDIUM (a <restart> & a rollout)",
                List.of(new Link("Approve", APPROVE_URL), new Link("Reject", REJECT_URL)));
    }

    /**
     * Timeouts far longer than any loaded machine needs for a local stub's answer, so no verdict
     * depends on the machine's speed (a test of the timeout itself meets a server that never answers).
     */
    static JsonHttp http() {
        return new JsonHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    static LoggedRequest onlyRequest(WireMockServer server) {
        List<LoggedRequest> all = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size());
        }
        return all.get(0);
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JsonHttp.JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (taken and released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
