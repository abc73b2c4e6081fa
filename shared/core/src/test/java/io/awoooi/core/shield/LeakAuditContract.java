package io.awoooi.core.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.privacy.PiiType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link LeakGuard.LeakAudit} port, run against the in-memory fake here and the
 * DynamoDB adapter in shared/aws on dynalite (through the core test-jar). What the audit of blocked
 * sends relies on: a block is kept with its channel, its counts per type and its time; the audit is
 * append-only (a second block of the incident, even at the same moment on another channel, is kept
 * beside the first); an incident's blocks are its own; a store that cannot be used says so with
 * {@link StoreUnavailableException} (the guard still blocks). The port has no reader: each binding
 * reads back what it keeps ({@link #recorded}). Each test uses incidents of its own.
 */
public abstract class LeakAuditContract {
    private static final Instant AT = Instant.parse("2026-12-07T03:00:00.123Z");

    /** An audit, possibly shared between tests. */
    protected abstract LeakGuard.LeakAudit audit();

    /** The blocked sends the audit kept for an incident, in any order. */
    protected abstract List<LeakGuard.LeakReport> recorded(String incidentId);

    /** An audit over a store that cannot be reached. */
    protected abstract LeakGuard.LeakAudit unreachable();

    private static String incident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void blocked_thenRecorded_channelCountsAndTime() {
        // GIVEN a send to the LLM blocked for one email and two addresses
        String incident = incident();
        var report = new LeakGuard.LeakReport("llm", incident, Map.of(PiiType.EMAIL, 1, PiiType.IP, 2), AT);
        // WHEN it is audited / THEN the audit keeps it as it was
        audit().blocked(report);
        assertThat(recorded(incident)).containsExactly(report);
    }

    @Test
    void blocked_severalTimesOnOneIncident_everyBlockKept() {
        // GIVEN an incident whose sends are blocked three times: twice at the same moment on two channels
        String incident = incident();
        var notification = new LeakGuard.LeakReport("notification", incident, Map.of(PiiType.EMAIL, 1), AT);
        var queue = new LeakGuard.LeakReport("incident_event", incident, Map.of(PiiType.IP, 1), AT);
        var later = new LeakGuard.LeakReport("notification", incident, Map.of(PiiType.EMAIL, 2), AT.plusSeconds(60));
        // WHEN each is audited
        audit().blocked(notification);
        audit().blocked(queue);
        audit().blocked(later);
        // THEN none replaced another
        assertThat(recorded(incident)).containsExactlyInAnyOrder(notification, queue, later);
    }

    @Test
    void recorded_otherOrUnknownIncident_onlyItsOwn() {
        // GIVEN blocks of two incidents
        String mine = incident();
        var own = new LeakGuard.LeakReport("llm", mine, Map.of(PiiType.PHONE, 1), AT);
        audit().blocked(own);
        audit().blocked(new LeakGuard.LeakReport("llm", incident(), Map.of(PiiType.PHONE, 1), AT));
        // WHEN / THEN each incident has its own; one never blocked has none
        assertThat(recorded(mine)).containsExactly(own);
        assertThat(recorded(incident())).isEmpty();
    }

    @Test
    void blocked_storeUnreachable_throwsStoreUnavailable() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> unreachable().blocked(new LeakGuard.LeakReport("llm", incident(),
                Map.of(PiiType.EMAIL, 1), AT))).isInstanceOf(StoreUnavailableException.class);
    }
}
