package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template as AWS tools read it: cfn-lint 1.x (with the SAM translator) must find nothing, and
 * the SAM translation must publish a new version of every function when a parameter changes
 * (issue #12, defects 1 and 3). Both need Python tools: under CI=true a missing one fails the test
 * (.ci/run installs cfn-lint, which brings the SAM translator); elsewhere the test is skipped with a
 * message saying what to install. The deploy hash script needs only bash.
 */
class TemplateLintTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = RepoRoot.template();
    private static final Path DEPLOY_HASH = RepoRoot.find().resolve("infra/sam/deploy-hash");

    /** What a command printed and how it exited. */
    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Whether the command runs at all; if not, fails under CI=true and skips elsewhere. */
    private static void require(String what, List<String> probe, String install) throws InterruptedException {
        boolean present;
        try {
            present = run(probe, RepoRoot.find()).exit() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            String message = what + " is not installed (" + install + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + ": CI=true, so this check may not be skipped");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    @Test
    void cfnLint_findsNothing() throws Exception {
        require("cfn-lint", List.of("cfn-lint", "--version"), "pip install cfn-lint==1.51.0");

        Run lint = run(List.of("cfn-lint", "--format", "parseable", "--", TEMPLATE.toString()), RepoRoot.find());

        // the template's Metadata.cfn-lint ignores W1030 and W1100 (YAML merge keys, which sam deploy
        // resolves before CloudFormation reads the template) alone, and says why
        assertThat(lint.out()).as("cfn-lint output").isBlank();
        assertThat(lint.exit()).as("cfn-lint exit code (0: no error, no warning)").isZero();
        assertThat(Files.readString(TEMPLATE)).contains("ignore_checks: [W1030, W1100]");
        assertThat(Files.readString(RepoRoot.find().resolve("infra/sam/deploy")))
                .as("deployed by sam deploy, which resolves them")
                .contains("exec sam deploy --template-file template.yaml");
    }

    @Test
    void deployHash_changesWithEveryParameterZipAndTemplate_andOnlyThen(@TempDir Path dir) throws Exception {
        Path template = copyWithFakeZips(dir);

        String info = deployHash(template, "LogLevel=INFO", "ClusterAuth=eks");
        assertThat(info).matches("[0-9a-f]{64}");
        assertThat(deployHash(template, "ClusterAuth=eks", "LogLevel=INFO")).as("order does not matter")
                .isEqualTo(info);
        assertThat(deployHash(template, "LogLevel=INFO", "ClusterAuth=eks", "DeployHash=" + info))
                .as("a DeployHash given along is no input").isEqualTo(info);
        assertThat(deployHash(template, "LogLevel=DEBUG", "ClusterAuth=eks")).as("a parameter").isNotEqualTo(info);
        assertThat(deployHash(template, "LogLevel=INFO", "ClusterAuth=eks", "EksCaData=AAAA")).as("one more")
                .isNotEqualTo(info);

        Files.writeString(dir.resolve("functions/executor/target/function.zip"), "new executor code");
        String newCode = deployHash(template, "LogLevel=INFO", "ClusterAuth=eks");
        assertThat(newCode).as("a zip").isNotEqualTo(info);
        Files.writeString(template, Files.readString(template) + "\n# a comment\n");
        assertThat(deployHash(template, "LogLevel=INFO", "ClusterAuth=eks")).as("the template").isNotEqualTo(newCode);

        Files.delete(dir.resolve("functions/intake/target/function.zip"));
        Run missing = run(List.of("bash", DEPLOY_HASH.toString(), "--template", template.toString()), dir);
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("functions/intake/target/function.zip is missing");
    }

    /**
     * Defect 3, end to end: the SAM translation (what CloudFormation runs) of the template with the
     * DeployHash of LogLevel=INFO and then of LogLevel=DEBUG gives every function a new
     * AWS::Lambda::Version and points its live alias at it. Without the hash it did not: SAM hashes
     * the environment as written ({"Ref": "LogLevel"}), which a new value does not change.
     */
    @Test
    void samTranslation_aParameterChange_publishesANewVersionOfEveryFunction(@TempDir Path dir) throws Exception {
        require("the SAM translator (Python samtranslator, installed with cfn-lint)",
                List.of("python3", "-c", "import samtranslator"), "pip install cfn-lint==1.51.0");
        Path template = copyWithFakeZips(dir);

        Map<String, String> before = versions(dir, Map.of("LogLevel", "INFO",
                "DeployHash", deployHash(template, "LogLevel=INFO")));
        Map<String, String> after = versions(dir, Map.of("LogLevel", "DEBUG",
                "DeployHash", deployHash(template, "LogLevel=DEBUG")));
        Map<String, String> sameHash = versions(dir, Map.of("LogLevel", "DEBUG",
                "DeployHash", deployHash(template, "LogLevel=INFO")));

        assertThat(before.keySet()).containsExactlyInAnyOrder("IntakeFunction", "ApprovalFunction",
                "RedactionFunction", "AnalysisFunction", "ExecutorFunction", "McpFunction", "FinOpsScanFunction",
                "DriftScanFunction",
                "ApprovalExpiryFunction");
        for (String fn : before.keySet()) {
            assertThat(after.get(fn)).as(fn + ": the live alias's version after LogLevel changed")
                    .isNotEqualTo(before.get(fn));
        }
        // what the hash is for: SAM itself does not see the new value
        assertThat(sameHash).isEqualTo(before);
    }

    /** Function logical id -> the logical id of the version its live alias points at. */
    private static Map<String, String> versions(Path dir, Map<String, String> parameters) throws Exception {
        String script = """
                import json, os, sys
                os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
                from samtranslator.translator.transform import transform
                from samtranslator.yaml_helper import yaml_parse
                class NoManagedPolicies:
                    def load(self):
                        return {}
                template = yaml_parse(open(sys.argv[1]).read())
                for name, resource in template["Resources"].items():
                    if resource["Type"] == "AWS::Serverless::Function":
                        # what sam deploy's packaging does: the zip becomes an S3 object
                        resource["Properties"]["CodeUri"] = "s3://bucket/" + name + ".zip"
                out = transform(template, json.loads(sys.argv[2]), NoManagedPolicies())
                print(json.dumps({k: v for k, v in out["Resources"].items() if v["Type"] == "AWS::Lambda::Alias"}))
                """;
        Path file = dir.resolve("translate.py");
        Files.writeString(file, script);
        Run translated = run(List.of("python3", file.toString(), dir.resolve("infra/sam/template.yaml").toString(),
                JSON.writeValueAsString(parameters)), dir);
        assertThat(translated.exit()).as(translated.out()).isZero();
        String json = translated.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        Map<String, String> out = new TreeMap<>();
        JsonNode aliases = JSON.readTree(json);
        aliases.properties().forEach(e -> {
            String function = e.getValue().path("Properties").path("FunctionName").path("Ref").asText();
            String version = e.getValue().path("Properties").path("FunctionVersion").path("Fn::GetAtt").path(0)
                    .asText();
            assertThat(e.getValue().path("Properties").path("Name").asText()).isEqualTo("live");
            out.put(function, version);
        });
        return out;
    }

    private static String deployHash(Path template, String... parameters) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("bash", DEPLOY_HASH.toString(), "--template", template.toString()));
        command.addAll(List.of(parameters));
        Run hash = run(command, template.getParent());
        assertThat(hash.exit()).as(hash.out()).isZero();
        return hash.out().strip();
    }

    /** The template at dir/infra/sam/template.yaml and a small file at each function.zip it names. */
    private static Path copyWithFakeZips(Path dir) throws IOException {
        Path template = dir.resolve("infra/sam/template.yaml");
        Files.createDirectories(template.getParent());
        Files.copy(TEMPLATE, template);
        for (String fn : List.of("intake", "approval", "redaction", "analysis", "executor", "mcp", "finops-scan",
                "drift-scan")) {
            Path zip = dir.resolve("functions/" + fn + "/target/function.zip");
            Files.createDirectories(zip.getParent());
            Files.writeString(zip, fn + " code");
        }
        return template;
    }
}
