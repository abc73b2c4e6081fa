package io.awoooi.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.audit.Operation;
import io.awoooi.core.failure.StoreUnavailableException;
import io.awoooi.core.narrative.AiOutcomes;
import io.awoooi.core.narrative.AiTrace;
import io.awoooi.core.narrative.AiTraceContract;
import io.awoooi.core.narrative.AiTraceSink;
import io.awoooi.core.narrative.AiTraces;
import io.awoooi.core.privacy.PiiType;
import io.awoooi.core.shield.LeakGuard;
import io.awoooi.testing.LocalAws;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The AI trace adapters on dynalite, the state table created from the SAM template: the ports'
 * contract ({@link AiTraceContract}: sink, reader and outcomes; the in-memory fake passes it too),
 * and what only these adapters have: the trace rows beside the incident's other audit and operation
 * rows, more rows than one query page, a missing table.
 */
class DynamoDbAiOutcomesTest extends AiTraceContract {
    private static final Instant NARRATED = Instant.parse("2026-11-25T03:01:00.5Z");
    private static final Instant VERIFIED = Instant.parse("2026-11-25T03:20:00Z");
    private static final LocalAws AWS = LocalAws.shared();

    private final String table = AWS.resources().tableName("StateTable");
    private final DynamoDbClient client = AWS.dynamo().client();
    private final DynamoDbAiTraceSink sink = new DynamoDbAiTraceSink(client, table);
    private final DynamoDbAiOutcomes outcomes = new DynamoDbAiOutcomes(client, table);
    private final DynamoDbClient nowhere = ApprovalFixtures.client(DynamoDbClient.builder(),
            URI.create("http://127.0.0.1:9"));

    @Override
    protected AiTraceSink sink() {
        return sink;
    }

    @Override
    protected AiTraces traces() {
        return sink;
    }

    @Override
    protected AiOutcomes outcomes() {
        return outcomes;
    }

    @Override
    protected AiTraceSink unreachableSink() {
        return new DynamoDbAiTraceSink(nowhere, table);
    }

    @Override
    protected AiTraces unreachableTraces() {
        return new DynamoDbAiTraceSink(nowhere, table);
    }

    @Override
    protected AiOutcomes unreachableOutcomes() {
        return new DynamoDbAiOutcomes(nowhere, table);
    }

    @Test
    void recordOutcome_incidentWithTraces_marksEveryTraceAndNothingElse() {
        // GIVEN an incident with two narration attempts, an operation and a leak audit row beside them,
        // and another incident with its own trace
        String incident = incidentId();
        String other = incidentId();
        sink.record(trace(incident, 1, NARRATED));
        sink.record(trace(incident, 2, NARRATED.plusSeconds(3)));
        sink.record(trace(other, 1, NARRATED));
        new DynamoDbOperationLog(client, table).append(new Operation("op_1", incident, "analyzed", "analysis",
                Map.of("alerts", "1"), Map.of("rootCauses", "1"), 12, Optional.empty(), NARRATED));
        blockedSend(incident);
        // WHEN the effectiveness check reports EFFECTIVE
        outcomes.recordOutcome(incident, "EFFECTIVE", VERIFIED);
        // THEN both traces carry it, and nothing else changed
        List<Map<String, AttributeValue>> traces = rows(incident, "AUDIT#").stream()
                .filter(r -> r.get("SK").s().contains("#ai_trace#")).toList();
        assertThat(traces).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("actionOutcome").s()).isEqualTo("EFFECTIVE");
            assertThat(r.get("actionOutcomeAt").s()).isEqualTo(VERIFIED.toString());
            assertThat(r.get("agent").s()).isEqualTo("analysis"); // the rest of the row stays
        });
        assertThat(rows(incident, "AUDIT#").stream().filter(r -> r.get("operation").s().equals("leak_blocked")))
                .singleElement().satisfies(r -> {
                    assertThat(r).doesNotContainKeys("actionOutcome", "actionOutcomeAt");
                });
        assertThat(rows(incident, "OP#")).singleElement()
                .satisfies(r -> assertThat(r).doesNotContainKeys("actionOutcome", "actionOutcomeAt"));
        assertThat(rows(other, "AUDIT#")).singleElement().satisfies(r -> {
            assertThat(r.get("outcome").s()).isEqualTo("accepted");
            assertThat(r).doesNotContainKey("actionOutcomeAt");
        });
    }

    @Test
    void recordOutcome_tracesBeyondOneQueryPage_marksThemAll() {
        // GIVEN an incident with 80 full-size traces (~16 KB each): more than one 1 MB query page
        String incident = incidentId();
        for (int i = 0; i < 80; i++) {
            sink.record(new AiTrace(incident, "analysis", "bedrock:model", 1 + i % 2, "p".repeat(8000),
                    "r".repeat(AiTrace.MAX_RESPONSE_CHARS), "r".repeat(AiTrace.HEAD_CHARS), false, 30_000,
                    "timeout", NARRATED.plusSeconds(i)));
        }
        assertThat(client.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incident))))
                .lastEvaluatedKey()).isNotEmpty();
        // WHEN / THEN every one is marked
        outcomes.recordOutcome(incident, "EFFECTIVE", VERIFIED);
        assertThat(rows(incident, "AUDIT#")).hasSize(80)
                .allSatisfy(r -> assertThat(r.get("actionOutcome").s()).isEqualTo("EFFECTIVE"));
    }

    @Test
    void recordOutcome_noTraces_writesNothing() {
        // GIVEN an incident narrated without a model (no traces), with a leak audit row
        String incident = incidentId();
        blockedSend(incident);
        // WHEN / THEN no row is created or changed
        outcomes.recordOutcome(incident, "EFFECTIVE", VERIFIED);
        assertThat(rows(incident, null)).singleElement()
                .satisfies(r -> assertThat(r).doesNotContainKeys("actionOutcome", "actionOutcomeAt"));
        outcomes.recordOutcome(incidentId(), "EFFECTIVE", VERIFIED);
    }

    @Test
    void recordOutcome_tableMissing_throwsStoreUnavailable() {
        // a non-transient failure too: the caller goes on without the trace
        assertThatThrownBy(() -> new DynamoDbAiOutcomes(client, "no-such-table").recordOutcome(incidentId(),
                "EFFECTIVE", VERIFIED)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void traces_incidentWithTwoAttemptsAndOtherRows_bothOldestFirstAsRecorded() {
        // GIVEN two narration attempts (the second without an answer) beside an operation, and another incident's trace
        String incident = incidentId();
        sink.record(trace(incident, 1, NARRATED));
        sink.record(new AiTrace(incident, "analysis", "ollama:llama3.1", 2, "prompt [IP_1] again", "", "", false, 30000,
                "timeout", NARRATED.plusSeconds(31)));
        sink.record(trace(incidentId(), 1, NARRATED));
        new DynamoDbOperationLog(client, table).append(new Operation("op_t", incident, "analyzed", "analysis",
                java.util.Map.of(), java.util.Map.of(), 1, java.util.Optional.empty(), NARRATED));

        // WHEN the console reads the incident's trace
        var traces = sink.of(incident);

        // THEN both attempts, oldest first, as they were recorded (an empty answer stays empty)
        assertThat(traces).containsExactly(trace(incident, 1, NARRATED), new AiTrace(incident, "analysis",
                "ollama:llama3.1", 2, "prompt [IP_1] again", "", "", false, 30000, "timeout",
                NARRATED.plusSeconds(31)));
        assertThat(sink.of(incidentId())).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static AiTrace trace(String incidentId, int attempt, Instant at) {
        return new AiTrace(incidentId, "analysis", "ollama:llama3.1", attempt, "prompt [IP_1]", "{\"summary\":\"x\"}",
                "{\"summary\":\"x\"}", true, 420, "accepted", at);
    }

    private static String incidentId() {
        return "inc_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The leak audit's row beside the traces: a send blocked for the incident. */
    private void blockedSend(String incidentId) {
        new DynamoDbLeakAudit(client, table).blocked(new LeakGuard.LeakReport("notification", incidentId,
                Map.of(PiiType.EMAIL, 1), NARRATED));
    }

    /** Every row of the incident whose sort key starts with {@code prefix} (null: every row), all pages. */
    private List<Map<String, AttributeValue>> rows(String incidentId, String prefix) {
        Map<String, AttributeValue> values = prefix == null
                ? Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId))
                : Map.of(":pk", AttributeValue.fromS("INCIDENT#" + incidentId), ":p", AttributeValue.fromS(prefix));
        return client.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk" + (prefix == null ? "" : " AND begins_with(SK, :p)"))
                .expressionAttributeValues(values)).items().stream().toList();
    }
}
