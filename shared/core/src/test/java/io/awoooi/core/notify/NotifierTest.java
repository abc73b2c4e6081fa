package io.awoooi.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import io.awoooi.core.approval.Approver;
import io.awoooi.core.approval.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private static final Notification N = new Notification("approval_requested", "inc_1", "subject", "text",
            List.of(new Link("Review and decide", "https://x.test/v1/approvals/apr_1?t=v1.a.b")));
    private static final Approver ALICE = new Approver("alice", "Alice", Set.of(Role.DEVOPS),
            Map.of("email", "alice@example.com"));

    /** A channel whose address lookup itself fails (e.g. a directory look-up over the network). */
    private static final class BrokenLookup implements NotificationChannel {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Optional<String> addressOf(Approver approver) {
            throw new NotificationFailedException("broken: lookup failed (HTTP 500)");
        }

        @Override
        public void deliver(String address, Notification notification) {
            throw new AssertionError("never reached");
        }
    }

    @Test
    void send_everyChannelThatReachesTheApprover_deliversAndReports() {
        // GIVEN an outbox (reaches everyone), an email channel (alice has an address) and slack (she has none)
        RecordingChannel outbox = new RecordingChannel("outbox");
        RecordingChannel email = RecordingChannel.byHandle("email");
        RecordingChannel slack = RecordingChannel.byHandle("slack");
        Notifier notifier = new Notifier(List.of(outbox, email, slack));

        // WHEN alice is notified
        List<Notifier.Delivery> deliveries = notifier.send(ALICE, N);

        // THEN outbox and email delivered, slack was not tried
        assertThat(deliveries).extracting(Notifier.Delivery::channel).containsExactly("outbox", "email");
        assertThat(deliveries).allSatisfy(d -> assertThat(d.delivered()).isTrue());
        assertThat(outbox.to("alice")).containsExactly(N);
        assertThat(email.to("alice@example.com")).containsExactly(N);
        assertThat(slack.attempts()).isZero();
    }

    @Test
    void send_oneChannelFails_theOthersStillDeliver() {
        // GIVEN a failing channel between two working ones
        RecordingChannel first = new RecordingChannel("first");
        RecordingChannel failing = new RecordingChannel("failing");
        failing.failNextCalls.set(1);
        RecordingChannel last = new RecordingChannel("last");

        // WHEN alice is notified
        List<Notifier.Delivery> deliveries = new Notifier(List.of(first, failing, last)).send(ALICE, N);

        // THEN the failure is reported, by channel and status, and the others delivered
        assertThat(deliveries).extracting(Notifier.Delivery::channel, Notifier.Delivery::delivered)
                .containsExactly(tuple("first", true),
                        tuple("failing", false),
                        tuple("last", true));
        assertThat(deliveries.get(1).error()).contains("HTTP 503").doesNotContain("text");
        assertThat(last.to("alice")).containsExactly(N);
    }

    /** Pins a fixed bug: addressOf ran outside the try, so its exception failed the caller and skipped the rest. */
    @Test
    void send_addressLookupThrows_neverFailsTheCallerNorStopsTheOthers() {
        // GIVEN a channel whose address lookup throws, before a working one
        RecordingChannel working = new RecordingChannel("outbox");
        Notifier notifier = new Notifier(List.of(new BrokenLookup(), working));

        // WHEN alice is notified
        // THEN the caller does not fail, the failure is reported, and the working channel delivered
        assertThatCode(() -> notifier.send(ALICE, N)).doesNotThrowAnyException();
        List<Notifier.Delivery> deliveries = notifier.send(ALICE, N);
        assertThat(deliveries).extracting(Notifier.Delivery::channel).containsExactly("broken", "outbox");
        assertThat(deliveries.get(0).delivered()).isFalse();
        assertThat(deliveries.get(0).error()).contains("lookup failed");
        assertThat(working.to("alice")).hasSize(2);
    }

    @Test
    void none_sendsNothing() {
        // GIVEN / WHEN / THEN no channel, no delivery
        assertThat(Notifier.none().send(ALICE, N)).isEmpty();
    }
}
