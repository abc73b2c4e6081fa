package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The incidents' failure summaries on dynalite, table from the SAM template. */
class DynamoDbIncidentFailureStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private final LocalAws aws = LocalAws.shared();
    private final DynamoDbIncidentFailureStore store = new DynamoDbIncidentFailureStore(aws.dynamo().client(),
            aws.resources().tableName("StateTable"));

    private static String incident() {
        return "inc_" + UUID.randomUUID();
    }

    @Test
    void record_firstStaysLatestMovesRedeliveryCountsOnce() {
        String incident = incident();
        store.record(incident, "redaction", "the redacted alert exceeds DynamoDB's 400 KB item limit", "m-1", T0);
        store.record(incident, "redaction", "the redacted alert exceeds DynamoDB's 400 KB item limit", "m-1",
                T0.plusSeconds(1)); // the same message again
        store.record(incident, "analysis", "the message body is not an incident event", "m-2", T0.plusSeconds(60));

        var failure = store.find(incident).orElseThrow();
        assertThat(failure.stage()).isEqualTo("redaction");
        assertThat(failure.reason()).isEqualTo("the redacted alert exceeds DynamoDB's 400 KB item limit");
        assertThat(failure.at()).isEqualTo(T0);
        assertThat(failure.messages()).isEqualTo(2);
        assertThat(failure.latest().stage()).isEqualTo("analysis");
        assertThat(failure.latest().at()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void findAll_onlyThoseWithAFailure() {
        String failed = incident();
        String fine = incident();
        store.record(failed, "analysis", "the message body is not an incident event", "m-1", T0);

        assertThat(store.findAll(List.of(failed, fine))).containsOnlyKeys(failed);
        assertThat(store.findAll(List.of())).isEmpty();
        assertThat(store.find(fine)).isEmpty();
    }
}
