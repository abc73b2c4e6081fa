package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLauncherTest {
    @TempDir
    Path dir;

    private static FunctionSpec spec(Map<String, String> env) {
        return new FunctionSpec("AnalysisFunction", Path.of("f.zip"), "h::handle", "java21", 512, 30, env, List.of());
    }

    @Test
    void environment_callerSetsAwoooiLlm_replacesTheTemplateValueOnlyWhereTheTemplateHasIt() {
        // GIVEN a function whose template environment has AWOOOI_LLM, and one without it
        FunctionLauncher launcher = new FunctionLauncher(RuntimeInterfaceClient.locate(dir),
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1"),
                Map.of("AWOOOI_LLM", "ollama", "OLLAMA_BASE_URL", "http://127.0.0.1:11434", "HOME_SECRET", "x"));
        // WHEN their environments are built
        Map<String, String> analysis = launcher.environment(spec(Map.of("AWOOOI_LLM", "none", "OLLAMA_BASE_URL", "")),
                dir, "127.0.0.1:9");
        Map<String, String> intake = launcher.environment(spec(Map.of("STATE_TABLE", "StateTable")), dir,
                "127.0.0.1:9");
        // THEN only the declared variables change, and nothing else of the caller's leaks in
        assertThat(analysis).containsEntry("AWOOOI_LLM", "ollama")
                .containsEntry("OLLAMA_BASE_URL", "http://127.0.0.1:11434")
                .doesNotContainKey("HOME_SECRET");
        assertThat(intake).doesNotContainKeys("AWOOOI_LLM", "OLLAMA_BASE_URL", "HOME_SECRET")
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1");
    }
}
