package io.awoooi.aws;

import io.awoooi.core.incident.IncidentStore;
import io.awoooi.core.intake.AlertIntakeContract;
import io.awoooi.testing.LocalAws;
import io.awoooi.testing.LocalDynamo;
import io.awoooi.testing.LocalResources;
import io.awoooi.testing.Provisioner;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake lifecycle scenarios (AlertIntakeContract) against the DynamoDB adapter on a real
 * DynamoDB API server (dynalite) with the state table created from the SAM template. Its own server,
 * because the outage scenario stops it.
 */
class AlertIntakeOnDynamoDbTest extends AlertIntakeContract {
    private static LocalDynamo dynamo;
    private static DynamoDbIncidentStore store;

    @BeforeAll
    static void startServers(@TempDir Path dataDir) {
        // on disk, so the table and its rows survive the outage scenario's stop and start
        dynamo = LocalDynamo.start(0, dataDir);
        LocalResources resources = Provisioner.provision(LocalAws.shared().template(), dynamo.client(),
                LocalAws.shared().sqs().client());
        store = new DynamoDbIncidentStore(dynamo.client(), resources.tableName("StateTable"));
    }

    @AfterAll
    static void stopServers() {
        dynamo.close();
    }

    @Override
    protected IncidentStore store() {
        return store;
    }

    @Override
    protected void failStoreOnce() {
        dynamo.stop();
    }

    @Override
    protected void restoreStore() {
        dynamo.start();
    }

    @Test
    void listNewest_pagesThroughIncidentsNewestFirst() {
        // GIVEN three incidents created a minute apart, newer than anything else in the table
        java.time.Instant base = java.time.Instant.parse("2099-01-01T00:00:00Z");
        var ids = new io.awoooi.core.incident.IncidentIds(java.time.Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            var alert = new io.awoooi.core.alert.Alert(io.awoooi.core.alert.AlertStatus.FIRING,
                    java.util.Map.of("alertname", "A" + i), java.util.Map.of(), base, java.util.Optional.empty(), "", "fp" + i);
            store.create(io.awoooi.core.incident.Incident.open(ids.next(), "g" + i, java.util.List.of(alert),
                    base.plusSeconds(60L * i)));
        }
        // WHEN listing two at a time
        var first = store.listNewest(2, java.util.Optional.empty());
        var second = store.listNewest(2, first.nextPageToken());
        // THEN pages are ordered newest first and continue where the first stopped
        assertThat(first.incidents()).extracting(i -> i.createdAt())
                .containsExactly(base.plusSeconds(120), base.plusSeconds(60));
        assertThat(first.nextPageToken()).isPresent();
        assertThat(second.incidents().get(0).createdAt()).isEqualTo(base);
    }

    @Test
    void listNewest_foreignPageToken_isRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.listNewest(2, java.util.Optional.of("bm9wZQ")))
                .isInstanceOf(io.awoooi.core.incident.InvalidPageTokenException.class);
    }
}
