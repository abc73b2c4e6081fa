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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * infra/terraform is the stack of infra/sam/template.yaml for Terraform users, and stays so: every
 * .tf file is parsed by a real HCL parser (HashiCorp's, as the npm package @cdktf/hcl2json from the
 * committed lockfile, run by infra/terraform/test/hcl2json.mjs) and compared with the template.
 * Functions, handlers, memory, timeouts, environment names (shared blocks included), IAM statements
 * (inline, their effect and Resource or NotResource, and the shared policies each function attaches), routes, SQS event sources, schedules,
 * queues, tables, variables, outputs, the API stage, log groups, alarms and EKS access entries: any
 * difference fails, and the message lists every one.
 *
 * <p>The names follow one rule (infra/terraform/README.md): snake_case of the SAM name. A function
 * FooFunction is module.foo (every function is modules/lambda_function, with its Errors and Throttles
 * alarms), a resource FooBar is aws_*.foo_bar (a key foo_bar of a for_each map for the other alarms,
 * interface endpoints and the shared policies, which are the template's managed policies), a parameter
 * FooBar is var.foo_bar, a Condition FooBar is local.foo_bar and an output FooBar is output.foo_bar.
 * References are compared by that rule: SAM's {@code !GetAtt StateTable.Arn} and {@code !Ref StateTable}
 * and Terraform's {@code aws_dynamodb_table.state_table.arn} all name the target {@code {StateTable}}.
 *
 * <p>Needs Node.js and the npm packages: under CI=true a missing one fails (.ci/run installs both);
 * elsewhere the test is skipped with a message saying what to install.
 */
class TerraformParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = RepoRoot.find();
    private static final Path TERRAFORM = ROOT.resolve("infra/terraform");
    private static final Path SCRIPT = TERRAFORM.resolve("test/hcl2json.mjs");

    /**
     * The SAM policy templates (SQSSendMessagePolicy, ...) the template uses, expanded to the actions
     * SAM's policy_templates.json gives them. The template uses none (every function has inline
     * statements only), so the table is empty; a policy template added to the template fails this test
     * until its expansion is written here (and its statements in infra/terraform).
     */
    private static final Map<String, List<String>> POLICY_TEMPLATES = Map.of();

    /** Terraform-only variables: SAM has the stack's Region, name and the zips' place by itself. */
    private static final Set<String> TERRAFORM_ONLY_VARIABLES = Set.of("region", "stack_name", "functions_dir");

    /**
     * SAM parameters Terraform does not need: DeployHash makes SAM publish a version when only a
     * parameter changed (ADR 0012); Terraform publishes one whenever the configuration changes.
     */
    private static final Set<String> SAM_ONLY_PARAMETERS = Set.of("DeployHash");

    private static JsonNode files;
    private static String skipped;
    private final SamTemplate template = SamTemplate.load(RepoRoot.template());
    private final List<String> differences = new ArrayList<>();

    @BeforeAll
    static void parseTerraform() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String problem = null;
        try {
            if (run(List.of("node", "--version")).exit() != 0) {
                problem = "node does not run";
            }
        } catch (IOException e) {
            problem = "Node.js is not installed (node is not on the PATH)";
        }
        if (problem == null && !Files.isDirectory(ROOT.resolve("node_modules/@cdktf/hcl2json"))) {
            problem = "node_modules/@cdktf/hcl2json is missing (run npm ci, or ./awoooi, in the repository root)";
        }
        if (problem != null) {
            if (ci) {
                fail(problem + ": CI=true, so the Terraform parity check may not be skipped");
            }
            skipped = problem + "; TerraformParityTest skipped outside CI";
            return;
        }
        Run parsed = run(List.of("node", SCRIPT.toString(), TERRAFORM.toString()));
        assertThat(parsed.exit()).as("node infra/terraform/test/hcl2json.mjs: " + parsed.err()).isZero();
        files = JSON.readTree(parsed.out());
        assertThat(files.has("main.tf") && files.has("modules/lambda_function/main.tf"))
                .as("hcl2json.mjs output: " + files.fieldNames()).isTrue();
    }

    /** Each test is reported as skipped, with the reason, when Node.js or the package is missing outside CI. */
    @BeforeEach
    void requireTheParser() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    // ------------------------------------------------------------------ the comparisons

    @Test
    void functions_oneModuleEach_sameShapeHandlerRuntimeMemoryTimeoutArchitecturesAndFeatures() {
        Map<String, String> expected = new TreeMap<>();
        for (String fn : functions()) {
            expected.put(moduleName(fn), shape(fn));
        }
        Map<String, String> actual = new TreeMap<>();
        rootModules().forEach((name, module) -> actual.put(name, module.path("source").asText()));
        compare("functions (module name -> source)", expected, actual);

        for (String fn : functions()) {
            JsonNode module = rootModules().get(moduleName(fn));
            if (module == null) {
                continue;
            }
            Map<String, Object> props = template.functionProperties(fn);
            String where = fn + " / module." + moduleName(fn);
            compare(where + ": Handler", samScalar(props.get("Handler")), moduleArgument(module, "handler"));
            compare(where + ": Runtime", samScalar(props.get("Runtime")), moduleArgument(module, "runtime"));
            compare(where + ": MemorySize", samScalar(props.get("MemorySize")), moduleArgument(module, "memory_size"));
            compare(where + ": Timeout", samScalar(props.get("Timeout")), moduleArgument(module, "timeout"));
            compare(where + ": Architectures", String.valueOf(props.get("Architectures")),
                    moduleArgument(module, "architectures"));
            compare(where + ": AutoPublishAlias", samScalar(props.get("AutoPublishAlias")),
                    moduleArgument(module, "alias_name"));

            JsonNode function = moduleResource(module, "aws_lambda_function", "this");
            compare(where + ": Tracing", samScalar(props.get("Tracing")),
                    text(function.path("tracing_config").path(0).path("mode")));
            compare(where + ": SnapStart.ApplyOn", samScalar(map(props.get("SnapStart")).get("ApplyOn")),
                    text(function.path("snap_start").path(0).path("apply_on")));
            compare(where + ": LoggingConfig.LogFormat", samScalar(map(props.get("LoggingConfig")).get("LogFormat")),
                    text(function.path("logging_config").path(0).path("log_format")));
            compare(where + ": publishes versions", "true", text(function.path("publish")));
        }
        assertNoDifferences();
    }

    @Test
    void functions_sameEnvironmentVariableNames() {
        for (String fn : functions()) {
            JsonNode module = rootModules().get(moduleName(fn));
            if (module == null) {
                differences.add(fn + ": no module." + moduleName(fn));
                continue;
            }
            Set<String> expected = new TreeSet<>(
                    map(map(template.functionProperties(fn).get("Environment")).get("Variables")).keySet());
            Set<String> actual = new TreeSet<>();
            List<JsonNode> blocks = new ArrayList<>(
                    List.of(module.path("common_environment"), module.path("environment")));
            module.path("shared_environments").forEach(blocks::add); // the template's Metadata.AwoooiShared blocks
            for (JsonNode block : blocks) {
                JsonNode value = block;
                Matcher local = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(value.asText());
                if (local.matches()) {
                    value = rootLocal(local.group(1));
                }
                value.fieldNames().forEachRemaining(actual::add);
            }
            compare(fn + ": environment variable names", expected, actual);
        }
        assertNoDifferences();
    }

    @Test
    void functions_sameIamStatements_actionByAction_onTheSameTargets_andTheSameManagedPolicies() {
        for (String fn : functions()) {
            JsonNode module = rootModules().get(moduleName(fn));
            if (module == null) {
                differences.add(fn + ": no module." + moduleName(fn));
                continue;
            }
            compare(fn + ": policy statements (Sid -> when, actions, resources, condition)", samStatements(fn),
                    terraformStatements(module.path("policy_statements")));
            compare(fn + ": managed policies", samManagedPolicies(fn),
                    new TreeSet<>(stringList(moduleArgumentNode(module, "managed_policies"))));
            Set<String> shared = new TreeSet<>();
            TemplatePolicies.managedPolicies(template, fn).forEach(policy -> shared.add(snake(policy)));
            compare(fn + ": shared policies (the template's managed policies it attaches)", shared,
                    new TreeSet<>(stringList(module.path("shared_policies"))));
            compare(fn + ": shared policies' ARNs", "${local.shared_policy_arns}",
                    text(module.path("shared_policy_arns")));
        }
        assertNoDifferences();
    }

    /**
     * The template's managed policies (AWS::IAM::ManagedPolicy) are the keys of local.shared_policies
     * (shared_policies.tf), with the same statements and created under the same Condition.
     */
    @Test
    void sharedPolicies_theTemplatesManagedPolicies_sameStatementsUnderTheSameCondition() {
        Map<String, JsonNode> tf = new TreeMap<>();
        rootLocal("shared_policies").properties().forEach(e -> tf.put(e.getKey(), e.getValue()));
        compare("shared policies", names(template.logicalIdsOfType(TemplatePolicies.MANAGED_POLICY)), tf.keySet());
        for (String id : template.logicalIdsOfType(TemplatePolicies.MANAGED_POLICY)) {
            JsonNode policy = tf.get(snake(id));
            if (policy == null) {
                continue;
            }
            Object condition = template.resource(id).get("Condition");
            Matcher local = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(policy.path("enabled").asText());
            compare(id + ": created", condition == null ? "always" : "if " + snake(String.valueOf(condition)),
                    local.matches() ? "if " + local.group(1) : policy.path("enabled").asBoolean(false) ? "always"
                            : "enabled = " + policy.path("enabled"));
            compare(id + ": statements (Sid -> when, actions, resources, condition)",
                    samStatements(id, map(template.properties(id).get("PolicyDocument"))),
                    terraformStatements(policy.path("statements")));
            compare(id + ": description", String.valueOf(template.properties(id).get("Description")),
                    text(policy.path("description")));
        }
        assertThat(rootResources("aws_iam_policy").get("shared").path("for_each").asText())
                .contains("local.shared_policies");
        assertNoDifferences();
    }

    @Test
    void functions_sameRoutesEventSourcesAndSchedules() {
        for (String fn : functions()) {
            JsonNode module = rootModules().get(moduleName(fn));
            if (module == null) {
                differences.add(fn + ": no module." + moduleName(fn));
                continue;
            }
            Set<String> routes = new TreeSet<>();
            Set<String> queues = new TreeSet<>();
            Set<String> schedules = new TreeSet<>();
            for (Object e : map(template.functionProperties(fn).get("Events")).values()) {
                Map<String, Object> event = map(e);
                Map<String, Object> p = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(p.get("Method") + " " + p.get("Path"));
                    case "SQS" -> queues.add(eventSource(samCanon(p.get("Queue")), samScalar(p.get("BatchSize")),
                            list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                            samScalar(map(p.get("ScalingConfig")).get("MaximumConcurrency"))));
                    // Schedule events name it Schedule, ScheduleV2 events ScheduleExpression
                    case "Schedule", "ScheduleV2" -> schedules.add(
                            samScalar(p.containsKey("Schedule") ? p.get("Schedule") : p.get("ScheduleExpression")));
                    default -> differences
                            .add(fn + ": an event of type " + event.get("Type") + " this test does not know: teach it");
                }
            }
            compare(fn + ": routes", routes, new TreeSet<>(stringList(module.path("routes"))));
            Set<String> tfQueues = new TreeSet<>();
            for (JsonNode source : module.path("event_sources")) {
                tfQueues.add(eventSource(tfCanon(source.path("queue_arn").asText()), text(source.path("batch_size")),
                        !source.has("report_batch_item_failures")
                                || source.path("report_batch_item_failures").asBoolean(),
                        source.has("maximum_concurrency") ? text(source.path("maximum_concurrency")) : null));
            }
            compare(fn + ": SQS event sources", queues, tfQueues);
            // a schedule given as ${var.x} is that variable's default, as a SAM Ref is its parameter's Default
            compare(fn + ": schedules", schedules,
                    new TreeSet<>(stringList(module.path("schedules")).stream().map(expression -> {
                        Matcher var = Pattern.compile("^\\$\\{var\\.(\\w+)}$").matcher(expression);
                        return var.matches()
                                ? rootBlocks("variable").getOrDefault(var.group(1), JSON.missingNode()).path("default")
                                        .asText()
                                : expression;
                    }).toList()));
        }
        // one module for every function: no module per kind of trigger to keep in step with it
        try (var modules = Files.list(TERRAFORM.resolve("modules"))) {
            assertThat(modules.map(m -> m.getFileName().toString()).toList()).containsExactly("lambda_function");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertNoDifferences();
    }

    @Test
    void queues_sameFifoVisibilityRetentionSizeEncryptionAndRedrive() {
        Map<String, JsonNode> tf = rootResources("aws_sqs_queue");
        compare("queues", names(template.logicalIdsOfType(SamTemplate.QUEUE)), tf.keySet());
        for (String id : template.logicalIdsOfType(SamTemplate.QUEUE)) {
            JsonNode q = tf.get(snake(id));
            if (q == null) {
                continue;
            }
            Map<String, Object> p = template.properties(id);
            compare(id + ": FifoQueue", samScalar(p.get("FifoQueue")), text(q.path("fifo_queue")));
            compare(id + ": ContentBasedDeduplication", samScalar(p.get("ContentBasedDeduplication")),
                    text(q.path("content_based_deduplication")));
            compare(id + ": VisibilityTimeout", samScalar(p.get("VisibilityTimeout")),
                    text(q.path("visibility_timeout_seconds")));
            compare(id + ": MessageRetentionPeriod", samScalar(p.get("MessageRetentionPeriod")),
                    text(q.path("message_retention_seconds")));
            compare(id + ": MaximumMessageSize", samScalar(p.get("MaximumMessageSize")),
                    text(q.path("max_message_size")));
            compare(id + ": DelaySeconds", samScalar(p.get("DelaySeconds")), text(q.path("delay_seconds")));
            compare(id + ": KmsMasterKeyId", p.containsKey("KmsMasterKeyId") ? samCanon(p.get("KmsMasterKeyId")) : null,
                    q.has("kms_master_key_id") ? tfCanon(q.path("kms_master_key_id").asText()) : null);
            compare(id + ": KmsDataKeyReusePeriodSeconds", samScalar(p.get("KmsDataKeyReusePeriodSeconds")),
                    text(q.path("kms_data_key_reuse_period_seconds")));
            Map<String, Object> redrive = map(p.get("RedrivePolicy"));
            String expected = redrive.isEmpty() ? null
                    : samCanon(redrive.get("deadLetterTargetArn")) + " after "
                            + samScalar(redrive.get("maxReceiveCount"));
            String actual = null;
            if (q.has("redrive_policy")) {
                String policy = q.path("redrive_policy").asText();
                Matcher target = Pattern.compile("deadLetterTargetArn\\s*=\\s*(aws_sqs_queue\\.\\w+\\.arn)")
                        .matcher(policy);
                Matcher count = Pattern.compile("maxReceiveCount\\s*=\\s*(\\d+)").matcher(policy);
                actual = (target.find() ? tfCanon("${" + target.group(1) + "}") : "?") + " after "
                        + (count.find() ? count.group(1) : "?");
            }
            compare(id + ": RedrivePolicy", expected, actual);
        }
        assertNoDifferences();
    }

    @Test
    void tables_sameKeysIndexesTtlRecoveryAndEncryption() {
        Map<String, JsonNode> tf = rootResources("aws_dynamodb_table");
        compare("tables", names(template.logicalIdsOfType(SamTemplate.TABLE)), tf.keySet());
        for (String id : template.logicalIdsOfType(SamTemplate.TABLE)) {
            JsonNode t = tf.get(snake(id));
            if (t == null) {
                continue;
            }
            Map<String, Object> p = template.properties(id);
            compare(id + ": BillingMode", samScalar(p.get("BillingMode")), text(t.path("billing_mode")));
            compare(id + ": KeySchema", keys(p.get("KeySchema")), keys(t));
            Set<String> attributes = new TreeSet<>();
            list(p.get("AttributeDefinitions"))
                    .forEach(a -> attributes.add(map(a).get("AttributeName") + ":" + map(a).get("AttributeType")));
            Set<String> tfAttributes = new TreeSet<>();
            t.path("attribute").forEach(a -> tfAttributes.add(a.path("name").asText() + ":" + a.path("type").asText()));
            compare(id + ": AttributeDefinitions", attributes, tfAttributes);
            Set<String> indexes = new TreeSet<>();
            list(p.get("GlobalSecondaryIndexes"))
                    .forEach(i -> indexes.add(map(i).get("IndexName") + " " + keys(map(i).get("KeySchema"))
                            + " " + map(map(i).get("Projection")).get("ProjectionType")));
            Set<String> tfIndexes = new TreeSet<>();
            t.path("global_secondary_index").forEach(i -> tfIndexes
                    .add(i.path("name").asText() + " " + keys(i) + " " + i.path("projection_type").asText()));
            compare(id + ": GlobalSecondaryIndexes", indexes, tfIndexes);
            compare(id + ": LocalSecondaryIndexes", list(p.get("LocalSecondaryIndexes")).size(),
                    t.path("local_secondary_index").size());
            Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
            compare(id + ": TimeToLiveSpecification",
                    ttl.isEmpty() ? null : ttl.get("AttributeName") + " enabled=" + ttl.get("Enabled"),
                    t.has("ttl") ? text(t.path("ttl").path(0).path("attribute_name")) + " enabled="
                            + text(t.path("ttl").path(0).path("enabled")) : null);
            compare(id + ": PointInTimeRecoveryEnabled",
                    samScalar(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")),
                    text(t.path("point_in_time_recovery").path(0).path("enabled")));
            compare(id + ": SSEEnabled", samScalar(map(p.get("SSESpecification")).get("SSEEnabled")),
                    text(t.path("server_side_encryption").path(0).path("enabled")));
            compare(id + ": DeletionPolicy Retain = prevent_destroy",
                    "Retain".equals(template.resource(id).get("DeletionPolicy")),
                    t.path("lifecycle").path(0).path("prevent_destroy").asBoolean(false));
        }
        assertNoDifferences();
    }

    @Test
    void variablesAndOutputs_theTemplatesParametersAndOutputs() {
        Map<String, String> expected = new TreeMap<>();
        template.parameters().forEach((name, p) -> {
            if (!SAM_ONLY_PARAMETERS.contains(name)) {
                Map<String, Object> parameter = map(p);
                Object fallback = parameter.get("Default");
                boolean isList = "CommaDelimitedList".equals(parameter.get("Type"));
                expected.put(snake(name),
                        isList ? "[]" + (fallback == null || "".equals(fallback) ? "" : " " + fallback)
                                : String.valueOf(fallback));
            }
        });
        Map<String, String> actual = new TreeMap<>();
        rootBlocks("variable").forEach((name, v) -> {
            if (!TERRAFORM_ONLY_VARIABLES.contains(name)) {
                JsonNode fallback = v.path("default");
                actual.put(name, fallback.isArray() ? (fallback.isEmpty() ? "[]" : "[] " + fallback)
                        : fallback.isMissingNode() ? "null" : fallback.asText());
            }
        });
        compare("variables (name -> default)", expected, actual);
        compare("outputs", names(new ArrayList<>(template.outputs().keySet())), rootBlocks("output").keySet());
        assertNoDifferences();
    }

    @Test
    void apiLogsAlarmsAndAccessEntries_sameThrottlingAccessLogRetentionAlarmsAndEksAccess() {
        // the HTTP API's stage: throttling and the access log's fields
        Map<String, Object> api = template.properties("Api");
        JsonNode stage = rootResources("aws_apigatewayv2_stage").getOrDefault("api", JSON.missingNode());
        Map<String, Object> throttling = map(api.get("DefaultRouteSettings"));
        compare("Api: ThrottlingRateLimit", samCanon(throttling.get("ThrottlingRateLimit")),
                tfCanon(stage.path("default_route_settings").path(0).path("throttling_rate_limit").asText()));
        compare("Api: ThrottlingBurstLimit", samCanon(throttling.get("ThrottlingBurstLimit")),
                tfCanon(stage.path("default_route_settings").path(0).path("throttling_burst_limit").asText()));
        JsonNode access = stage.path("access_log_settings").path(0);
        compare("Api: access log destination", samCanon(map(api.get("AccessLogSettings")).get("DestinationArn")),
                tfCanon(access.path("destination_arn").asText()));
        Map<String, String> format = new TreeMap<>();
        try {
            JSON.readTree(String.valueOf(map(api.get("AccessLogSettings")).get("Format"))).properties().iterator()
                    .forEachRemaining(e -> format.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            differences.add("Api: the access log Format is not JSON: " + e.getMessage());
        }
        Map<String, String> tfFormat = new TreeMap<>();
        Matcher field = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"").matcher(access.path("format").asText());
        while (field.find()) {
            tfFormat.put(field.group(1), field.group(2));
        }
        compare("Api: access log format", format, tfFormat);

        // log groups: name and retention (a function's own one is in its module)
        for (String id : template.logicalIdsOfType("AWS::Logs::LogGroup")) {
            Map<String, Object> p = template.properties(id);
            String expected = samCanon(p.get("LogGroupName")) + " kept " + samCanon(p.get("RetentionInDays"));
            String owner = functions().stream()
                    .filter(fn -> id.equals(
                            map(map(template.functionProperties(fn).get("LoggingConfig")).get("LogGroup")).get("Ref")))
                    .findFirst().orElse(null);
            String actual;
            if (owner == null) {
                JsonNode group = rootResources("aws_cloudwatch_log_group").getOrDefault(snake(id), JSON.missingNode());
                actual = tfCanon(group.path("name").asText()) + " kept "
                        + tfCanon(group.path("retention_in_days").asText());
            } else {
                JsonNode module = rootModules().getOrDefault(moduleName(owner), JSON.missingNode());
                JsonNode group = moduleResource(module, "aws_cloudwatch_log_group", "this");
                String name = group.path("name").asText().replace("${var.name}", module.path("name").asText())
                        .replace("${var.stack_name}", module.path("stack_name").asText());
                actual = tfCanon(name) + " kept " + tfCanon(module.path("log_retention_days").asText());
            }
            compare(id + ": log group", expected, actual);
        }

        // alarms: what each watches and when it fires
        Map<String, String> alarms = new TreeMap<>();
        for (String id : template.logicalIdsOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = template.properties(id);
            Map<String, Object> dimension = map(list(p.get("Dimensions")).get(0));
            alarms.put(snake(id), alarm(String.valueOf(p.get("Namespace")), String.valueOf(p.get("MetricName")),
                    dimension.get("Name") + "=" + samCanon(dimension.get("Value")), samScalar(p.get("Statistic")),
                    samScalar(p.get("Period")),
                    samScalar(p.get("EvaluationPeriods")), samScalar(p.get("Threshold")),
                    samScalar(p.get("ComparisonOperator")),
                    samScalar(p.get("TreatMissingData"))));
        }
        Map<String, String> tfAlarms = new TreeMap<>();
        rootResources("aws_cloudwatch_metric_alarm").forEach((name, r) -> {
            Matcher each = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(r.path("for_each").asText());
            Map<String, JsonNode> entries = new TreeMap<>();
            if (each.matches()) {
                rootLocal(each.group(1)).properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
            } else {
                entries.put(name, JSON.createObjectNode());
            }
            entries.forEach((key, entry) -> {
                Map.Entry<String, JsonNode> dimension = r.path("dimensions").properties().iterator().next();
                tfAlarms.put(key, alarm(eachValue(r.path("namespace"), entry), eachValue(r.path("metric_name"), entry),
                        dimension.getKey() + "=" + tfCanon(eachValue(dimension.getValue(), entry)),
                        eachValue(r.path("statistic"), entry),
                        eachValue(r.path("period"), entry), eachValue(r.path("evaluation_periods"), entry),
                        eachValue(r.path("threshold"), entry),
                        eachValue(r.path("comparison_operator"), entry),
                        eachValue(r.path("treat_missing_data"), entry)));
            });
        });
        // a function's Errors and Throttles alarms are its module's: local.alarms of modules/lambda_function
        for (String fn : functions()) {
            JsonNode module = rootModules().get(moduleName(fn));
            if (module == null) {
                continue;
            }
            JsonNode r = moduleResource(module, "aws_cloudwatch_metric_alarm", "function");
            Matcher each = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(r.path("for_each").asText());
            if (!each.matches()) {
                differences.add(
                        fn + ": the module's function alarms are not a for_each over a local map: teach this test");
                continue;
            }
            moduleLocal(module, each.group(1)).properties().forEach(e -> {
                Map.Entry<String, JsonNode> dimension = r.path("dimensions").properties().iterator().next();
                String target = eachValue(dimension.getValue(), e.getValue())
                        .replace("${aws_lambda_function.this.function_name}", "{" + fn + "}");
                tfAlarms.put(moduleName(fn) + "_" + e.getKey() + "_alarm",
                        alarm(eachValue(r.path("namespace"), e.getValue()),
                                eachValue(r.path("metric_name"), e.getValue()),
                                dimension.getKey() + "=" + tfCanon(target),
                                eachValue(r.path("statistic"), e.getValue()),
                                eachValue(r.path("period"), e.getValue()),
                                eachValue(r.path("evaluation_periods"), e.getValue()),
                                eachValue(r.path("threshold"), e.getValue()),
                                eachValue(r.path("comparison_operator"), e.getValue()),
                                eachValue(r.path("treat_missing_data"), e.getValue())));
            });
        }
        compare("alarms", alarms, tfAlarms);

        // EKS access entries: whose role, which group or user, under which condition
        Map<String, String> entries = new TreeMap<>();
        for (String id : template.logicalIdsOfType("AWS::EKS::AccessEntry")) {
            Map<String, Object> p = template.properties(id);
            entries.put(snake(id), "if " + snake(String.valueOf(template.resource(id).get("Condition"))) + ": "
                    + samCanon(p.get("PrincipalArn"))
                    + " groups " + list(p.get("KubernetesGroups")) + " user " + p.get("Username") + " policies "
                    + list(p.get("AccessPolicies")).stream().map(a -> samCanon(map(a).get("PolicyArn"))).toList());
        }
        Map<String, String> tfEntries = new TreeMap<>();
        Map<String, JsonNode> associations = rootResources("aws_eks_access_policy_association");
        rootResources("aws_eks_access_entry").forEach((name, e) -> {
            Matcher count = Pattern.compile("^\\$\\{local\\.(\\w+) \\? 1 : 0}$").matcher(e.path("count").asText());
            List<String> policies = new ArrayList<>();
            associations.values().stream()
                    .filter(a -> a.path("principal_arn").asText().contains("aws_eks_access_entry." + name + "["))
                    .forEach(a -> policies.add(tfCanon(a.path("policy_arn").asText())));
            tfEntries.put(name, "if " + (count.matches() ? count.group(1) : e.path("count").asText()) + ": "
                    + tfCanon(e.path("principal_arn").asText()) + " groups " + stringList(e.path("kubernetes_groups"))
                    + " user "
                    + (e.has("user_name") ? e.path("user_name").asText() : null) + " policies " + policies);
        });
        compare("EKS access entries", entries, tfEntries);
        assertNoDifferences();
    }

    private static String alarm(String... parts) {
        return String.join(" ", parts);
    }

    /** A literal, or ${each.value.x} of a for_each entry. */
    private static String eachValue(JsonNode node, JsonNode entry) {
        Matcher each = Pattern.compile("^\\$\\{each\\.value\\.(\\w+)}$").matcher(node.asText());
        return each.matches() ? entry.path(each.group(1)).asText() : node.asText();
    }

    // ------------------------------------------------------------------ SAM side

    private List<String> functions() {
        return template.logicalIdsOfType(SamTemplate.FUNCTION);
    }

    private static String moduleName(String functionId) {
        return snake(functionId.replaceFirst("Function$", ""));
    }

    /**
     * Every function is the one module modules/lambda_function: what invokes it (routes, event sources,
     * schedules) is compared event by event, not chosen by a module kind.
     */
    private String shape(String fn) {
        return "./modules/lambda_function";
    }

    /** Sid -> "when; sorted actions; sorted resources; condition", for the function's inline policies. */
    private Map<String, String> samStatements(String fn) {
        Map<String, String> out = new TreeMap<>();
        List<TemplatePolicies.Attached> documents;
        try {
            documents = TemplatePolicies.documents(template, fn);
        } catch (IllegalArgumentException e) {
            // a SAM policy template or an AWS managed policy by name: POLICY_TEMPLATES would need its expansion
            differences.add(fn + ": " + e.getMessage() + "; POLICY_TEMPLATES "
                    + (POLICY_TEMPLATES.isEmpty() ? "is empty" : "has " + POLICY_TEMPLATES.keySet())
                    + " and this test compares inline statements and the template's managed policies only");
            return out;
        }
        documents.stream().filter(TemplatePolicies.Attached::inline)
                .forEach(a -> out.putAll(samStatements(fn, a.document())));
        return out;
    }

    /** Sid -> "when; sorted actions; sorted resources; condition", for one policy document. */
    private Map<String, String> samStatements(String where, Map<String, Object> document) {
        Map<String, String> out = new TreeMap<>();
        for (Object s : list(document.get("Statement"))) {
            String when = "always";
            Map<String, Object> statement = map(s);
            if (statement.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
                when = "if " + snake(String.valueOf(branches.get(0)));
                if (!(branches.get(2) instanceof Map<?, ?> other && "AWS::NoValue".equals(other.get("Ref")))) {
                    differences.add(where + ": a statement whose false branch is not AWS::NoValue: teach this test");
                }
                statement = map(branches.get(1));
            }
            boolean not = statement.containsKey("NotResource");
            out.put(String.valueOf(statement.get("Sid")),
                    statement(when, String.valueOf(statement.getOrDefault("Effect", "Allow")),
                            list(statement.get("Action")).stream().map(String::valueOf).toList(), not,
                            list(statement.get(not ? "NotResource" : "Resource")).stream().map(this::samCanon)
                                    .toList(),
                            samCanon(statement.get("Condition"))));
        }
        return out;
    }

    /** The AWS managed policies SAM attaches to a function's role by itself (samtranslator _construct_role). */
    private Set<String> samManagedPolicies(String fn) {
        Map<String, Object> props = template.functionProperties(fn);
        Set<String> out = new TreeSet<>(Set.of("service-role/AWSLambdaBasicExecutionRole"));
        if (props.get("Tracing") != null) {
            out.add("AWSXRayDaemonWriteAccess");
        }
        if (props.get("VpcConfig") != null) {
            out.add("service-role/AWSLambdaVPCAccessExecutionRole"); // also under !If: SAM cannot evaluate it
        }
        if (!template.eventProperties(fn, "SQS").isEmpty()) {
            out.add("service-role/AWSLambdaSQSQueueExecutionRole");
        }
        return out;
    }

    /** A number, string or boolean as text; a Ref to a parameter is the parameter's Default. */
    private String samScalar(Object node) {
        if (node == null) {
            return null;
        }
        if (node instanceof Map<?, ?> m && m.get("Ref") instanceof String name
                && template.parameters().containsKey(name)) {
            return String.valueOf(map(template.parameters().get(name)).get("Default"));
        }
        return String.valueOf(node);
    }

    /** A value with its references written as targets: {StateTable}, {var:log_level}, {region}. */
    private String samCanon(Object node) {
        if (node == null) {
            return null;
        }
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            if (m.get("Ref") instanceof String name) {
                return refTarget(name);
            }
            if (m.get("Fn::GetAtt") instanceof List<?> parts) {
                return refTarget(String.valueOf(parts.get(0)));
            }
            if (m.get("Fn::Sub") instanceof String text) {
                Matcher matcher = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(\\.[A-Za-z]+)?}").matcher(text);
                StringBuilder out = new StringBuilder();
                while (matcher.find()) {
                    matcher.appendReplacement(out, Matcher.quoteReplacement(refTarget(matcher.group(1))));
                }
                return matcher.appendTail(out).toString();
            }
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), samCanon(v)));
            return out.toString();
        }
        if (node instanceof List<?> l) {
            return l.stream().map(this::samCanon).toList().toString();
        }
        return String.valueOf(node);
    }

    private String refTarget(String name) {
        return switch (name) {
            case "AWS::Partition" -> "{partition}";
            case "AWS::Region" -> "{region}";
            case "AWS::AccountId" -> "{account_id}";
            case "AWS::URLSuffix" -> "{url_suffix}";
            case "AWS::StackName" -> "{var:stack_name}";
            default -> template.parameters().containsKey(name) ? "{var:" + snake(name) + "}" : "{" + name + "}";
        };
    }

    // ------------------------------------------------------------------ Terraform side

    /** The blocks of one kind (module, variable, output, locals) in the root module's files, by name. */
    private static Map<String, JsonNode> rootBlocks(String kind) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> f = files.properties().iterator(); f.hasNext();) {
            Map.Entry<String, JsonNode> file = f.next();
            if (!file.getKey().contains("/")) {
                file.getValue().path(kind).properties().forEach(e -> out.put(e.getKey(), e.getValue().path(0)));
            }
        }
        return out;
    }

    private static Map<String, JsonNode> rootModules() {
        return rootBlocks("module");
    }

    private static Map<String, JsonNode> rootResources(String type) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> f = files.properties().iterator(); f.hasNext();) {
            Map.Entry<String, JsonNode> file = f.next();
            if (!file.getKey().contains("/")) {
                file.getValue().path("resource").path(type).properties()
                        .forEach(e -> out.put(e.getKey(), e.getValue().path(0)));
            }
        }
        return out;
    }

    private static JsonNode rootLocal(String name) {
        for (Iterator<Map.Entry<String, JsonNode>> f = files.properties().iterator(); f.hasNext();) {
            Map.Entry<String, JsonNode> file = f.next();
            if (!file.getKey().contains("/")) {
                for (JsonNode locals : file.getValue().path("locals")) {
                    if (locals.has(name)) {
                        return locals.path(name);
                    }
                }
            }
        }
        return JSON.missingNode();
    }

    /** The files of the module at "./modules/x": their parsed contents, merged by kind. */
    private static List<JsonNode> moduleFiles(JsonNode module) {
        String dir = module.path("source").asText().replaceFirst("^\\./", "") + "/";
        List<JsonNode> out = new ArrayList<>();
        files.properties().forEach(e -> {
            if (e.getKey().startsWith(dir) && !e.getKey().substring(dir.length()).contains("/")) {
                out.add(e.getValue());
            }
        });
        return out;
    }

    private static JsonNode moduleLocal(JsonNode module, String name) {
        for (JsonNode file : moduleFiles(module)) {
            for (JsonNode locals : file.path("locals")) {
                if (locals.has(name)) {
                    return locals.path(name);
                }
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode moduleResource(JsonNode module, String type, String name) {
        for (JsonNode file : moduleFiles(module)) {
            JsonNode resource = file.path("resource").path(type).path(name).path(0);
            if (!resource.isMissingNode()) {
                return resource;
            }
        }
        return JSON.missingNode();
    }

    /** The module call's argument, else the module variable's default; ${var.x} is the root variable's default. */
    private static JsonNode moduleArgumentNode(JsonNode module, String argument) {
        JsonNode value = module.path(argument);
        if (value.isMissingNode()) {
            for (JsonNode file : moduleFiles(module)) {
                JsonNode variable = file.path("variable").path(argument).path(0);
                if (!variable.isMissingNode()) {
                    value = variable.path("default");
                }
            }
        }
        Matcher var = Pattern.compile("^\\$\\{var\\.(\\w+)}$").matcher(value.asText());
        if (var.matches()) {
            value = rootBlocks("variable").getOrDefault(var.group(1), JSON.missingNode()).path("default");
        }
        return value;
    }

    private static String moduleArgument(JsonNode module, String argument) {
        JsonNode value = moduleArgumentNode(module, argument);
        return value.isArray() ? stringList(value).toString() : text(value);
    }

    private Map<String, String> terraformStatements(JsonNode statements) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : statements) {
            String when = "always";
            if (s.has("enabled")) {
                Matcher local = Pattern.compile("^\\$\\{local\\.(\\w+)}$").matcher(s.path("enabled").asText());
                when = local.matches() ? "if " + local.group(1) : "enabled = " + s.path("enabled");
            }
            boolean not = s.has("not_resources");
            out.put(s.path("sid").asText(), statement(when, s.path("effect").asText("Allow"),
                    stringList(s.path("actions")), not,
                    stringList(s.path(not ? "not_resources" : "resources")).stream().map(this::tfCanon).toList(),
                    tfCanonNode(s.path("condition"))));
        }
        return out;
    }

    private String tfCanonNode(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, String> out = new TreeMap<>();
            node.properties().forEach(e -> out.put(e.getKey(), tfCanonNode(e.getValue())));
            return out.toString();
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(tfCanonNode(n)));
            return out.toString();
        }
        return tfCanon(node.asText());
    }

    /** A Terraform string with its references written as targets, by the naming rule. */
    private String tfCanon(String value) {
        String text = value;
        // a root local holding a string stands for its value
        for (int i = 0; i < 5; i++) {
            Matcher local = Pattern.compile("\\$\\{local\\.(\\w+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (local.find()) {
                JsonNode v = rootLocal(local.group(1));
                String replacement = v.isTextual() ? v.asText() : local.group();
                changed |= v.isTextual();
                local.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            text = local.appendTail(out).toString();
            if (!changed) {
                break;
            }
        }
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("data.aws_partition.current.partition", "{partition}");
        targets.put("data.aws_region.current.name", "{region}");
        targets.put("data.aws_caller_identity.current.account_id", "{account_id}");
        targets.put("data.aws_partition.current.dns_suffix", "{url_suffix}");
        Matcher ref = Pattern.compile("\\$\\{([\\w.]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            String expression = ref.group(1);
            String[] parts = expression.split("\\.");
            String target;
            if (targets.containsKey(expression)) {
                target = targets.get(expression);
            } else if (parts[0].equals("var") && parts.length == 2) {
                target = "{var:" + parts[1] + "}";
            } else if (parts[0].equals("module") && parts.length == 3 && parts[2].equals("role_arn")) {
                target = "{" + functionId(parts[1]) + "Role}";
            } else if (parts[0].equals("module") && parts.length == 3 && parts[2].equals("function_name")) {
                target = "{" + functionId(parts[1]) + "}";
            } else if (parts[0].startsWith("aws_") && parts.length >= 2) {
                target = "{" + logicalId(parts[1]) + "}";
            } else {
                target = "{unknown:" + expression + "}";
            }
            ref.appendReplacement(out, Matcher.quoteReplacement(target));
        }
        return ref.appendTail(out).toString();
    }

    /** The SAM function whose module this is. */
    private String functionId(String module) {
        return functions().stream().filter(fn -> moduleName(fn).equals(module)).findFirst().orElse("unknown:" + module);
    }

    /** The SAM logical id whose snake_case is the Terraform name, or the name itself marked unknown. */
    private String logicalId(String terraformName) {
        for (String id : template.resources().keySet()) {
            if (snake(id).equals(terraformName)) {
                return id;
            }
        }
        return "unknown:" + terraformName;
    }

    // ------------------------------------------------------------------ both

    /** FooBarDLQAlarm -> foo_bar_dlq_alarm, Api5xxAlarm -> api5xx_alarm. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").toLowerCase();
    }

    private static Set<String> names(List<String> logicalIds) {
        Set<String> out = new TreeSet<>();
        logicalIds.forEach(id -> out.add(snake(id)));
        return out;
    }

    private static String statement(String when, String effect, List<String> actions, boolean notResource,
            List<String> resources, String condition) {
        return when + "; " + effect + " actions " + new TreeSet<>(actions) + "; " + (notResource ? "not " : "")
                + "resources " + new TreeSet<>(resources) + (condition == null ? "" : "; condition " + condition);
    }

    private static String eventSource(String queue, String batchSize, boolean reportFailures,
            String maximumConcurrency) {
        return queue + " batch " + batchSize + (reportFailures ? " ReportBatchItemFailures" : "")
                + (maximumConcurrency == null ? "" : " max concurrency " + maximumConcurrency);
    }

    private static String keys(Object keySchema) {
        Map<String, String> out = new TreeMap<>();
        list(keySchema).forEach(
                k -> out.put(String.valueOf(map(k).get("KeyType")), String.valueOf(map(k).get("AttributeName"))));
        return out.toString();
    }

    private static String keys(JsonNode table) {
        Map<String, String> out = new TreeMap<>();
        if (table.has("hash_key")) {
            out.put("HASH", table.path("hash_key").asText());
        }
        if (table.has("range_key")) {
            out.put("RANGE", table.path("range_key").asText());
        }
        return out.toString();
    }

    private void compare(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
                Set<Object> keys = new TreeSet<>(e.keySet());
                keys.addAll(a.keySet());
                for (Object key : keys) {
                    if (!Objects.equals(e.get(key), a.get(key))) {
                        differences.add(what + " [" + key + "]: SAM " + e.get(key) + " | Terraform " + a.get(key));
                    }
                }
            } else if (expected instanceof Set<?> e && actual instanceof Set<?> a) {
                Set<Object> missing = new TreeSet<>(e);
                missing.removeAll(a);
                Set<Object> extra = new TreeSet<>(a);
                extra.removeAll(e);
                differences.add(what + ": only in SAM " + missing + " | only in Terraform " + extra);
            } else {
                differences.add(what + ": SAM " + expected + " | Terraform " + actual);
            }
        }
    }

    private void assertNoDifferences() {
        assertThat(differences).as("differences between infra/sam/template.yaml and infra/terraform (SAM | Terraform)")
                .isEmpty();
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static List<String> stringList(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("hcl2json", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
