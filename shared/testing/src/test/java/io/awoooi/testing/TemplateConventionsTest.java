package io.awoooi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deployable template's promises, checked on the file itself: least privilege, dead-letter
 * queues with alarms, encryption, SnapStart, logs, throttling, and the defects of issue #12
 * "Deployable for real" (each test names the one it guards). cfn-lint runs in TemplateLintTest.
 */
class TemplateConventionsTest {
    private static final int ONE_MIB = 1024 * 1024;
    private static final List<String> FUNCTIONS = List.of("IntakeFunction", "ApprovalFunction", "RedactionFunction",
            "AnalysisFunction", "ExecutorFunction",
            "McpFunction", "FinOpsScanFunction", "DriftScanFunction", "ApprovalExpiryFunction");

    private final SamTemplate template = SamTemplate.load(RepoRoot.template());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    private Map<String, Object> props(String id) {
        return map(template.resource(id).get("Properties"));
    }

    private Map<String, Object> env(String fn) {
        return map(map(template.functionProperties(fn).get("Environment")).get("Variables"));
    }

    private Map<String, Object> parameter(String name) {
        return map(template.parameters().get(name));
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static String repoFile(String path) throws IOException {
        return Files.readString(RepoRoot.find().resolve(path));
    }

    // ------------------------------------------------------------------ least privilege

    @Test
    void functions_policies_haveNoWildcardActions_conditionalStatementsIncluded() {
        List<String> wildcards = new ArrayList<>();
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            for (Map<String, Object> statement : TemplatePolicies.statements(template, fn)) {
                if (!"Deny".equals(statement.get("Effect"))) { // the one Deny: sqsConsumers_...
                    assertThat(statement.get("Effect")).as(fn).isEqualTo("Allow");
                    assertThat(statement).as(fn).containsKey("Resource").doesNotContainKey("NotResource");
                }
                TemplatePolicies.actions(statement).stream().filter(a -> a.contains("*"))
                        .forEach(a -> wildcards.add(fn + ": " + a));
            }
        }
        assertThat(wildcards).isEmpty();
        assertThat(template.logicalIdsOfType(SamTemplate.FUNCTION)).containsExactlyElementsOf(FUNCTIONS);
    }

    /**
     * SAM attaches AWSLambdaSQSQueueExecutionRole (receive and delete on every queue of the account) to
     * a function with an SQS event. Each such function denies the message actions on every queue but
     * its events' own, so a compromised consumer reads no other queue (the raw alerts above all); no
     * other Deny is written, and no function without an SQS event needs one.
     */
    @Test
    void sqsConsumers_denyMessagesOfEveryQueueButTheirEventsOwn() {
        Set<String> messageActions = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
                "sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:PurgeQueue");
        List<String> consumers = new ArrayList<>();
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            List<Object> eventQueues = template.eventProperties(fn, "SQS").stream().map(e -> e.get("Queue")).toList();
            List<Map<String, Object>> denies = TemplatePolicies.statements(template, fn).stream()
                    .filter(st -> "Deny".equals(st.get("Effect"))).toList();
            if (eventQueues.isEmpty()) {
                assertThat(denies).as(fn + " (no SQS event)").isEmpty();
                continue;
            }
            consumers.add(fn);
            assertThat(denies).as(fn).singleElement().satisfies(deny -> {
                assertThat(deny.get("Sid")).isEqualTo("OnlyItsOwnQueueMessages");
                assertThat(new java.util.TreeSet<>(TemplatePolicies.actions(deny))).isEqualTo(messageActions);
                assertThat(deny).doesNotContainKey("Resource").doesNotContainKey("Condition");
                assertThat(new java.util.HashSet<>(list(deny.get("NotResource"))))
                        .isEqualTo(new java.util.HashSet<>(eventQueues));
            });
        }
        assertThat(consumers).containsExactlyInAnyOrder("RedactionFunction", "AnalysisFunction", "ExecutorFunction");
    }

    /**
     * Issue #13: a permission several functions need for the same reason is one managed policy. A
     * function that attaches it writes none of its grants again inline, and no function writes inline a
     * statement a managed policy holds (it attaches the policy, or its statement differs for a reason).
     */
    @Test
    void managedPolicies_noFunctionRepeatsInlineWhatAManagedPolicyHolds() {
        Map<String, List<Map<String, Object>>> managed = new java.util.LinkedHashMap<>();
        for (String policy : template.logicalIdsOfType(TemplatePolicies.MANAGED_POLICY)) {
            managed.put(policy, TemplatePolicies.statementsOf(map(props(policy).get("PolicyDocument"))));
        }
        assertThat(managed).as("the template's managed policies").isNotEmpty();
        List<String> repeats = new ArrayList<>();
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Set<String> attachedGrants = new LinkedHashSet<>();
            TemplatePolicies.managedPolicies(template, fn)
                    .forEach(p -> managed.get(p).forEach(st -> attachedGrants.addAll(grants(st))));
            for (Map<String, Object> statement : TemplatePolicies.inlineStatements(template, fn)) {
                for (String grant : grants(statement)) {
                    if (attachedGrants.contains(grant)) {
                        repeats.add(fn + " " + statement.get("Sid") + ": " + grant
                                + " (a managed policy it attaches grants it)");
                    }
                }
                managed.forEach((policy, statements) -> statements.stream().filter(st -> sameStatement(st, statement))
                        .forEach(st -> repeats.add(fn + " " + statement.get("Sid") + ": the statement " + st.get("Sid")
                                + " of " + policy)));
            }
        }
        assertThat(repeats).isEmpty();
    }

    /**
     * Every managed policy is attached by a function (none is dead), and one that exists only under a
     * Condition is attached only under that Condition: a !Ref to a resource the stack did not create
     * fails the deploy.
     */
    @Test
    void managedPolicies_areAttached_conditionalOnesOnlyUnderTheirCondition() {
        for (String policy : template.logicalIdsOfType(TemplatePolicies.MANAGED_POLICY)) {
            Object condition = template.resource(policy).get("Condition");
            List<String> holders = new ArrayList<>();
            for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
                for (TemplatePolicies.Attached attached : TemplatePolicies.documents(template, fn)) {
                    if (policy.equals(attached.managedPolicy())) {
                        holders.add(fn);
                        if (condition != null) {
                            Object written = list(template.functionProperties(fn).get("Policies")).stream()
                                    .filter(p -> TemplatePolicies.mentions(p, policy)).findFirst().orElseThrow();
                            assertThat(written).as(fn + " attaches " + policy)
                                    .isEqualTo(Map.of("Fn::If", List.of(condition, ref(policy), ref("AWS::NoValue"))));
                        }
                    }
                }
            }
            assertThat(holders).as(policy + " attached by").isNotEmpty();
            assertThat(String.valueOf(props(policy).get("Description"))).as(policy).startsWith("AWOOOI ");
        }
    }

    /** "action on resource" for each action and resource of a statement, with its condition if any. */
    private static List<String> grants(Map<String, Object> statement) {
        List<String> out = new ArrayList<>();
        for (String action : TemplatePolicies.actions(statement)) {
            for (Object resource : list(statement.get("Resource"))) {
                out.add(action + " on " + resource
                        + (statement.get("Condition") == null ? "" : " if " + statement.get("Condition")));
            }
        }
        return out;
    }

    private static boolean sameStatement(Map<String, Object> a, Map<String, Object> b) {
        return new java.util.TreeSet<>(TemplatePolicies.actions(a))
                .equals(new java.util.TreeSet<>(TemplatePolicies.actions(b)))
                && new java.util.HashSet<>(list(a.get("Resource")))
                        .equals(new java.util.HashSet<>(list(b.get("Resource"))))
                && java.util.Objects.equals(a.get("Condition"), b.get("Condition"));
    }

    /** Defect 2: rehydration runs DynamoDbVaultStore.entries, a Query (VaultStoreIamTest checks the operations). */
    @Test
    void vault_theExecutorQueriesIt_theRedactionQueriesAndPuts_nobodyElseNamesIt() {
        assertThat(TemplatePolicies.actionsOn(template, "ExecutorFunction", "VaultTable"))
                .containsExactly("dynamodb:Query");
        assertThat(TemplatePolicies.actionsOn(template, "RedactionFunction", "VaultTable"))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:PutItem");
        // the analysis, with labelled Kubernetes names only: reads labels by keyed hash and adds some,
        // sealed under a new data key; it can never decrypt (no kms:Decrypt on the vault key)
        assertThat(TemplatePolicies.actionsOn(template, "AnalysisFunction", "VaultTable"))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:PutItem");
        assertThat(TemplatePolicies.actionsOn(template, "AnalysisFunction", "VaultKey"))
                .containsExactly("kms:GenerateDataKey");
        Object analysisPolicies = template.functionProperties("AnalysisFunction").get("Policies");
        List<?> statements = (List<?>) ((Map<?, ?>) ((List<?>) analysisPolicies).get(0)).get("Statement");
        for (Object statement : statements) {
            boolean vault = TemplatePolicies.mentions(statement, "VaultTable")
                    || TemplatePolicies.mentions(statement, "VaultKey")
                    || TemplatePolicies.mentions(statement, "VaultHashKeySecret");
            if (vault) {
                assertThat(((Map<?, ?>) statement).get("Fn::If")).as("a vault statement of the analysis")
                        .isInstanceOfSatisfying(List.class,
                                branches -> assertThat(branches.get(0)).isEqualTo("LabelsKubernetesNames"));
            }
        }
        for (String fn : List.of("IntakeFunction", "ApprovalFunction")) {
            assertThat(TemplatePolicies.mentions(template.functionProperties(fn), "VaultTable")).as(fn).isFalse();
            assertThat(TemplatePolicies.mentions(template.functionProperties(fn), "VaultKey")).as(fn).isFalse();
        }
    }

    /**
     * Defect 7: only the functions that issue (the analysis, the MCP bridge for agents' proposals) or
     * verify (approval) links hold the key.
     */
    @Test
    void linkKey_onlyTheAnalysisAndTheApprovalFunctionHoldIt() {
        Set<String> holders = new LinkedHashSet<>();
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            if (TemplatePolicies.mentions(template.functionProperties(fn), "ApprovalLinkKeySecret")) {
                holders.add(fn);
            }
        }
        // the FinOps scan issues the links of its recommendations, as the analysis does for incidents;
        // the drift scan the Accept and Rollback links of its message (ADR 0023)
        assertThat(holders).containsExactlyInAnyOrder("AnalysisFunction", "ApprovalFunction", "McpFunction",
                "FinOpsScanFunction", "DriftScanFunction");
        assertThat(env("ExecutorFunction")).doesNotContainKeys("APPROVAL_LINK_KEY_SECRET_ARN", "PUBLIC_BASE_URL");
        for (String fn : List.of("AnalysisFunction", "ApprovalFunction", "McpFunction", "DriftScanFunction")) {
            assertThat(TemplatePolicies.actionsOn(template, fn, "ApprovalLinkKeySecret"))
                    .as(fn).containsExactly("secretsmanager:GetSecretValue");
        }
        // the executor still reads the chat secrets by prefix: that prefix must not cover the link key
        assertThat(String.valueOf(props("ApprovalLinkKeySecret").get("Name"))).doesNotContain("awoooi/notify/");
    }

    @Test
    void bedrock_allowsTheModelAndTheInferenceProfile_andTheModelsBehindTheProfileOnlyThroughIt() {
        List<Map<String, Object>> bedrock = TemplatePolicies.statements(template, "AnalysisFunction").stream()
                .filter(s -> TemplatePolicies.actions(s).contains("bedrock:InvokeModel")).toList();
        String resources = bedrock.stream().map(s -> String.valueOf(s.get("Resource"))).toList().toString();
        assertThat(resources).contains("foundation-model/${BedrockModelId}", "inference-profile/${BedrockModelId}",
                "bedrock:*::foundation-model/*");
        Map<String, Object> anyRegion = bedrock.stream()
                .filter(s -> String.valueOf(s.get("Resource")).contains("bedrock:*::foundation-model/*")).findFirst()
                .orElseThrow();
        assertThat(String.valueOf(anyRegion.get("Condition"))).contains("bedrock:InferenceProfileArn",
                "inference-profile/${BedrockModelId}");
        for (String fn : List.of("IntakeFunction", "ApprovalFunction", "RedactionFunction", "ExecutorFunction")) {
            assertThat(TemplatePolicies.statements(template, fn).stream()
                    .flatMap(s -> TemplatePolicies.actions(s).stream()))
                    .as(fn).noneMatch(a -> a.startsWith("bedrock:"));
        }
    }

    // ------------------------------------------------------------------ deployability (issue #12)

    /** Defect 1: a function behind the HTTP API that names the API is a cycle (cfn-lint E3004). */
    @Test
    void api_noFunctionBehindItNamesIt_andLinksPointAtItByDefault() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            boolean behindApi = map(template.functionProperties(fn).get("Events")).values().stream()
                    .anyMatch(e -> "HttpApi".equals(map(e).get("Type")));
            if (behindApi) {
                // its events name the API (that is how the routes are attached); nothing else may
                Map<String, Object> withoutEvents = new java.util.LinkedHashMap<>(template.functionProperties(fn));
                withoutEvents.remove("Events");
                assertThat(TemplatePolicies.mentions(withoutEvents, "Api")).as(fn).isFalse();
            }
        }
        // the analysis issues the links: with PublicBaseUrl left empty they point at the API's URL
        LocalResources resources = new LocalResources(template, Map.of());
        assertThat(parameter("PublicBaseUrl").get("Default")).isEqualTo("");
        assertThat(template.evaluate(env("AnalysisFunction").get("PUBLIC_BASE_URL"), resources))
                .isEqualTo(template.evaluate(map(template.outputs().get("ApiUrl")).get("Value"), resources));
        // the approval function's links (a drift Rollback's approval links) point at the parameter only,
        // else at the host the drift link came to: never at the API (that is the cycle)
        assertThat(env("ApprovalFunction").get("PUBLIC_BASE_URL")).isEqualTo(ref("PublicBaseUrl"));
    }

    /** Defect 3: SAM hashes the unresolved environment; the deploy's hash publishes every change. */
    @Test
    void versions_everyFunctionPublishesOnTheDeployHash_whichTheDeployMustGive() {
        for (String fn : FUNCTIONS) {
            assertThat(props(fn).get("AutoPublishCodeSha256")).as(fn).isEqualTo(ref("DeployHash"));
        }
        assertThat(parameter("DeployHash")).doesNotContainKey("Default").containsEntry("AllowedPattern",
                "^[0-9a-f]{64}$");
        Map<String, Object> globals = map(map(template.root().get("Globals")).get("Function"));
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(globals.get("VersionDeletionPolicy")).isEqualTo("Delete");
        assertThat(Files.isExecutable(RepoRoot.find().resolve("infra/sam/deploy-hash"))).isTrue();
        assertThat(Files.isExecutable(RepoRoot.find().resolve("infra/sam/deploy"))).isTrue();
    }

    /** Defect 4: eks by default, the Rules, the access entries and the roles' ARNs. */
    @Test
    void kubernetes_eksByDefault_rulesRequireTheSettings_accessEntriesMapBothRoles() throws IOException {
        assertThat(parameter("ClusterAuth").get("Default")).isEqualTo("eks");
        assertThat(list(parameter("ClusterAuth").get("AllowedValues"))).containsExactly("eks", "secret");
        Map<String, Object> rules = map(template.root().get("Rules"));
        assertThat(String.valueOf(rules.get("EksModeNamesTheCluster")))
                .contains("{Ref=ClusterAuth}, eks", "EksClusterName", "EksEndpoint", "EksCaData");
        assertThat(String.valueOf(rules.get("SecretModeNamesTheSecret"))).contains("{Ref=ClusterAuth}, secret",
                "ClusterSecretArn");

        Map<String, Object> analysis = props("AnalysisAccessEntry");
        Map<String, Object> executor = props("ExecutorAccessEntry");
        assertThat(template.resource("AnalysisAccessEntry").get("Condition")).isEqualTo("UsesEks");
        assertThat(template.resource("ExecutorAccessEntry").get("Condition")).isEqualTo("UsesEks");
        assertThat(analysis.get("PrincipalArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("AnalysisFunctionRole", "Arn")));
        assertThat(executor.get("PrincipalArn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("ExecutorFunctionRole", "Arn")));
        assertThat(String.valueOf(analysis.get("AccessPolicies"))).contains("AmazonEKSViewPolicy");
        assertThat(list(analysis.get("KubernetesGroups"))).containsExactly("awoooi:analysis");
        assertThat(repoFile("infra/kubernetes/awoooi-analysis-rbac.yaml")).contains("name: awoooi:analysis");
        // the executor: one fixed user, bound by the repository's RBAC manifest, and nothing else
        assertThat(executor).doesNotContainKeys("AccessPolicies", "KubernetesGroups").containsEntry("Username",
                "awoooi-executor");
        assertThat(repoFile("infra/kubernetes/awoooi-executor-rbac.yaml"))
                .contains("kind: User\n    name: awoooi-executor");
        // the analysis's dry-run asks about that user's RBAC in eks mode
        assertThat(env("AnalysisFunction").get("EXECUTOR_KUBERNETES_USER"))
                .isEqualTo(Map.of("Fn::If", List.of("UsesEks", "awoooi-executor", ref("ExecutorKubernetesUser"))));
        assertThat(template.outputs()).containsKeys("AnalysisRoleArn", "ExecutorRoleArn");
        // the cluster secret is readable only in secret mode
        for (String fn : List.of("AnalysisFunction", "ExecutorFunction")) {
            assertThat(TemplatePolicies.actionsOn(template, fn, "ClusterSecretArn")).as(fn)
                    .containsExactly("secretsmanager:GetSecretValue");
            assertThat(TemplatePolicies.documents(template, fn)).as(fn)
                    .anySatisfy(a -> assertThat(a).isEqualTo(new TemplatePolicies.Attached("ClusterCredentialsPolicy",
                            List.of("UsesClusterSecret"),
                            map(props("ClusterCredentialsPolicy").get("PolicyDocument")))));
        }
        assertThat(template.resource("ClusterCredentialsPolicy").get("Condition")).isEqualTo("UsesClusterSecret");
    }

    /** Defect 5: both functions that may need a VPC get one, with security groups, and endpoints are offered. */
    @Test
    void vpc_analysisAndExecutorMayRunInSubnets_withSecurityGroups_andOptionalEndpoints() throws IOException {
        Map<String, Object> rules = map(template.root().get("Rules"));
        for (String fn : List.of("Analysis", "Executor")) {
            Object vpc = props(fn + "Function").get("VpcConfig");
            assertThat(vpc).isEqualTo(Map.of("Fn::If", List.of(fn + "InVpc",
                    Map.of("SubnetIds", ref(fn + "SubnetIds"), "SecurityGroupIds", ref(fn + "SecurityGroupIds")),
                    ref("AWS::NoValue"))));
            assertThat(String.valueOf(rules.get(fn + "SubnetsNeedSecurityGroups")))
                    .contains("RuleCondition={Fn::Not=[{Fn::EachMemberEquals=[{Ref=" + fn + "SubnetIds}, ]}]}")
                    .contains("Assert={Fn::Not=[{Fn::EachMemberEquals=[{Ref=" + fn + "SecurityGroupIds}, ]}]}");
        }
        Set<String> services = new LinkedHashSet<>();
        for (String id : template.logicalIdsOfType("AWS::EC2::VPCEndpoint")) {
            assertThat(String.valueOf(template.resource(id).get("Condition"))).as(id).startsWith("Create");
            String service = String.valueOf(map(props(id).get("ServiceName")).get("Fn::Sub"));
            services.add(service.substring(service.lastIndexOf('.') + 1));
        }
        assertThat(services).containsExactlyInAnyOrder("dynamodb", "sqs", "kms", "secretsmanager", "ssm",
                "bedrock-runtime");
        assertThat(repoFile("docs/deploy.md")).contains("NAT", "VpcEndpointsVpcId", "AnalysisSubnetIds",
                "ExecutorSubnetIds");
    }

    /** Defect 6: message size, the analysis's batch and timeout, concurrency caps. */
    @Test
    void queues_takeWhatTheCodeSends_andTheAnalysisSurvivesTwoSlowModelCalls() {
        for (String q : template.logicalIdsOfType(SamTemplate.QUEUE)) {
            // SqsFifoPublisher.MAX_MESSAGE_BYTES: the code sends up to 1 MiB
            assertThat(props(q).get("MaximumMessageSize")).as(q).isEqualTo(ONE_MIB);
        }
        Map<String, Object> analysis = template.functionProperties("AnalysisFunction");
        Map<String, Object> incidents = map(map(map(analysis.get("Events")).get("Incidents")).get("Properties"));
        int batch = ((Number) incidents.get("BatchSize")).intValue();
        int modelSeconds = Integer.parseInt(String.valueOf(env("AnalysisFunction").get("AWOOOI_LLM_TIMEOUT_MS")))
                / 1000;
        int timeout = ((Number) analysis.get("Timeout")).intValue();
        // each event may wait for the model twice (one retry), plus the cluster reads and the writes
        assertThat(timeout).isGreaterThanOrEqualTo(batch * (2 * modelSeconds + 30));
        assertThat(batch).isEqualTo(1);
        for (String fn : List.of("AnalysisFunction", "ExecutorFunction")) {
            for (Map<String, Object> event : template.eventProperties(fn, "SQS")) {
                Object cap = map(event.get("ScalingConfig")).get("MaximumConcurrency");
                assertThat(cap).as(fn + ": it calls the Kubernetes API, the chat webhooks or the model")
                        .isInstanceOf(Integer.class);
                assertThat((Integer) cap).isBetween(2, 10);
            }
        }
    }

    @Test
    void functions_runJava21FromAModuleZipWithSnapStart() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> p = template.functionProperties(fn);
            assertThat(p.get("Runtime")).as(fn).isEqualTo("java21");
            assertThat(map(p.get("SnapStart")).get("ApplyOn")).as(fn).isEqualTo("PublishedVersions");
            assertThat(p.get("AutoPublishAlias")).as(fn + ": SnapStart needs published versions").isNotNull();
            String codeUri = String.valueOf(p.get("CodeUri"));
            assertThat(codeUri).as(fn).endsWith("/target/function.zip");
            Path module = template.directory().resolve(codeUri).normalize().getParent().getParent();
            assertThat(Files.exists(module.resolve("pom.xml"))).as(fn + " CodeUri names a Maven module").isTrue();
        }
    }

    // ------------------------------------------------------------------ operations

    @Test
    void logs_everyFunctionWritesJsonToItsOwnLogGroupWithRetention() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> logging = map(template.functionProperties(fn).get("LoggingConfig"));
            assertThat(logging.get("LogFormat")).as(fn).isEqualTo("JSON");
            String group = String.valueOf(map(logging.get("LogGroup")).get("Ref"));
            assertThat(template.typeOf(group)).as(fn).isEqualTo("AWS::Logs::LogGroup");
            assertThat(props(group).get("RetentionInDays")).as(group).isEqualTo(ref("LogRetentionDays"));
        }
    }

    @Test
    void api_isThrottledAndAccessLogged_withoutTheLinksTokens() {
        Map<String, Object> api = props("Api");
        Map<String, Object> throttling = map(api.get("DefaultRouteSettings"));
        assertThat(throttling).containsEntry("ThrottlingRateLimit", ref("ApiThrottlingRateLimit"))
                .containsEntry("ThrottlingBurstLimit", ref("ApiThrottlingBurstLimit"));
        Map<String, Object> accessLog = map(api.get("AccessLogSettings"));
        String group = String.valueOf(list(map(accessLog.get("DestinationArn")).get("Fn::GetAtt")).get(0));
        assertThat(props(group).get("RetentionInDays")).isEqualTo(ref("LogRetentionDays"));
        String format = String.valueOf(accessLog.get("Format"));
        assertThat(format).contains("$context.requestId", "$context.status", "$context.path")
                .doesNotContain("querystring", "$context.identity.sourceIp", "$request.");
    }

    @Test
    void alarms_onEveryDeadLetterQueue_everyFunctionsErrorsAndThrottles_andApi5xx_notifyingTheOptionalTopic() {
        List<Map<String, Object>> alarms = template.logicalIdsOfType("AWS::CloudWatch::Alarm").stream().map(this::props)
                .toList();
        Map<String, Object> topicActions = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(ref("AlarmTopicArn")),
                ref("AWS::NoValue")));
        for (Map<String, Object> alarm : alarms) {
            assertThat(alarm.get("AlarmActions")).isEqualTo(topicActions);
            assertThat(alarm.get("OKActions")).isEqualTo(topicActions);
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.get("Threshold")).isEqualTo(0);
        }
        assertThat(parameter("AlarmTopicArn").get("Default")).isEqualTo("");
        for (String q : template.logicalIdsOfType(SamTemplate.QUEUE)) {
            if (q.endsWith("DLQ")) {
                assertThat(alarms).as(q + " depth")
                        .anyMatch(a -> "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
                                && String.valueOf(a.get("Dimensions"))
                                        .equals("[{Name=QueueName, Value={Fn::GetAtt=[" + q + ", QueueName]}}]"));
            }
        }
        for (String fn : FUNCTIONS) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarms).as(fn + " " + metric).anyMatch(a -> metric.equals(a.get("MetricName"))
                        && "AWS/Lambda".equals(a.get("Namespace"))
                        && String.valueOf(a.get("Dimensions")).equals("[{Name=FunctionName, Value={Ref=" + fn + "}}]"));
            }
        }
        assertThat(alarms).as("API 5xx")
                .anyMatch(a -> "5xx".equals(a.get("MetricName")) && "AWS/ApiGateway".equals(a.get("Namespace"))
                        && String.valueOf(a.get("Dimensions")).equals("[{Name=ApiId, Value={Ref=Api}}]"));
    }

    @Test
    void queues_areEncryptedAndRedriveToADeadLetterQueueAfterFiveReceives() {
        List<String> queues = template.logicalIdsOfType(SamTemplate.QUEUE);
        assertThat(queues).contains("RawAlertsQueue", "RawAlertsDLQ");
        for (String q : queues) {
            Map<String, Object> p = props(q);
            assertThat(p.containsKey("KmsMasterKeyId") || Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")))
                    .as(q + " encrypted").isTrue();
            boolean isDeadLetterQueue = q.endsWith("DLQ");
            if (!isDeadLetterQueue) {
                Map<String, Object> redrive = map(p.get("RedrivePolicy"));
                assertThat(redrive.get("maxReceiveCount")).as(q).isEqualTo(5);
                String dlq = String.valueOf(list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0));
                assertThat(queues).as(q + " dead-letter queue").contains(dlq);
                assertThat(props(dlq).get("FifoQueue")).as("a FIFO queue needs a FIFO DLQ")
                        .isEqualTo(p.get("FifoQueue"));
            }
        }
    }

    @Test
    void sqsEventSources_reportBatchItemFailuresAndQueueVisibilityIsSixTimesTheTimeout() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> p = template.functionProperties(fn);
            for (Map<String, Object> ep : template.eventProperties(fn, "SQS")) {
                assertThat(list(ep.get("FunctionResponseTypes"))).as(fn).contains("ReportBatchItemFailures");
                String queue = String.valueOf(list(map(ep.get("Queue")).get("Fn::GetAtt")).get(0));
                int timeout = ((Number) p.get("Timeout")).intValue();
                assertThat(((Number) props(queue).get("VisibilityTimeout")).intValue()).as(queue)
                        .isGreaterThanOrEqualTo(6 * timeout);
            }
        }
    }

    // ------------------------------------------------------------------ state

    @Test
    void stateTable_isOnDemandWithRecoveryEncryptionAndTtl() {
        Map<String, Object> p = props("StateTable");
        assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(map(p.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
        assertThat(map(p.get("TimeToLiveSpecification")).get("AttributeName")).isEqualTo("expiresAt");
    }

    /** Deleting the stack forgets the real values (crypto-shredding, 30 days to undo); a replacement never does. */
    @Test
    void vaultKey_deletionPolicyIsChosenAndDocumented() throws IOException {
        Map<String, Object> key = template.resource("VaultKey");
        assertThat(key.get("DeletionPolicy")).isEqualTo("Delete");
        assertThat(key.get("UpdateReplacePolicy")).isEqualTo("Retain");
        assertThat(props("VaultKey").get("PendingWindowInDays")).isEqualTo(30);
        assertThat(template.resource("VaultTable").get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(repoFile("docs/security.md")).contains("VaultKey", "DeletionPolicy", "cancel-key-deletion");
    }

    /** The stack reads the approvers and owns no SSM parameter: no update can overwrite the people. */
    @Test
    void approvers_areAParameterTheStackReadsButNeverWrites() {
        assertThat(template.logicalIdsOfType("AWS::SSM::Parameter")).isEmpty();
        assertThat(parameter("ApproversParameterName").get("Default")).isEqualTo("/awoooi/approvers");
        for (String fn : List.of("ApprovalFunction", "AnalysisFunction", "ExecutorFunction")) {
            assertThat(env(fn).get("APPROVERS_PARAMETER")).as(fn).isEqualTo(ref("ApproversParameterName"));
        }
        for (String fn : FUNCTIONS) {
            assertThat(TemplatePolicies.statements(template, fn).stream()
                    .flatMap(s -> TemplatePolicies.actions(s).stream()))
                    .as(fn).allMatch(a -> !a.startsWith("ssm:") || a.equals("ssm:GetParameter"));
        }
        // the local runtime serves it from the demo directory
        assertThat(map(map(map(template.root().get("Metadata")).get("AwoooiLocal")).get("SsmParameters")))
                .containsEntry("ApproversParameterName", "infra/local/demo/approvers.json");
    }

    @Test
    void secrets_areGeneratedAndServedLocallyFromNamedVariables() {
        for (String s : template.logicalIdsOfType("AWS::SecretsManager::Secret")) {
            if (s.equals("ApproverConsoleTokensSecret")) {
                // a document people write (one token per approver): it starts empty, so nobody can sign in
                assertThat(props(s)).as(s).containsEntry("SecretString", "{}")
                        .doesNotContainKey("GenerateSecretString");
                assertThat(map(map(template.resource(s).get("Metadata")).get("AwoooiLocal")))
                        .containsEntry("TokensPerApproverOf", "ApproversParameterName");
            } else {
                assertThat(props(s)).as(s).containsKey("GenerateSecretString");
            }
            assertThat(map(map(template.resource(s).get("Metadata")).get("AwoooiLocal")).get("ValueFromEnv"))
                    .as(s).asString().startsWith("AWOOOI_");
        }
        assertThat(template.outputs()).containsKeys("ApiUrl", "AlertmanagerWebhookUrl");
    }

    /**
     * Issue #16: approvers' console tokens are read by the console's function alone; the expiry sweep
     * (the approval function's code, its own role) holds no link key, sends no order, reads no
     * operator, session or approver token, and queries only the pending index.
     */
    @Test
    void approvals_onlyTheConsoleReadsApproverTokens_theExpirySweepExpiresButNeverApprovesOrDispatches() {
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            boolean mentions = TemplatePolicies.mentions(template.functionProperties(fn),
                    "ApproverConsoleTokensSecret");
            assertThat(mentions).as(fn).isEqualTo(fn.equals("ApprovalFunction"));
        }
        assertThat(TemplatePolicies.actionsOn(template, "ApprovalFunction", "ApproverConsoleTokensSecret"))
                .containsExactly("secretsmanager:GetSecretValue");
        Map<String, Object> expiry = template.functionProperties("ApprovalExpiryFunction");
        for (String resource : List.of("ApprovalLinkKeySecret", "OperatorTokenSecret", "ConsoleSessionKeySecret",
                "VaultTable", "VaultKey", "QueueKey", "TrustTable")) {
            assertThat(TemplatePolicies.actionsOn(template, "ApprovalExpiryFunction", resource)).as(resource).isEmpty();
        }
        assertThat(String.valueOf(expiry.get("Policies"))).doesNotContain("ExecutionsQueue",
                "sqs:SendMessage, Resource={Fn::GetAtt=[ExecutionsQueue");
        assertThat(String.valueOf(expiry.get("Policies"))).contains("/index/PendingExpiry");
        assertThat(map(map(expiry.get("Environment")).get("Variables")))
                .containsEntry("QUARKUS_LAMBDA_HANDLER", "approval-expiry")
                .doesNotContainKey("APPROVAL_LINK_KEY_SECRET_ARN");
        assertThat(expiry.get("CodeUri")).isEqualTo(template.functionProperties("ApprovalFunction").get("CodeUri"));
    }

    /**
     * Issue #17: the MCP bridge lets outside agents propose, never act. Its role has no queue, no KMS
     * key and no vault, and it names neither the API (ADR 0012) nor the executions queue.
     */
    @Test
    void mcp_proposesButNeverDispatches_readsNoVault_andNamesNoApi() {
        List<String> actions = TemplatePolicies.statements(template, "McpFunction").stream()
                .flatMap(st -> TemplatePolicies.actions(st).stream()).toList();
        assertThat(actions).noneMatch(a -> a.startsWith("sqs:") || a.startsWith("kms:") || a.startsWith("bedrock:"));
        Map<String, Object> props = template.functionProperties("McpFunction");
        for (String resource : List.of("ExecutionsQueue", "VaultTable", "VaultKey", "VaultHashKeySecret", "QueueKey",
                "OperatorTokenSecret", "IntakeTokenSecret")) {
            assertThat(TemplatePolicies.mentions(props, resource)).as(resource).isFalse();
        }
        assertThat(TemplatePolicies.actionsOn(template, "McpFunction", "AgentTokensSecret"))
                .containsExactly("secretsmanager:GetSecretValue");
        // the agents' token is read by the bridge alone, and the bridge reads no other function's token
        for (String fn : template.logicalIdsOfType(SamTemplate.FUNCTION)) {
            if (!fn.equals("McpFunction")) {
                assertThat(TemplatePolicies.mentions(template.functionProperties(fn), "AgentTokensSecret")).as(fn)
                        .isFalse();
            }
        }
        assertThat(String.valueOf(map(props.get("Events")).values())).contains("Path=/mcp, Method=POST");
    }
}
