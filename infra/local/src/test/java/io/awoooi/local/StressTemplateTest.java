package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.testing.RepoRoot;
import io.awoooi.testing.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stress run's copy of the template: short visibility timeouts, a short model timeout, absolute code paths. */
class StressTemplateTest {

    @TempDir
    Path dir;

    @Test
    void write_realTemplate_queuesFunctionsAndCodeAsTheTemplateSaysButTheThreeSettings() throws Exception {
        // GIVEN the real template / WHEN the stress copy is written with 20 s and 1500 ms
        Path copy = StressTemplate.write(RepoRoot.template(), dir.resolve("template.yaml"), 20, 1_500);
        SamTemplate original = SamTemplate.load(RepoRoot.template());
        SamTemplate stress = SamTemplate.load(copy);
        // THEN every queue's visibility timeout is 20 s (the executions queue's 45 s: the claim lease is
        // 2 minutes) and everything else the template's
        assertThat(stress.logicalIdsOfType(SamTemplate.QUEUE)).isEqualTo(original.logicalIdsOfType(SamTemplate.QUEUE));
        for (String queue : stress.logicalIdsOfType(SamTemplate.QUEUE)) {
            Object visibility = stress.properties(queue).get("VisibilityTimeout");
            String expected = queue.equals("ExecutionsQueue") ? "45" : "20";
            assertThat(visibility == null || String.valueOf(visibility).equals(expected)).as(queue).isTrue();
            assertThat(stress.properties(queue).get("RedrivePolicy"))
                    .isEqualTo(original.properties(queue).get("RedrivePolicy"));
        }
        // AND the analysis has the model timeout, and CodeUri points at the real function.zip files
        String text = Files.readString(copy);
        assertThat(text).contains("AWOOOI_LLM_TIMEOUT_MS: '1500'");
        assertThat(text).doesNotContain("CodeUri: ../");
        Object code = stress.properties("IntakeFunction").get("CodeUri");
        assertThat(Path.of(String.valueOf(code)))
                .isEqualTo(RepoRoot.find().resolve("functions/intake/target/function.zip"));
        Map<?, ?> analysisEnvironment = (Map<?, ?>) ((Map<?, ?>) stress.properties("AnalysisFunction")
                .get("Environment"))
                .get("Variables");
        assertThat(analysisEnvironment.get("AWOOOI_LLM_TIMEOUT_MS")).hasToString("1500");
    }
}
