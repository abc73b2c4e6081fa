package io.awoooi.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conditions of the {@link OperationLog} port, run against the in-memory fake here and the
 * DynamoDB adapter in shared/aws on dynalite (through the core test-jar). What the audit trail relies
 * on: an entry comes back as it was appended (ids, actor, counts, parent, tags); the same operation
 * id twice keeps the first (a redelivered message does not rewrite history); a trail is its
 * incident's only, oldest first, whatever order the entries were appended in (two functions append
 * to one incident independently).
 */
public abstract class OperationLogContract {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    /** An empty log (or one whose other entries belong to other incidents), used by one test only. */
    protected abstract OperationLog freshLog();

    private static String incident() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static Operation entry(String incidentId, String type, Instant at, Optional<String> parent) {
        return new Operation("op_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), incidentId, type,
                "redaction", Map.of("alerts", "2"), Map.of("labels", "3", "types", "IP,EMAIL"), 41, parent, at,
                List.of("shield"));
    }

    @Test
    void append_thenTrail_entryAsAppended() {
        // GIVEN an entry with counts, a parent and a tag
        OperationLog log = freshLog();
        String incident = incident();
        Operation redacted = entry(incident, "redacted", T0, Optional.of("op_parent"));
        // WHEN it is appended / THEN the trail holds it as it was
        log.append(redacted);
        assertThat(log.trail(incident)).containsExactly(redacted);
    }

    @Test
    void append_sameOpIdTwice_keepsTheFirst() {
        // GIVEN an entry / WHEN an entry with its id is appended again with other figures (a redelivery)
        OperationLog log = freshLog();
        String incident = incident();
        Operation first = entry(incident, "redacted", T0, Optional.empty());
        Operation again = new Operation(first.opId(), incident, "redacted", "redaction", Map.of("alerts", "9"),
                Map.of(), 7, Optional.empty(), T0.plusSeconds(60));
        log.append(first);
        log.append(again);
        // THEN the first stands
        assertThat(log.trail(incident)).containsExactly(first);
    }

    @Test
    void trail_entriesAppendedOutOfTimeOrder_oldestFirst() {
        // GIVEN three entries of one incident appended latest first
        OperationLog log = freshLog();
        String incident = incident();
        Operation received = entry(incident, "alert_received", T0, Optional.empty());
        Operation redacted = entry(incident, "redacted", T0.plusSeconds(1), Optional.of(received.opId()));
        Operation analyzed = entry(incident, "analyzed", T0.plusSeconds(5), Optional.of(redacted.opId()));
        log.append(analyzed);
        log.append(received);
        log.append(redacted);
        // WHEN its trail is read / THEN oldest first
        assertThat(log.trail(incident)).containsExactly(received, redacted, analyzed);
    }

    @Test
    void trail_otherOrUnknownIncident_onlyItsOwn() {
        // GIVEN entries of two incidents
        OperationLog log = freshLog();
        String one = incident();
        String other = incident();
        Operation mine = entry(one, "redacted", T0, Optional.empty());
        log.append(mine);
        log.append(entry(other, "redacted", T0, Optional.empty()));
        // WHEN one incident's trail, and an unknown one's, are read / THEN only its own entries, none
        assertThat(log.trail(one)).containsExactly(mine);
        assertThat(log.trail(incident())).isEmpty();
    }
}
