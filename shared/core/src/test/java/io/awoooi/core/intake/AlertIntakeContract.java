package io.awoooi.core.intake;

import static io.awoooi.core.Webhooks.firing;
import static io.awoooi.core.Webhooks.notification;
import static io.awoooi.core.Webhooks.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.alert.AlertmanagerWebhook;
import io.awoooi.core.alert.WebhookParser;
import io.awoooi.core.failure.QueueUnavailableException;
import io.awoooi.core.incident.Incident;
import io.awoooi.core.incident.IncidentStatus;
import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.failure.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident lifecycle of intake, run against every implementation of the store port (the
 * in-memory fake here, DynamoDB on dynalite in shared/aws).
 */
public abstract class AlertIntakeContract {
    private static final String T1 = "2026-11-25T03:00:00Z";
    private static final String T2 = "2026-11-25T03:05:00Z";
    private static final String T9 = "2026-11-25T05:00:00Z";

    protected RecordingRawAlertQueue queue;
    protected AlertIntake intake;
    private String group;

    /** A store with nothing in it for this test's groups. */
    protected abstract IncidentStore store();

    @BeforeEach
    protected void setUpFreshGroup() {
        queue = new RecordingRawAlertQueue();
        intake = new AlertIntake(store(), queue, Clock.systemUTC());
        // group keys carry label values; a unique one per test keeps tests apart on a shared table
        group = "{}:{alertname=\"PostgresDown\", test=\"" + UUID.randomUUID() + "\"}";
    }

    private AlertIntake.Receipt send(String body) {
        AlertmanagerWebhook webhook = new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8));
        return intake.accept(webhook);
    }

    private Incident incident(String id) {
        return store().find(id).orElseThrow();
    }

    @Test
    void accept_firstNotification_opensFiringIncidentAndQueuesRawPayload() {
        String body = notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1));
        AlertIntake.Receipt receipt = send(body);
        assertThat(receipt.duplicate()).isFalse();
        Incident incident = incident(receipt.incidentId());
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIRING);
        assertThat(incident.alerts()).singleElement().satisfies(a -> {
            assertThat(a.alertname()).isEqualTo("PostgresDown");
            assertThat(a.severity()).isEqualTo("critical");
        });
        assertThat(queue.messages()).singleElement().satisfies(m -> {
            assertThat(m.incidentId()).isEqualTo(receipt.incidentId());
            // the normalised notification, which the Privacy Shield's parser reads as the one sent
            assertThat(new WebhookParser().parse(m.rawPayload().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void accept_sameNotificationAgain_isDuplicateWithSameIdAndNoNewMessage() {
        String body = notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1));
        AlertIntake.Receipt first = send(body);
        Incident before = incident(first.incidentId());
        AlertIntake.Receipt second = send(body);
        assertThat(second.incidentId()).isEqualTo(first.incidentId());
        assertThat(second.duplicate()).isTrue();
        assertThat(incident(first.incidentId())).isEqualTo(before);
        assertThat(queue.messages()).hasSize(1);
    }

    @Test
    void accept_haPeerCopyWithOtherExternalUrl_isDuplicate() {
        String body = notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1));
        AlertIntake.Receipt first = send(body);
        AlertIntake.Receipt peer = send(body.replace("http://alertmanager:9093", "http://alertmanager-1:9093"));
        assertThat(peer.incidentId()).isEqualTo(first.incidentId());
        assertThat(peer.duplicate()).isTrue();
    }

    @Test
    void accept_newAlertJoinsGroup_updatesSameIncident() {
        String id = send(notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1))).incidentId();
        AlertIntake.Receipt second = send(notification(group, "firing",
                firing("PostgresDown", "10.0.0.1", T1), firing("PostgresDown", "10.0.0.2", T2)));
        assertThat(second.incidentId()).isEqualTo(id);
        assertThat(incident(id).alerts()).hasSize(2);
        assertThat(queue.messages()).hasSize(2);
    }

    @Test
    void accept_partialThenFullResolution_resolvesOnlyWhenAllResolved() {
        String id = send(notification(group, "firing",
                firing("PostgresDown", "10.0.0.1", T1), firing("PostgresDown", "10.0.0.2", T2))).incidentId();
        send(notification(group, "firing",
                resolved("PostgresDown", "10.0.0.1", T1, T9), firing("PostgresDown", "10.0.0.2", T2)));
        assertThat(incident(id).status()).isEqualTo(IncidentStatus.FIRING);
        send(notification(group, "resolved",
                resolved("PostgresDown", "10.0.0.1", T1, T9), resolved("PostgresDown", "10.0.0.2", T2, T9)));
        Incident resolved = incident(id);
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isPresent();
    }

    @Test
    void accept_firingAfterResolution_opensNewIncident() {
        String first = send(notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1))).incidentId();
        send(notification(group, "resolved", resolved("PostgresDown", "10.0.0.1", T1, T2)));
        String second = send(notification(group, "firing", firing("PostgresDown", "10.0.0.1", T9))).incidentId();
        assertThat(second).isNotEqualTo(first);
        assertThat(incident(first).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident(second).status()).isEqualTo(IncidentStatus.FIRING);
        assertThat(incident(second).alerts()).singleElement()
                .satisfies(a -> assertThat(a.startsAt().toString()).isEqualTo(T9));
    }

    @Test
    void accept_lateFiringOfResolvedInstance_keepsIncidentResolved() {
        // GIVEN an incident whose two alerts fired together and resolved
        String id = send(notification(group, "firing",
                firing("PostgresDown", "10.0.0.1", T1), firing("PostgresDown", "10.0.0.2", T2))).incidentId();
        send(notification(group, "resolved",
                resolved("PostgresDown", "10.0.0.1", T1, T9), resolved("PostgresDown", "10.0.0.2", T2, T9)));
        // WHEN a late notification says one of those same instances fires (out of order delivery)
        AlertIntake.Receipt late = send(notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1)));
        // THEN it lands on the same incident, which stays resolved: a resolved instance never fires again
        assertThat(late.incidentId()).isEqualTo(id);
        assertThat(incident(id).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void accept_queueDown_failsAndRetryFinishesWithSameIncident() {
        String body = notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1));
        queue.failNextCalls.set(1);
        assertThatThrownBy(() -> send(body)).isInstanceOf(QueueUnavailableException.class);
        assertThat(queue.messages()).isEmpty();
        AlertIntake.Receipt retry = send(body);
        assertThat(queue.messages()).singleElement()
                .satisfies(m -> assertThat(m.incidentId()).isEqualTo(retry.incidentId()));
        // and a third copy finds it queued: no further publish attempt
        int attempts = queue.attempts();
        send(body);
        assertThat(queue.attempts()).isEqualTo(attempts);
    }

    @Test
    void accept_concurrentNotificationsOfNewGroup_openOneIncident() throws Exception {
        // GIVEN eight different notifications of one new group arriving at once
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AlertIntake.Receipt>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String body = notification(group, "firing", firing("PostgresDown", "10.0.0." + i, T1));
            results.add(pool.submit(() -> {
                start.await();
                return send(body);
            }));
        }
        // WHEN
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<AlertIntake.Receipt> r : results) {
            ids.add(r.get(60, TimeUnit.SECONDS).incidentId());
        }
        pool.shutdown();
        // THEN one incident holds all eight alerts
        assertThat(ids).hasSize(1);
        assertThat(incident(ids.iterator().next()).alerts()).hasSize(writers);
        assertThat(queue.messages()).hasSize(writers);
    }

    @Test
    void accept_storeDown_throwsUnavailable() {
        failStoreOnce();
        String body = notification(group, "firing", firing("PostgresDown", "10.0.0.1", T1));
        assertThatThrownBy(() -> send(body)).isInstanceOf(StoreUnavailableException.class);
        assertThat(queue.messages()).isEmpty();
        restoreStore();
        assertThat(send(body).duplicate()).isFalse();
        assertThat(queue.messages()).hasSize(1);
    }

    /** Make the store's next calls fail as an outage would. */
    protected abstract void failStoreOnce();

    protected abstract void restoreStore();
}
