package io.awoooi.core.incident;

import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.Hashing;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.AnalysisStore;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.ExecutionFixture;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.execution.VerifyExecution;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident document's audit timeline and execution section, from the whole loop run in memory. */
class IncidentReaderTest {
    private static final String INCIDENT = incidentId(21);
    /** The notification key {@link io.awoooi.core.approval.ApprovalFixture#analysis} uses. */
    private static final String NOTIFICATION_KEY = Hashing.sha256Hex("notification/" + INCIDENT);
    private static final String REAL_WORKLOAD = "ledger-writer-blue";

    private final ExecutionFixture f = new ExecutionFixture();

    private static final RedactedAlertStore NO_REDACTED_ALERTS = new RedactedAlertStore() {
        @Override
        public void save(String incidentId, List<RedactedAlert> alerts) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public List<RedactedAlert> alerts(String incidentId) {
            return List.of();
        }
    };

    private static final AnalysisStore NO_ANALYSES = new AnalysisStore() {
        @Override
        public void save(Analysis analysis) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Optional<io.awoooi.core.incident.view.AnalysisView> latest(String incidentId) {
            return Optional.empty();
        }
    };

    private final InMemoryIncidentFailureStore failures = new InMemoryIncidentFailureStore();

    private IncidentReader reader() {
        return new IncidentReader(f.incidents, NO_REDACTED_ALERTS, NO_ANALYSES, f.approvals.operations,
                IncidentSection.none(), new ExecutionSection(f.executions), failures);
    }

    /** An entry of the stages before the approval, as intake, redaction and analysis write it. */
    private void earlierStage(String type, String actor, Optional<String> parentType) {
        f.approvals.operations.append(new Operation(Operation.idFor(NOTIFICATION_KEY, type), INCIDENT, type, actor,
                Map.of(), Map.of(), 5, parentType.map(p -> Operation.idFor(NOTIFICATION_KEY, p)),
                f.approvals.clock.instant()));
        f.approvals.clock.advance(Duration.ofSeconds(1));
    }

    /** alert_received -> redacted -> analyzed -> approval_requested -> signed -> approved -> executed. */
    private ExecutionOrder executed() {
        f.incidentFiring(INCIDENT);
        earlierStage("alert_received", "intake", Optional.empty());
        earlierStage("redacted", "redaction", Optional.of("alert_received"));
        earlierStage("analyzed", "analysis", Optional.of("redacted"));
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, "acme-payments", REAL_WORKLOAD), "alice");
        f.approvals.clock.advance(Duration.ofSeconds(30));
        assertThat(f.executeApproved().execute(order)).isInstanceOf(ExecuteApproved.Result.Executed.class);
        return order;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timeline(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("timeline");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> execution(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("execution");
    }

    @Test
    void incident_wholeLoopVerified_timelineInOrderEachLinkedToItsParent() {
        // GIVEN an incident whose action was approved, executed and verified EFFECTIVE
        ExecutionOrder order = executed();
        f.approvals.clock.advance(ExecutionFixture.VERIFICATION_DELAY);
        assertThat(f.verifyExecution().verify(new VerificationOrder(order.requestId(), INCIDENT)))
                .isInstanceOf(VerifyExecution.Result.Verified.class);

        // WHEN the incident is read
        Map<String, Object> doc = reader().incident(INCIDENT).orElseThrow().document();

        // THEN the timeline reads the audit chain oldest first
        List<Map<String, Object>> timeline = timeline(doc);
        assertThat(timeline).extracting(e -> e.get("type")).containsExactly("alert_received", "redacted", "analyzed",
                "approval_requested", "signed", "approved", "executed", "verified", "trust_changed");
        assertThat(timeline).extracting(e -> e.get("actor")).containsExactly("intake", "redaction", "analysis",
                "analysis", "alice", "alice", "executor", "executor", "executor");
        // each entry names its parent, the entry before it (trust follows the verification)
        assertThat(timeline.get(0)).containsOnlyKeys("opId", "type", "actor", "at");
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(timeline.get(i)).as("entry %d", i).containsOnlyKeys("opId", "parentOpId", "type", "actor", "at");
            assertThat(timeline.get(i).get("parentOpId")).as("parent of %s", timeline.get(i).get("type"))
                    .isEqualTo(timeline.get(i - 1).get("opId"));
        }
        // and the times never go back
        List<Instant> times = timeline.stream().map(e -> Instant.parse((String) e.get("at"))).toList();
        assertThat(times).isSorted();
        assertThat(times.get(0)).isBefore(times.get(times.size() - 1));
    }

    @Test
    void incident_executedAndVerified_executionSectionFromTheRecord() {
        // GIVEN an incident whose action was executed, then verified EFFECTIVE five minutes later
        ExecutionOrder order = executed();
        Instant executedAt = f.approvals.clock.instant();
        f.approvals.clock.advance(ExecutionFixture.VERIFICATION_DELAY);
        Instant verifiedAt = f.approvals.clock.instant();
        f.verifyExecution().verify(new VerificationOrder(order.requestId(), INCIDENT));

        // WHEN the incident is read
        Map<String, Object> doc = reader().incident(INCIDENT).orElseThrow().document();

        // THEN its execution shows how it ended, why, its outcome and when
        assertThat(execution(doc)).containsExactly(
                Map.entry("status", "EXECUTED"),
                Map.entry("reason", "rollout restarted"),
                Map.entry("outcome", "EFFECTIVE"),
                Map.entry("at", executedAt.toString()),
                Map.entry("verifiedAt", verifiedAt.toString()),
                Map.entry("attempt", 1));
        // and nothing in the document names the real target
        assertThat(doc.toString()).doesNotContain(REAL_WORKLOAD);
    }

    @Test
    void incident_executionInProgress_sectionShowsItSinceItsStartWithoutOutcome() {
        // GIVEN an approved incident whose execution an attempt holds
        f.incidentFiring(INCIDENT);
        ExecutionOrder order = f.approvedByPeople(INCIDENT,
                f.labelledRolloutRestart(INCIDENT, "acme-payments", REAL_WORKLOAD), "alice");
        Instant started = f.approvals.clock.instant();
        f.executions.claim(order.requestId(), INCIDENT, started, ExecutionFixture.LEASE);
        f.approvals.clock.advance(Duration.ofSeconds(10));

        // WHEN the incident is read
        Map<String, Object> doc = reader().incident(INCIDENT).orElseThrow().document();

        // THEN the execution is IN_PROGRESS since its start, with no reason or outcome yet
        assertThat(execution(doc)).containsExactly(Map.entry("status", "IN_PROGRESS"),
                Map.entry("at", started.toString()), Map.entry("attempt", 1));
        assertThat(timeline(doc)).extracting(e -> e.get("type")).endsWith("approved");
    }

    @Test
    void incident_notYetExecuted_noExecutionSection() {
        // GIVEN an incident with no execution
        f.incidentFiring(INCIDENT);

        // WHEN it is read
        Map<String, Object> doc = reader().incident(INCIDENT).orElseThrow().document();

        // THEN the document has no execution, and an empty timeline
        assertThat(doc).doesNotContainKey("execution");
        assertThat(timeline(doc)).isEmpty();
    }

    @Test
    void incident_messageParkedByTheRedaction_failureSectionTimelineEntryAndListEntry() {
        // GIVEN a firing incident whose redaction parked a message it can never process, and another incident
        f.incidentFiring(INCIDENT);
        String other = incidentId(22);
        f.incidentFiring(other);
        earlierStage("alert_received", "intake", Optional.empty());
        Instant parkedAt = f.approvals.clock.instant();
        new ParkFailedMessage("redaction", Optional.of("alert_received"), f.incidents, failures,
                f.approvals.operations, f.approvals.clock).park("m-1", Optional.of(INCIDENT),
                        Optional.of(NOTIFICATION_KEY),
                        new io.awoooi.core.batch.PermanentFailureException(
                                "the redacted alert exceeds DynamoDB's 400 KB item limit"));

        // WHEN the incident is read, and the list
        Map<String, Object> doc = reader().incident(INCIDENT).orElseThrow().document();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) reader().newest(10, Optional.empty()).document()
                .get("incidents");

        // THEN its status is still the alerts' (FIRING), with the failure beside it: stage, reason, when
        assertThat(doc).containsEntry("status", "FIRING").containsEntry("failure", Map.of("stage", "redaction",
                "reason", "the redacted alert exceeds DynamoDB's 400 KB item limit", "at", parkedAt.toString(),
                "messages", 1));
        // AND the timeline has the parked message after intake's entry, chained to it
        assertThat(timeline(doc)).extracting(e -> e.get("type")).containsExactly("alert_received", "processing_failed");
        assertThat(timeline(doc).get(1).get("parentOpId")).isEqualTo(timeline(doc).get(0).get("opId"));
        // AND the list shows the failure on that incident only
        assertThat(listed).filteredOn(i -> i.get("id").equals(INCIDENT)).singleElement()
                .satisfies(i -> assertThat(i).containsKey("failure"));
        assertThat(listed).filteredOn(i -> i.get("id").equals(other)).singleElement()
                .satisfies(i -> assertThat(i).doesNotContainKey("failure"));
    }
}
