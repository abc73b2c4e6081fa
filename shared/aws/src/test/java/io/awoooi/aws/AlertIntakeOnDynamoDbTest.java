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
 * because the outage scenario stops it. The port's own conditions (listing and page tokens included)
 * are {@link DynamoDbIncidentStoreTest}.
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
    void create_incidentAtEveryBound_fitsOneDynamoDbItem() {
        // GIVEN the largest incident row intake can ever write: the most alert instances an incident
        // keeps, each with the longest fingerprint, times, status and stored alertname and severity
        java.time.Instant last = java.time.Instant.parse("9999-12-31T23:59:59.999999999Z");
        String id = new io.awoooi.core.incident.IncidentIds(java.time.Clock.systemUTC()).next();
        io.awoooi.core.incident.Incident worst = new io.awoooi.core.incident.Incident(id, "f".repeat(32),
                io.awoooi.core.incident.IncidentStatus.RESOLVED, last, last, java.util.Optional.of(last),
                worstAlerts(io.awoooi.core.incident.Incident.MAX_ALERTS), 0);
        // WHEN / THEN dynalite (which enforces DynamoDB's 400 KB item size) stores it, and an update too
        assertThat(store.create(worst)).isTrue();
        assertThat(store.update(store.find(id).orElseThrow())).isTrue();
        assertThat(store.find(id).orElseThrow().alerts()).hasSize(io.awoooi.core.incident.Incident.MAX_ALERTS);
    }

    @Test
    void create_incidentOverItsBound_isRefusedByTheServer() {
        // the control for the test above: the local server does refuse an item over 400 KB
        java.time.Instant last = java.time.Instant.parse("9999-12-31T23:59:59.999999999Z");
        String id = new io.awoooi.core.incident.IncidentIds(java.time.Clock.systemUTC()).next();
        io.awoooi.core.incident.Incident tooBig = new io.awoooi.core.incident.Incident(id, "f".repeat(32),
                io.awoooi.core.incident.IncidentStatus.RESOLVED, last, last, java.util.Optional.of(last),
                worstAlerts(2 * io.awoooi.core.incident.Incident.MAX_ALERTS), 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(tooBig))
                .isInstanceOf(io.awoooi.core.incident.StoreRejectedException.class)
                .hasMessageContaining("400 KB");
    }

    /** Alert instances as large as an incident row keeps them (IncidentAlert.of cuts name and severity). */
    private static java.util.List<io.awoooi.core.incident.IncidentAlert> worstAlerts(int n) {
        java.time.Instant last = java.time.Instant.parse("9999-12-31T23:59:59.999999999Z");
        java.util.List<io.awoooi.core.incident.IncidentAlert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            var alert = new io.awoooi.core.alert.Alert(io.awoooi.core.alert.AlertStatus.RESOLVED,
                    java.util.Map.of("alertname", "a".repeat(100_000), "severity", "s".repeat(1000)),
                    java.util.Map.of(), last.minusSeconds(i), java.util.Optional.of(last), "",
                    String.format("%064d", i));
            alerts.add(io.awoooi.core.incident.IncidentAlert.of(alert));
        }
        return alerts;
    }

}
