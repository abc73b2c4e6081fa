package io.awoooi.core.incident;

import static io.awoooi.core.approval.ApprovalFixture.incidentId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.Hashing;
import io.awoooi.core.action.ActionProposal;
import io.awoooi.core.action.ProposalRule;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.analysis.Analysis;
import io.awoooi.core.analysis.InMemoryAnalysisStore;
import io.awoooi.core.approval.ApprovalSection;
import io.awoooi.core.approval.ExecutionOrder;
import io.awoooi.core.audit.Operation;
import io.awoooi.core.diagnosis.Diagnosis;
import io.awoooi.core.diagnosis.DiagnosisKind;
import io.awoooi.core.execution.ExecuteApproved;
import io.awoooi.core.execution.ExecutionFixture;
import io.awoooi.core.execution.ExecutionSection;
import io.awoooi.core.execution.VerificationOrder;
import io.awoooi.core.shield.RedactedAlert;
import io.awoooi.core.shield.RedactedAlertStore;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.GraphFindings;
import io.awoooi.core.topology.Impact;
import io.awoooi.core.topology.RootCause;
import io.awoooi.core.topology.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The incident API's JSON, pinned: the document and the list of an incident that went the whole
 * way (redacted alerts, a failure parked twice, an analysis with its diagnosis, an approval signed
 * once, an execution verified), written as the API writes it (a plain Jackson mapper), against
 * golden documents captured from the map-built read model before the typed views replaced it. A
 * renamed, moved, added or dropped field, or a null that became absent, fails here and not at run
 * time in the console or an operator's script. The operation log's {@code output} maps are the only
 * part whose order is not pinned (the log keeps them unordered); they are sorted before comparing.
 *
 * <p>To capture the golden documents again after a deliberate change of the API:
 * {@code -Dawoooi.golden.write=true} (then review the diff).
 */
class IncidentDocumentShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT = incidentId(31);
    private static final String QUIET = incidentId(32);
    private static final String NOTIFICATION_KEY = Hashing.sha256Hex("notification/" + INCIDENT);

    private final ExecutionFixture f = new ExecutionFixture();
    private final InMemoryIncidentFailureStore failures = new InMemoryIncidentFailureStore();
    private final InMemoryAnalysisStore analyses = new InMemoryAnalysisStore();
    private final RedactedAlertStore redactedAlerts = new io.awoooi.core.analysis.InMemoryRedactedAlerts();

    private IncidentReader reader() {
        return new IncidentReader(f.incidents, redactedAlerts, analyses, f.approvals.operations,
                new ApprovalSection(f.approvals.store, f.approvals.clock), new ExecutionSection(f.executions),
                failures, f.approvals.clock);
    }

    /** The whole loop on {@link #INCIDENT}; {@link #QUIET} only opened, later. */
    private void wholeLoop() {
        Instant opened = f.approvals.clock.instant();
        IncidentAlert firing = new IncidentAlert("fp-1", opened.minusSeconds(120), "PodCrashLooping", "critical",
                AlertStatus.FIRING, Optional.empty());
        IncidentAlert resolved = new IncidentAlert("fp-2", opened.minusSeconds(600), "HighLatency", "warning",
                AlertStatus.RESOLVED, Optional.of(opened.minusSeconds(60)));
        f.incidents.create(new Incident(INCIDENT, "group-" + INCIDENT, IncidentStatus.FIRING, opened, opened,
                Optional.empty(), List.of(firing, resolved), 0));
        redactedAlerts.save(INCIDENT, List.of(new RedactedAlert("fp-1", firing.startsAt(), AlertStatus.FIRING,
                Optional.empty(), orderedLabels(), Map.of("summary", "pod [POD_1] restarts; [IP_1]:5432 refuses"),
                "http://prometheus:9090/graph?g0.expr=up")));
        operation("alert_received", "intake", Optional.empty());
        operation("redacted", "redaction", Optional.of("alert_received"));
        ProposedAction action = f.labelledRolloutRestart(INCIDENT, "acme-payments", "ledger-writer-blue");
        analyses.save(analysis(action));
        operation("analyzed", "analysis", Optional.of("redacted"));
        ExecutionOrder order = f.approvedByPeople(INCIDENT, action, "alice");
        f.approvals.clock.advance(Duration.ofSeconds(30));
        assertThat(f.executeApproved().execute(order)).isInstanceOf(ExecuteApproved.Result.Executed.class);
        f.approvals.clock.advance(ExecutionFixture.VERIFICATION_DELAY);
        f.verifyExecution().verify(new VerificationOrder(order.requestId(), INCIDENT));
        failures.record(INCIDENT, "redaction", "the redacted alert exceeds DynamoDB's 400 KB item limit", "m-1",
                f.approvals.clock.instant());
        f.approvals.clock.advance(Duration.ofSeconds(5));
        failures.record(INCIDENT, "analysis", "the stored analysis is not JSON", "m-2", f.approvals.clock.instant());
        f.approvals.clock.advance(Duration.ofMinutes(1));
        f.incidents.create(new Incident(QUIET, "group-" + QUIET, IncidentStatus.FIRING, f.approvals.clock.instant(),
                f.approvals.clock.instant(), Optional.empty(), List.of(), 0));
        f.approvals.clock.advance(Duration.ofMinutes(12));
    }

    private static Map<String, String> orderedLabels() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("alertname", "PodCrashLooping");
        labels.put("namespace", "[NAMESPACE_1]");
        labels.put("pod", "[POD_1]");
        labels.put("instance", "[IP_1]");
        return labels;
    }

    private Analysis analysis(ProposedAction action) {
        Diagnosis diagnosis = new Diagnosis(DiagnosisKind.CRASH_LOOP, Optional.of(new ServiceId("shop", "order-api")),
                "order-api crash-loops", List.of("[POD_1]: CrashLoopBackOff", "no rollout in the last hour"),
                Optional.of(new ActionProposal(action, ProposalRule.ROOT_CAUSE_ROLLOUT_RESTART)), List.of(action),
                false,
                Optional.empty());
        GraphFindings findings = new GraphFindings(List.of(new ServiceId("shop", "frontend")),
                List.of(new RootCause(new ServiceId("shop", "order-api"), ComponentKind.SERVICE, 1, List.of("5xx 42%")),
                        new RootCause(new ServiceId("shop", "postgres"), ComponentKind.DATABASE, 2, List.of())),
                List.of(new Impact(new ServiceId("shop", "frontend"), 1),
                        new Impact(new ServiceId("edge", "gateway"), 2)));
        return new Analysis(INCIDENT, NOTIFICATION_KEY, findings, "order-api fails to reach [IP_1]:5432",
                List.of("the database is down", "the pool is exhausted"), "deterministic", Optional.of(action),
                "deterministic", false, f.approvals.clock.instant(), true, Optional.of(diagnosis));
    }

    private void operation(String type, String actor, Optional<String> parentType) {
        f.approvals.operations.append(new Operation(Operation.idFor(NOTIFICATION_KEY, type), INCIDENT, type, actor,
                Map.of(), Map.of("labels", "2", "stage", type), 5,
                parentType.map(p -> Operation.idFor(NOTIFICATION_KEY, p)),
                f.approvals.clock.instant()));
        f.approvals.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void incident_wholeLoop_documentMatchesTheGoldenShape() throws IOException {
        // GIVEN an incident that went the whole way
        wholeLoop();

        // WHEN it is read and written as the API writes it
        String written = normalized(reader().incident(INCIDENT).orElseThrow().document());

        // THEN it is byte for byte the golden document
        assertThat(written).isEqualTo(golden("incident-document.json", written));
        // AND no real value is in it: labels only
        assertThat(written).doesNotContain("ledger-writer-blue", "acme-payments").contains("[IP_1]");
    }

    @Test
    void newest_wholeLoopAndAQuietIncident_pagesMatchTheGoldenShape() throws IOException {
        // GIVEN the same incident and a quieter, newer one
        wholeLoop();

        // WHEN the list is read a page of one at a time, and then whole
        IncidentReader reader = reader();
        String first = normalized(reader.newest(1, Optional.empty()).document());
        String whole = normalized(reader.newest(10, Optional.empty()).document());

        // THEN the pages are the golden ones: the newest with a next-page token, both without one
        assertThat(first).isEqualTo(golden("incident-list-first-page.json", first));
        assertThat(whole).isEqualTo(golden("incident-list.json", whole));
        assertThat(whole).doesNotContain("ledger-writer-blue", "acme-payments");
    }

    @Test
    void agentReadModel_wholeLoop_answersMatchTheGoldenShape() throws IOException {
        // GIVEN the same incidents, read by an outside agent (the MCP tools), which sees less
        wholeLoop();
        io.awoooi.core.agent.AgentReadModel agents = new io.awoooi.core.agent.AgentReadModel(reader(),
                f.approvals.store, f.approvals.operations, Optional.of(f.executions), f.approvals.clock);

        // WHEN the agent lists the incidents and reads the one that went the whole way
        String list = normalized(agents.incidents(10, Optional.empty(), IncidentFilter.none()));
        String one = normalized(agents.incident(INCIDENT).orElseThrow());

        // THEN both answers are the golden ones
        assertThat(list).isEqualTo(golden("agent-incident-list.json", list));
        assertThat(one).isEqualTo(golden("agent-incident.json", one));
        assertThat(list + one).doesNotContain("ledger-writer-blue", "acme-payments", "groupKeyHash", "operations");
    }

    @Test
    void views_wholeLoop_everyFieldIsWrittenUnderItsOwnName() throws Exception {
        // GIVEN the incident that went the whole way (every optional part present)
        wholeLoop();
        IncidentReader reader = reader();

        // WHEN / THEN every field of every view (nested ones too) is in its document under its own
        // name: a field added to a record but not to its JSON, or a key renamed away from its field, fails
        fieldsWritten(reader.incident(INCIDENT).orElseThrow());
        for (var item : reader.newest(10, Optional.empty()).incidents()) {
            fieldsWritten(item);
        }
    }

    /** Fields another part of the document shows: the list item's analysis as its short forms, the trail's in operations. */
    private static final Map<String, java.util.Set<String>> SHOWN_OTHERWISE = Map.of(
            "IncidentSummary", java.util.Set.of("analysis"),
            "TimelineEntry", java.util.Set.of("durationMs", "output"));

    @SuppressWarnings("unchecked")
    private static void fieldsWritten(Record view) throws Exception {
        fieldsWritten(view, (Map<String, Object>) view.getClass().getMethod("document").invoke(view));
    }

    /** A record without a document() of its own (IncidentFacts, AlertView.Redacted) is written into its holder's. */
    private static void fieldsWritten(Record view, Map<String, Object> document) throws Exception {
        for (var component : view.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(view);
            if (value instanceof Optional<?> optional) {
                if (optional.isEmpty()) {
                    continue;
                }
                value = optional.get();
            }
            if (value instanceof Record part && !hasDocument(part)) {
                fieldsWritten(part, document);
                continue;
            }
            if (!SHOWN_OTHERWISE.getOrDefault(view.getClass().getSimpleName(), java.util.Set.of())
                    .contains(component.getName())) {
                assertThat(document).as("%s.%s", view.getClass().getSimpleName(), component.getName())
                        .containsKey(component.getName());
            }
            if (value instanceof Record part) {
                fieldsWritten(part);
            } else if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Record part) {
                        fieldsWritten(part);
                    }
                }
            }
        }
    }

    private static boolean hasDocument(Record view) {
        try {
            view.getClass().getMethod("document");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The JSON as the API writes it, pretty-printed, the operation log's outputs sorted. */
    private static String normalized(Object document) throws IOException {
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(document));
        if (tree.get("operations") instanceof ArrayNode ops) {
            for (JsonNode op : ops) {
                if (op.get("output") instanceof ObjectNode output) {
                    ObjectNode sorted = JSON.createObjectNode();
                    output.properties().stream().map(Map.Entry::getKey).sorted()
                            .forEach(k -> sorted.set(k, output.get(k)));
                    ((ObjectNode) op).set("output", sorted);
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
    }

    private static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("awoooi.golden.write")) {
            Path file = Path.of("src/test/resources/incident", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return actual;
        }
        try (InputStream in = IncidentDocumentShapeTest.class.getResourceAsStream("/incident/" + name)) {
            assertThat(in).as("golden document %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }
}
