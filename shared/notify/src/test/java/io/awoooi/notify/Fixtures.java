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

    static final java.time.Instant AT = java.time.Instant.parse("2026-11-25T03:00:00Z");

    /** An approval request with its card, as the approval use case builds it (labels, names, links). */
    static Notification carded() {
        io.awoooi.core.notify.Card card = new io.awoooi.core.notify.Card(io.awoooi.core.notify.Card.Tone.DANGER,
                "frontend 5xx rate > 15% on [IP_1]",
                List.of(new io.awoooi.core.notify.Card.Fact("Severity", "critical"),
                        new io.awoooi.core.notify.Card.Fact("Risk", "HIGH (catalog: LOW)"),
                        new io.awoooi.core.notify.Card.Fact("Needs", "2 approvals from admin, devops or sre")),
                List.of(io.awoooi.core.notify.Card.Section.warning("Dry-run warnings: signing accepts them",
                        List.of("blast radius: 5 services depend on the target (large from 5)")),
                        io.awoooi.core.notify.Card.Section.of("Action", List.of("Restart pod postgres-db-0 in shop")),
                        io.awoooi.core.notify.Card.Section.of("Approvals",
                                List.of("[x] alice (devops) approved at 02:59 UTC", "[ ] bob (sre)"))),
                List.of(new io.awoooi.core.notify.Card.Button("Approve & execute", APPROVE_URL,
                        io.awoooi.core.notify.Card.Style.PRIMARY),
                        new io.awoooi.core.notify.Card.Button("Reject", REJECT_URL + "#reject",
                                io.awoooi.core.notify.Card.Style.DANGER)),
                List.of(new Link("Runbook", "https://runbooks.example/5xx?a=1|b")),
                "Chosen by the rules · incident " + INCIDENT, AT);
        return Notification.of("approval_requested", INCIDENT,
                "[AWOOOI] HIGH: frontend 5xx rate > 15% on [IP_1] — restart pod postgres-db-0 needs 2 approvals", card);
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
