package io.awoooi.core.intake;

import static io.awoooi.core.Webhooks.firing;
import static io.awoooi.core.Webhooks.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.incident.InMemoryIncidentStore;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertIntakeInMemoryTest extends AlertIntakeContract {
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();

    @Override
    protected IncidentStore store() {
        return store;
    }

    @Override
    protected void failStoreOnce() {
        store.failNextCalls.set(1);
    }

    @Override
    protected void restoreStore() {
        store.failNextCalls.set(0);
    }

    @Test
    void accept_crashBetweenPointerAndIncidentRow_nextNotificationRepairsIt() {
        // GIVEN a group whose pointer moved but whose incident row was lost
        String body = notification("g-crash", "firing", firing("A", "h", "2026-11-25T03:00:00Z"));
        var webhook = new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8));
        String id = intake.accept(webhook).incidentId();
        store.dropIncident(id);
        // WHEN the next notification of the group arrives
        String next = notification("g-crash", "firing", firing("A", "h", "2026-11-25T03:00:00Z"),
                firing("B", "h", "2026-11-25T03:01:00Z"));
        String repaired = intake.accept(new WebhookParser().parse(next.getBytes(StandardCharsets.UTF_8))).incidentId();
        // THEN the same incident id is written again
        assertThat(repaired).isEqualTo(id);
        assertThat(store.find(id)).hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(IncidentStatus.FIRING));
    }

    @Test
    void accept_writerRepairsIncidentBetweenOurPointerMoveAndRowWrite_ourAlertsStillLand() {
        // Pins a lost-alert race the concurrent scenario caught: writer A moves the group pointer,
        // writer B sees the pointer before A's incident row exists and writes the row itself
        // (repair), then A's own create fails. A must then apply its alerts, not drop them.
        String a = notification("g-race", "firing", firing("A", "h", "2026-11-25T03:00:00Z"));
        String b = notification("g-race", "firing", firing("B", "h", "2026-11-25T03:00:00Z"));
        boolean[] interleaved = {false};
        IncidentStore racing = new DelegatingStore(store) {
            @Override
            public boolean create(io.awoooi.core.incident.Incident incident) {
                if (!interleaved[0]) {
                    interleaved[0] = true;
                    // B runs completely right here, between A's pointer move and A's row write
                    new AlertIntake(store, queue, java.time.Clock.systemUTC())
                            .accept(new WebhookParser().parse(b.getBytes(StandardCharsets.UTF_8)));
                }
                return super.create(incident);
            }
        };
        String id = new AlertIntake(racing, queue, java.time.Clock.systemUTC())
                .accept(new WebhookParser().parse(a.getBytes(StandardCharsets.UTF_8))).incidentId();
        assertThat(interleaved[0]).isTrue();
        assertThat(store.find(id)).hasValueSatisfying(i -> assertThat(i.alerts())
                .extracting(io.awoooi.core.incident.IncidentAlert::alertname).containsExactlyInAnyOrder("A", "B"));
    }

    /** Forwards every call; tests override one to interleave another writer. */
    private static class DelegatingStore implements IncidentStore {
        private final IncidentStore d;

        DelegatingStore(IncidentStore d) {
            this.d = d;
        }

        public java.util.Optional<GroupPointer> currentIncident(String g) {
            return d.currentIncident(g);
        }

        public boolean moveCurrentIncident(String g, java.util.Optional<GroupPointer> e, String n) {
            return d.moveCurrentIncident(g, e, n);
        }

        public java.util.Optional<io.awoooi.core.incident.Incident> find(String id) {
            return d.find(id);
        }

        public boolean create(io.awoooi.core.incident.Incident i) {
            return d.create(i);
        }

        public boolean update(io.awoooi.core.incident.Incident i) {
            return d.update(i);
        }

        public java.util.Optional<io.awoooi.core.incident.AcceptedNotification> findNotification(String k) {
            return d.findNotification(k);
        }

        public boolean recordNotification(io.awoooi.core.incident.AcceptedNotification n) {
            return d.recordNotification(n);
        }

        public void markQueued(String k) {
            d.markQueued(k);
        }

        public IncidentPage listNewest(int limit, java.util.Optional<String> token) {
            return d.listNewest(limit, token);
        }
    }
}
