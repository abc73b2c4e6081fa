package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void runSteps_onePassingOneFailing_checklistAndFailedSummary() {
        // GIVEN a passing step, a failing one and one that throws unexpectedly
        List<DemoStep> steps = List.of(
                new DemoStep("first", context -> {
                }),
                new DemoStep("second", context -> {
                    throw new DemoStep.StepFailed("expected HTTP 202, got 503");
                }),
                new DemoStep("third", context -> {
                    throw new IllegalStateException("boom");
                }));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN they run
        int code = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8)).runSteps(null, steps);

        // THEN one line per step, then the summary, and a failing exit code
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "[x] [first] PASS",
                "[ ] [second] FAIL: expected HTTP 202, got 503",
                "[ ] [third] FAIL: IllegalStateException: boom",
                "Total Steps: 3",
                "Passed: 1",
                "Failed: 2",
                "Status: FAILED");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void runSteps_allPass_allPassedAndZero() {
        // GIVEN / WHEN every step passes / THEN ALL PASSED and exit code 0
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Demo(new PrintStream(out, true, StandardCharsets.UTF_8))
                .runSteps(null, List.of(new DemoStep("only", context -> {
                })));
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("Status: ALL PASSED" + System.lineSeparator());
        assertThat(code).isZero();
    }

    @Test
    void tracerBullet_steps_namedAsTheChecklist() {
        // GIVEN / WHEN / THEN the tracer bullet's steps, in order
        assertThat(TracerBullet.steps()).extracting(DemoStep::name).containsExactly("trigger_alert",
                "incident_recorded", "privacy_shield", "graphrag_analysis",
                "generate_approval", "multisig_approval", "execution", "verification", "audit_trail", "toctou_voided",
                "console_view", "mcp_proposal", "finops_scan", "drift_scan");
    }

    @Test
    void webhook_bundled_isAlertmanagerV4WithTwoFiringAlertsOfOneGroup() {
        // GIVEN / WHEN the bundled webhook is read / THEN it is a realistic v4 notification
        var webhook = Json.parse(DemoContext.webhook());
        assertThat(webhook.path("version").asText()).isEqualTo("4");
        assertThat(webhook.path("receiver").asText()).isEqualTo("awoooi");
        assertThat(webhook.path("status").asText()).isEqualTo("firing");
        assertThat(webhook.path("alerts")).hasSize(2);
        webhook.path("alerts").forEach(alert -> {
            assertThat(alert.path("labels").path("namespace").asText()).isEqualTo("shop");
            assertThat(alert.path("labels").path("instance").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
            assertThat(alert.path("annotations").path("description").asText())
                    .containsPattern("\\d+\\.\\d+\\.\\d+\\.\\d+").containsPattern("[\\w.-]+@[\\w.-]+")
                    .containsPattern("eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+");
        });
    }
}
