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
        String id = intake.accept(webhook, body).incidentId();
        store.dropIncident(id);
        // WHEN the next notification of the group arrives
        String next = notification("g-crash", "firing", firing("A", "h", "2026-11-25T03:00:00Z"),
                firing("B", "h", "2026-11-25T03:01:00Z"));
        String repaired = intake.accept(new WebhookParser().parse(next.getBytes(StandardCharsets.UTF_8)), next).incidentId();
        // THEN the same incident id is written again
        assertThat(repaired).isEqualTo(id);
        assertThat(store.find(id)).hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(IncidentStatus.FIRING));
    }
}
