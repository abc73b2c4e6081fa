package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.alert.AlertStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link RedactedAlertStore} port, run against the in-memory fake in core and
 * the DynamoDB adapter in shared/aws on dynalite (through the core test-jar). What the redaction, the
 * analysis and the incident API rely on: an alert comes back as it was saved (labels in
 * Alertmanager's order, empty values kept); a later notification about the same alert instance
 * (fingerprint and start) overwrites it, so a resolved alert is no longer shown firing; a new
 * instance of a fingerprint (it fired again) is kept beside the old one; an incident's alerts are
 * its own. The order of the alerts is not part of the port.
 */
public abstract class RedactedAlertStoreContract {
    private static final Instant STARTS = Instant.parse("2026-12-07T03:00:00Z");

    /** An empty store (or one whose other rows belong to other incidents), used by one test only. */
    protected abstract RedactedAlertStore freshStore();

    private static String incident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static RedactedAlert firing(String fingerprint, Instant startsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "PostgresDown");
        labels.put("instance", "[IP_1]:5432");
        labels.put("empty", "");
        labels.put("namespace", "shop");
        return new RedactedAlert(fingerprint, startsAt, AlertStatus.FIRING, Optional.empty(), labels,
                Map.of("summary", "[IP_1] refused connections"), "");
    }

    private static RedactedAlert resolved(RedactedAlert alert) {
        return new RedactedAlert(alert.fingerprint(), alert.startsAt(), AlertStatus.RESOLVED,
                Optional.of(alert.startsAt().plusSeconds(300)), alert.labels(), alert.annotations(),
                "http://prom/graph");
    }

    @Test
    void save_thenRead_asSavedWithLabelOrderAndEmptyValues() {
        // GIVEN two alerts of an incident
        RedactedAlertStore store = freshStore();
        String incident = incident();
        RedactedAlert db = firing("fp-db", STARTS);
        RedactedAlert api = firing("fp-api", STARTS.plusSeconds(30));
        // WHEN they are saved
        store.save(incident, List.of(db, api));
        // THEN both come back as saved, the labels in their order, the empty value kept
        List<RedactedAlert> read = store.alerts(incident);
        assertThat(read).containsExactlyInAnyOrder(db, api);
        assertThat(read.get(0).labels().keySet()).containsExactly("alertname", "instance", "empty", "namespace");
    }

    @Test
    void save_sameInstanceAgain_overwritesIt() {
        // GIVEN a firing alert on an incident
        RedactedAlertStore store = freshStore();
        String incident = incident();
        RedactedAlert alert = firing("fp-db", STARTS);
        store.save(incident, List.of(alert));
        // WHEN the next notification says it resolved (same fingerprint, same start)
        store.save(incident, List.of(resolved(alert)));
        // THEN the incident shows it once, resolved
        assertThat(store.alerts(incident)).containsExactly(resolved(alert));
    }

    @Test
    void save_fingerprintFiringAgain_keepsBothInstances() {
        // GIVEN an alert that fired, resolved and fired again (same fingerprint, a new start)
        RedactedAlertStore store = freshStore();
        String incident = incident();
        RedactedAlert first = resolved(firing("fp-db", STARTS));
        RedactedAlert again = firing("fp-db", STARTS.plusSeconds(3600));
        // WHEN both are saved
        store.save(incident, List.of(first));
        store.save(incident, List.of(again));
        // THEN both instances are on the incident
        assertThat(store.alerts(incident)).containsExactlyInAnyOrder(first, again);
    }

    @Test
    void alerts_otherOrUnknownIncident_onlyItsOwn() {
        // GIVEN alerts on one incident
        RedactedAlertStore store = freshStore();
        String incident = incident();
        store.save(incident, List.of(firing("fp-db", STARTS)));
        // WHEN another incident, and one never saved, are read / THEN none of them
        String other = incident();
        store.save(other, List.of(firing("fp-api", STARTS)));
        assertThat(store.alerts(other)).extracting(RedactedAlert::fingerprint).containsExactly("fp-api");
        assertThat(store.alerts(incident())).isEmpty();
    }
}
