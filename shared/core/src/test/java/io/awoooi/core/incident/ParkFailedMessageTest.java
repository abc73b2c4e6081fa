package io.awoooi.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.audit.InMemoryOperationLog;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.batch.PermanentFailureException;
import io.awoooi.core.failure.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParkFailedMessageTest {
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final String INCIDENT = "inc_01jd0000000000000000000000";
    private static final String NOTIFICATION = "nk-1";

    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final InMemoryIncidentFailureStore failures = new InMemoryIncidentFailureStore();
    private final InMemoryOperationLog operations = new InMemoryOperationLog();
    private final ParkFailedMessage parking = new ParkFailedMessage("redaction", Optional.of("alert_received"),
            incidents, failures, operations, Clock.fixed(NOW, ZoneOffset.UTC));

    private void incidentExists() {
        incidents
                .create(new Incident(INCIDENT, "gkh", IncidentStatus.FIRING, NOW, NOW, Optional.empty(), List.of(), 0));
    }

    private static PermanentFailureException tooLarge() {
        return new PermanentFailureException("the redacted alert exceeds DynamoDB's 400 KB item limit");
    }

    @Test
    void park_knownIncident_failureOnTheIncidentAndOneTimelineEntryChainedToIntake() {
        incidentExists();

        boolean parked = parking.park("m-1", Optional.of(INCIDENT), Optional.of(NOTIFICATION), tooLarge());

        assertThat(parked).isTrue();
        assertThat(failures.find(INCIDENT)).get().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("redaction");
            assertThat(f.reason()).isEqualTo("the redacted alert exceeds DynamoDB's 400 KB item limit");
            assertThat(f.at()).isEqualTo(NOW);
            assertThat(f.messages()).isEqualTo(1);
        });
        assertThat(operations.trail(INCIDENT)).singleElement().satisfies(op -> {
            assertThat(op.type()).isEqualTo("processing_failed");
            assertThat(op.actor()).isEqualTo("redaction");
            assertThat(op.output()).containsEntry("stage", "redaction")
                    .containsEntry("reason", "the redacted alert exceeds DynamoDB's 400 KB item limit");
            assertThat(op.parentOpId()).contains(Operation.idFor(NOTIFICATION, "alert_received"));
        });
    }

    @Test
    void park_sameMessageTwice_countsOnceAndLogsOnce() {
        incidentExists();
        parking.park("m-1", Optional.of(INCIDENT), Optional.of(NOTIFICATION), tooLarge());
        parking.park("m-1", Optional.of(INCIDENT), Optional.of(NOTIFICATION), tooLarge());
        parking.park("m-2", Optional.of(INCIDENT), Optional.empty(), new PermanentFailureException("other"));

        assertThat(failures.find(INCIDENT)).get().satisfies(f -> {
            assertThat(f.messages()).isEqualTo(2);
            assertThat(f.reason()).startsWith("the redacted alert");
            assertThat(f.latest().reason()).isEqualTo("other");
        });
        assertThat(operations.trail(INCIDENT)).hasSize(2);
    }

    @Test
    void park_unknownOrMalformedOrMissingIncident_notParked() {
        assertThat(parking.park("m-1", Optional.empty(), Optional.empty(), tooLarge())).isFalse();
        assertThat(parking.park("m-1", Optional.of("../etc"), Optional.empty(), tooLarge())).isFalse();
        assertThat(parking.park("m-1", Optional.of(INCIDENT), Optional.empty(), tooLarge())).isFalse(); // no row
        assertThat(failures.find(INCIDENT)).isEmpty();
        assertThat(operations.trail(INCIDENT)).isEmpty();
    }

    @Test
    void park_storeUnavailable_throwsSoTheMessageComesBack() {
        incidentExists();
        failures.failNextCalls.set(1);
        assertThatThrownBy(() -> parking.park("m-1", Optional.of(INCIDENT), Optional.empty(), tooLarge()))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void park_longReason_isCut() {
        incidentExists();
        parking.park("m-1", Optional.of(INCIDENT), Optional.empty(), new PermanentFailureException("x".repeat(500)));
        assertThat(failures.find(INCIDENT).orElseThrow().reason()).hasSize(ParkFailedMessage.MAX_REASON);
    }
}
