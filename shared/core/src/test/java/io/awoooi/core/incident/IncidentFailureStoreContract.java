package io.awoooi.core.incident;

import static io.awoooi.core.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link IncidentFailureStore} port (parked messages, ADR 0010), run against
 * every implementation: the in-memory fake here, the DynamoDB adapter in shared/aws through the core
 * test-jar. Each test uses incidents of its own, so a shared table is fine.
 */
public abstract class IncidentFailureStoreContract {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String TOO_BIG = "the redacted alert exceeds DynamoDB's 400 KB item limit";
    private static final String NOT_AN_EVENT = "the message body is not an incident event";

    /** A store, possibly shared between tests. */
    protected abstract IncidentFailureStore store();

    private static String newIncident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void record_firstFailure_isTheSummaryAndTheLatest() {
        // GIVEN / WHEN an incident's first parked message
        String incident = newIncident();
        store().record(incident, "redaction", TOO_BIG, "m-1", T0);

        // THEN it is the first and the latest failure, one message
        assertThat(store().find(incident)).contains(new IncidentFailure(incident, "redaction", TOO_BIG, T0, 1,
                new IncidentFailure.Latest("redaction", TOO_BIG, T0)));
    }

    @Test
    void record_laterFailures_firstStaysLatestMovesEachCounted() {
        // GIVEN an incident with a parked message
        String incident = newIncident();
        store().record(incident, "redaction", TOO_BIG, "m-1", T0);

        // WHEN two more are parked later, by another stage
        store().record(incident, "analysis", NOT_AN_EVENT, "m-2", T0.plusSeconds(60));
        store().record(incident, "executor", "the order does not decode", "m-3", T0.plusSeconds(120));

        // THEN the first failure stays, the latest is the last one, three messages
        assertThat(store().find(incident)).contains(new IncidentFailure(incident, "redaction", TOO_BIG, T0, 3,
                new IncidentFailure.Latest("executor", "the order does not decode", T0.plusSeconds(120))));
    }

    @Test
    void record_redeliveredMessage_countsOnceAndMovesNothing() {
        // GIVEN two parked messages
        String incident = newIncident();
        store().record(incident, "redaction", TOO_BIG, "m-1", T0);
        store().record(incident, "analysis", NOT_AN_EVENT, "m-2", T0.plusSeconds(60));
        IncidentFailure before = store().find(incident).orElseThrow();

        // WHEN the first comes again (its parking was not acknowledged)
        store().record(incident, "redaction", TOO_BIG, "m-1", T0.plusSeconds(300));

        // THEN nothing changes
        assertThat(store().find(incident)).contains(before);
    }

    @Test
    void find_incidentWithoutFailure_isEmpty() {
        // GIVEN / WHEN / THEN
        assertThat(store().find(newIncident())).isEmpty();
    }

    @Test
    void findAll_someWithFailures_onlyThoseByIncidentId() {
        // GIVEN two failed incidents and one fine
        String failed = newIncident();
        String alsoFailed = newIncident();
        String fine = newIncident();
        store().record(failed, "analysis", NOT_AN_EVENT, "m-1", T0);
        store().record(alsoFailed, "redaction", TOO_BIG, "m-2", T0);

        // WHEN / THEN only the failed ones come back, each its own; no ids, nothing
        var all = store().findAll(List.of(failed, fine, alsoFailed));
        assertThat(all).containsOnlyKeys(failed, alsoFailed);
        assertThat(all.get(failed).stage()).isEqualTo("analysis");
        assertThat(all.get(alsoFailed).stage()).isEqualTo("redaction");
        assertThat(store().findAll(List.of())).isEmpty();
    }

    @Test
    void record_manyMessagesAtOnceSomeTwice_eachDistinctMessageCountedOnce() throws Exception {
        // GIVEN 8 parkings of one incident at once: 4 messages, each parked twice (a redelivery racing)
        String incident = newIncident();
        int threads = 8;

        // WHEN they all run at once
        race(threads, i -> {
            store().record(incident, "analysis", NOT_AN_EVENT, "m-" + (i % 4), T0.plusSeconds(i));
            return null;
        });

        // THEN four messages, none lost, none twice
        assertThat(store().find(incident).orElseThrow().messages()).isEqualTo(4);
    }
}
