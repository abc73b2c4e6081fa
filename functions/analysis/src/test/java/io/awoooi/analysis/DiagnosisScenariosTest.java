package io.awoooi.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awoooi.aws.DynamoDbApprovalStore;
import io.awoooi.core.alert.AlertStatus;
import io.awoooi.core.approval.ApprovalRequest;
import io.awoooi.core.shield.IncidentEvent;
import io.awoooi.core.shield.IncidentEventCodec;
import io.awoooi.core.shield.RedactedAlert;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis scenario suite (src/test/resources/scenarios): every realistic incident class
 * through the analysis function, with dynalite, ElasticMQ and a Kubernetes API holding each
 * scenario's cluster. Scores root cause, blast radius and action per scenario, prints the table
 * (docs/benchmarks.md records it), and fails on any miss.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalAwsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ScenarioClusterResource.class, restrictToAnnotatedClass = true)
class DiagnosisScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Score(String scenario, boolean rootCause, boolean blastRadius, boolean action, List<String> misses) {
    }

    @Test
    void everyScenario_decidedAsAnOnCallEngineerWould() throws IOException {
        List<Score> scores = new ArrayList<>();
        for (String name : ScenarioClusterResource.Scenarios.names()) {
            scores.add(run(name));
        }
        StringBuilder table = new StringBuilder("\nDiagnosis scenarios (root cause / blast radius / action):\n");
        for (Score s : scores) {
            table.append(String.format("  %-36s %s %s %s%s%n", s.scenario(), mark(s.rootCause()), mark(s.blastRadius()),
                    mark(s.action()), s.misses().isEmpty() ? "" : "  " + String.join("; ", s.misses())));
        }
        long rc = scores.stream().filter(Score::rootCause).count();
        long br = scores.stream().filter(Score::blastRadius).count();
        long ac = scores.stream().filter(Score::action).count();
        table.append(
                String.format("  score: root cause %d/%d, blast radius %d/%d, action %d/%d%n", rc, scores.size(), br,
                        scores.size(), ac, scores.size()));
        System.out.println(table);
        assertThat(scores).allSatisfy(s -> assertThat(s.misses()).as(s.scenario()).isEmpty());
    }

    private static String mark(boolean ok) {
        return ok ? "ok  " : "MISS";
    }

    private Score run(String name) throws IOException {
        JsonNode expect;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/" + name + ".json")) {
            expect = JSON.readTree(in);
        }
        String incident = "inc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        Map<String, String> labels = new LinkedHashMap<>();
        expect.path("alert").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> annotations = new LinkedHashMap<>();
        expect.path("alert").path("annotations").properties().iterator()
                .forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Instant now = Instant.now();
        RedactedAlert alert = new RedactedAlert(UUID.randomUUID().toString().substring(0, 16), now.minusSeconds(120),
                AlertStatus.FIRING, Optional.empty(), labels, annotations, "");
        String event = IncidentEventCodec
                .encode(new IncidentEvent(incident, "nk-" + UUID.randomUUID(), "gkh-" + incident,
                        AlertStatus.FIRING, now, Map.of("alertname", labels.get("alertname")), Map.of(), Map.of(),
                        List.of(alert)));
        AnalysisFunctionTest.invoke(List.of(AnalysisFunctionTest.record("m-" + name, event)));

        Map<String, Object> doc = AnalysisFunctionTest.storedAnalysis(incident).orElseThrow();
        JsonNode analysis = JSON.valueToTree(doc);
        List<String> misses = new ArrayList<>();

        String rootCause = analysis.path("rootCauses").path(0).path("service").asText(null);
        String expectedRoot = expect.path("rootCause").isNull() ? null : expect.path("rootCause").asText();
        boolean rootOk = java.util.Objects.equals(rootCause, expectedRoot);
        if (!rootOk) {
            misses.add("root cause " + rootCause + ", expected " + expectedRoot);
        }

        List<String> radius = new ArrayList<>();
        analysis.path("blastRadius").forEach(b -> radius.add(b.path("service").asText()));
        List<String> expectedRadius = new ArrayList<>();
        expect.path("blastRadius").forEach(b -> expectedRadius.add(b.asText()));
        boolean radiusOk = radius.containsAll(expectedRadius) && (!expectedRadius.isEmpty() || radius.isEmpty());
        if (!radiusOk) {
            misses.add("blast radius " + radius + ", expected " + expectedRadius);
        }

        boolean actionOk = true;
        JsonNode proposed = analysis.path("proposedAction");
        String actionId = proposed.isMissingNode() ? null : proposed.path("id").asText();
        List<String> allowed = new ArrayList<>();
        expect.path("actions").forEach(a -> allowed.add(a.asText()));
        if (allowed.isEmpty() ? actionId != null : !allowed.contains(actionId)) {
            actionOk = false;
            misses.add("action " + actionId + ", expected " + (allowed.isEmpty() ? "none" : "one of " + allowed));
        }
        List<String> never = new ArrayList<>();
        expect.path("never").forEach(a -> never.add(a.asText()));
        if (actionId != null && never.contains(actionId)) {
            actionOk = false;
            misses.add(actionId + " must never be proposed here");
        }
        if (actionId != null) {
            JsonNode params = proposed.path("params");
            expect.path("params").properties().forEach(e -> {
                if (!e.getValue().asText().equals(params.path(e.getKey()).asText(null))) {
                    misses.add("param " + e.getKey() + "=" + params.path(e.getKey()).asText(null) + ", expected "
                            + e.getValue().asText());
                }
            });
            expect.path("paramsIfPresent").properties().forEach(e -> {
                if (params.has(e.getKey()) && !e.getValue().asText().equals(params.path(e.getKey()).asText())) {
                    misses.add("param " + e.getKey() + "=" + params.path(e.getKey()).asText() + ", expected "
                            + e.getValue().asText());
                }
            });
            actionOk &= misses.stream().noneMatch(m -> m.startsWith("param "));
        }
        String diagnosis = analysis.path("diagnosis").path("kind").asText(null);
        if (!expect.path("diagnosis").asText().equals(diagnosis)) {
            actionOk = false;
            misses.add("diagnosis " + diagnosis + ", expected " + expect.path("diagnosis").asText());
        }
        boolean requested = new DynamoDbApprovalStore(AnalysisFunctionTest.dynamo(), AnalysisFunctionTest.stateTable())
                .find(ApprovalRequest.idFor(incident)).isPresent();
        if (requested != expect.path("approvalRequest").asBoolean()) {
            actionOk = false;
            misses.add(requested ? "an approval request was made" : "no approval request was made");
        }
        if (!misses.isEmpty()) {
            System.out.println("scenario " + name + " analysis: " + JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(analysis));
        }
        return new Score(name, rootOk, radiusOk, actionOk, misses);
    }
}
