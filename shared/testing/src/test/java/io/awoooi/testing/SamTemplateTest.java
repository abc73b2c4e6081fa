package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    private static final SamTemplate REAL = SamTemplate.load(RepoRoot.template());
    private static final SamTemplate SMALL = SamTemplate.load(resource("sam/short-tags.yaml"));

    @Test
    void load_realTemplate_readsShortTagsAsLongForm() {
        // GIVEN the real template (loaded above)
        // WHEN its parts are read
        Map<String, Object> intake = REAL.functionProperties("IntakeFunction");
        Map<String, Object> variables = variables(intake);

        // THEN the short tags came out in their long form
        assertThat(variables).containsEntry("RAW_ALERTS_QUEUE_URL", Map.of("Ref", "RawAlertsQueue"));
        assertThat(REAL.properties("RawAlertsQueue").get("RedrivePolicy"))
                .isEqualTo(Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("RawAlertsDLQ", "Arn")),
                        "maxReceiveCount", 5));
        // in template order
        assertThat(REAL.logicalIdsOfType(SamTemplate.QUEUE))
                .containsSubsequence("RawAlertsQueue", "RawAlertsDLQ", "IncidentsQueue", "IncidentsDLQ");
        assertThat(REAL.logicalIdsOfType(SamTemplate.TABLE)).containsSubsequence("StateTable", "VaultTable");
        assertThat(REAL.parameters()).containsKeys("LogLevel", "IntakeTimeoutSeconds");
        assertThat(REAL.directory()).isEqualTo(RepoRoot.find().resolve("infra/sam"));
    }

    @Test
    void functionProperties_realTemplate_mergesGlobalsUnderTheFunction() {
        // GIVEN the real template
        // WHEN the intake function's properties are merged with Globals.Function
        Map<String, Object> intake = REAL.functionProperties("IntakeFunction");

        // THEN both sides' environment variables are there, and the function's scalars win
        assertThat(variables(intake))
                .containsEntry("QUARKUS_LOG_LEVEL", Map.of("Ref", "LogLevel"))
                .containsEntry("STATE_TABLE", Map.of("Ref", "StateTable"))
                .containsKeys("JAVA_TOOL_OPTIONS", "RAW_ALERTS_QUEUE_URL", "INTAKE_TOKEN_SECRET_ARN");
        assertThat(intake)
                .containsEntry("Timeout", Map.of("Ref", "IntakeTimeoutSeconds"))
                .containsEntry("MemorySize", 1024)
                .containsEntry("Runtime", "java21")
                .containsEntry("CodeUri", "../../functions/intake/target/function.zip");
    }

    @Test
    void load_smallTemplate_turnsEveryShortTagIntoItsLongForm() {
        // GIVEN a template that uses every short tag
        // WHEN the worker's variables are read
        Map<String, Object> variables = variables(SMALL.properties("Worker"));

        // THEN each is the long-form map CloudFormation's JSON syntax would have
        assertThat(variables)
                .containsEntry("TABLE_ARN", Map.of("Fn::GetAtt", List.of("Table", "Arn")))
                .containsEntry("TABLE_ARN_LIST", Map.of("Fn::GetAtt", List.of("Table", "Arn")))
                .containsEntry("QUEUE", Map.of("Ref", "Queue"))
                .containsEntry("SUB_WITH_VARS", Map.of("Fn::Sub",
                        List.of("${Name}-${Table.Arn}", Map.of("Name", Map.of("Ref", "Stage")))))
                .containsEntry("JOINED", Map.of("Fn::Join", List.of(",", List.of("a", Map.of("Ref", "Stage"), "c"))))
                .containsEntry("SELECTED", Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of("/", "x/y/z")))))
                .containsEntry("CONDITIONAL", Map.of("Fn::If",
                        List.of("IsProd", "prod-value", Map.of("Ref", "AWS::NoValue"))))
                .containsEntry("ENCODED", Map.of("Fn::Base64", "hello"))
                .containsEntry("IMPORTED", Map.of("Fn::ImportValue", "shared-vpc"))
                .containsEntry("ZONE", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))));
        assertThat(SMALL.properties("Worker").get("MemorySize"))
                .isEqualTo(Map.of("Fn::FindInMap", List.of("Sizes", Map.of("Ref", "Stage"), "Memory")));
        assertThat(SMALL.root().get("Conditions")).isEqualTo(Map.of(
                "IsProd", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")),
                "NotProd", Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd")))));
        // an unquoted date stays text, as CloudFormation reads it
        assertThat(SMALL.root().get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
    }

    /** ADR 0025: the template's shared blocks are YAML anchors merged with merge keys (sam deploy resolves them too). */
    @Test
    void load_sharedBlocksByMergeKey_areMergedIntoEachUser_theUsersOwnValuesWin(@TempDir Path dir) throws IOException {
        // GIVEN a shared block in Metadata, merged into two functions, one overriding a value
        Path file = Files.writeString(dir.resolve("template.yaml"), """
                Metadata:
                  Shared:
                    Cluster: &cluster
                      CLUSTER_AUTH: !Ref Auth
                      KUBERNETES_MASTER: ''
                    Model: &model
                      AWOOOI_LLM: none
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          <<: [*cluster, *model]
                          OWN: a
                  B:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          <<: *cluster
                          KUBERNETES_MASTER: https://b
                """);

        // WHEN it is read
        SamTemplate template = SamTemplate.load(file);

        // THEN each function has the block's variables as if written out, its own winning
        assertThat(variables(template.functionProperties("A"))).containsExactly(
                Map.entry("CLUSTER_AUTH", Map.of("Ref", "Auth")), Map.entry("KUBERNETES_MASTER", ""),
                Map.entry("AWOOOI_LLM", "none"), Map.entry("OWN", "a"));
        assertThat(variables(template.functionProperties("B"))).containsOnly(
                Map.entry("CLUSTER_AUTH", Map.of("Ref", "Auth")), Map.entry("KUBERNETES_MASTER", "https://b"));
    }

    @Test
    void load_realTemplate_everySharedBlockIsMerged_noMergeKeyLeft() {
        // GIVEN the real template, whose functions merge Metadata.AwoooiShared blocks
        SamTemplate template = SamTemplate.load(RepoRoot.template());

        // THEN no merge key survives in a function's properties or an alarm's
        for (String id : template.resources().keySet()) {
            assertThat(String.valueOf(template.resource(id))).as(id).doesNotContain("<<");
        }
        assertThat(variables(template.functionProperties("AnalysisFunction")))
                .containsKeys("APPROVERS_PARAMETER", "CLUSTER_AUTH", "EXECUTOR_KUBERNETES_USER", "AWOOOI_LLM",
                        "SLACK_CHANNEL");
    }

    @Test
    void functionProperties_smallTemplate_mergesMapsAndLetsFunctionScalarsAndListsWin() {
        // GIVEN a function overriding some Globals.Function values
        // WHEN merged
        Map<String, Object> worker = SMALL.functionProperties("Worker");

        // THEN maps merge key-wise, scalars and lists come from the function, the rest from Globals
        assertThat(variables(worker))
                .containsEntry("SHARED", "from-globals")
                .containsEntry("OVERRIDDEN", "from-function")
                .containsKey("TABLE_ARN");
        assertThat(worker)
                .containsEntry("Timeout", 30)
                .containsEntry("Layers", List.of("own-layer"))
                .containsEntry("Runtime", "java21")
                .containsEntry("Tags", Map.of("team", "ops"));
    }

    @Test
    void functionProperties_notAFunction_throwsNamingTheType() {
        // GIVEN a table's logical id
        // WHEN / THEN asking for function properties fails clearly
        assertThatThrownBy(() -> SMALL.functionProperties("Table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS::DynamoDB::Table");
    }

    @Test
    void resource_unknownLogicalId_throwsNamingIt() {
        assertThatThrownBy(() -> REAL.resource("NoSuchThing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchThing");
    }

    @Test
    void resources_loadedTree_isUnmodifiable() {
        // GIVEN a template shared by many tests
        Map<String, Object> table = REAL.properties("StateTable");

        // WHEN / THEN nobody can change it under the others
        assertThatThrownBy(() -> table.put("BillingMode", "PROVISIONED"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) table.get("KeySchema")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void load_missingFileOrNotATemplate_failsNamingTheFile(@TempDir Path dir) throws IOException {
        // GIVEN a missing file and a YAML file that is not a template
        Path missing = dir.resolve("missing.yaml");
        Path notATemplate = Files.writeString(dir.resolve("other.yaml"), "just: yaml\n");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "Resources: {\n  A: [\n");

        // WHEN / THEN loading fails with the file in the message
        assertThatThrownBy(() -> SamTemplate.load(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
        assertThatThrownBy(() -> SamTemplate.load(notATemplate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.yaml");
        assertThatThrownBy(() -> SamTemplate.load(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.yaml");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(Map<String, Object> functionProperties) {
        Map<String, Object> environment = (Map<String, Object>) functionProperties.get("Environment");
        return (Map<String, Object>) environment.get("Variables");
    }

    static Path resource(String name) {
        try {
            return Path.of(SamTemplateTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
