package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.awoooi.testing.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, labelled Kubernetes names, on the local stack: with LABEL_KUBERNETES_NAMES=true (the
 * LabelKubernetesNames parameter, so the analysis also gets its vault statements from the local
 * IAM) the whole loop still finds postgres-db, asks for approval, executes and verifies, while the
 * incident API, the approval notifications and the analysis's model prompts carry labels only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelledNamesEndToEndTest {
    /** Kubernetes names of the demo cluster that the alert names or the analysis finds. */
    private static final List<String> NAMES = List.of("postgres-db", "order-api", "frontend", "ingress",
            "product-api", "auth-service");

    @TempDir
    Path stateDir;

    private LocalStack stack;

    @BeforeAll
    void start() {
        Path root = RepoRoot.find();
        List<Path> zips = List.of("intake", "approval", "redaction", "analysis", "executor").stream()
                .map(f -> root.resolve("functions/" + f + "/target/function.zip")).toList();
        assumeTrue(zips.stream().allMatch(Files::isRegularFile), "the function.zip files are not built (" + zips
                + "); build them with mvn -DskipTests install (or ./awoooi build) to run the end-to-end test");
        stack = LocalStack.builder().stateDir(stateDir).environment(Map.of("LABEL_KUBERNETES_NAMES", "true")).start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void tracerBullet_kubernetesNamesLabelled_wholeLoopPassesAndNoNameIsShown() throws Exception {
        // GIVEN the stack with Kubernetes names labelled
        // WHEN the demo's loop runs on it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoContext context = new DemoContext(stack);
        // the incident loop (the later steps check other features by the demo's plain names)
        List<String> loop = List.of("trigger_alert", "incident_recorded", "privacy_shield", "graphrag_analysis",
                "generate_approval", "multisig_approval", "execution", "verification", "audit_trail");
        int code = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8)).runSteps(context,
                TracerBullet.steps().stream().filter(s -> loop.contains(s.name())).toList());

        // THEN every step passes: root cause, approval, execution on the real pod, verification
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).as(printed).contains("Status: ALL PASSED");
        assertThat(code).isZero();

        // AND the incident API shows labels where the names were, the proposal among them
        String id = context.fact(TracerBullet.INCIDENT_ID, "trigger_alert");
        HttpResponse<String> incident = context.get("/v1/incidents/" + id, stack.operatorToken());
        assertThat(incident.statusCode()).isEqualTo(200);
        JsonNode analysis = Json.parse(incident.body()).path("analysis");
        assertThat(analysis.path("rootCauses").path(0).path("service").asText())
                .matches("\\[NAMESPACE_\\d+]/\\[[A-Z]+_\\d+]");
        assertThat(analysis.path("proposedAction").path("params").toString()).contains("[NAMESPACE_");
        NAMES.forEach(name -> assertThat(incident.body()).as("the incident API names " + name).doesNotContain(name));
        // AND neither do the approval notifications (the outbox)
        String outbox = stack.outbox().messages().toString();
        assertThat(outbox).isNotBlank();
        NAMES.forEach(name -> assertThat(outbox).as("a notification names " + name).doesNotContain(name));
    }
}
