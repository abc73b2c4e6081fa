package io.awoooi.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActionCatalogTest {

    static Stream<Arguments> validActions() {
        return Stream.of(
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp"),
                        RiskLevel.LOW),
                Arguments.of("rollout_restart", Map.of("namespace", "shop", "workload", "order-api"), RiskLevel.MEDIUM),
                Arguments.of("rollout_restart",
                        Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset"),
                        RiskLevel.MEDIUM),
                Arguments.of("rollout_restart",
                        Map.of("namespace", "kube-system", "workload", "node-agent", "kind", "daemonset"),
                        RiskLevel.MEDIUM),
                Arguments.of("scale_deployment",
                        Map.of("namespace", "shop", "deployment", "order-api", "replicas", "0"),
                        RiskLevel.MEDIUM),
                Arguments.of("scale_deployment",
                        Map.of("namespace", "shop", "deployment", "order-api", "replicas", "100"),
                        RiskLevel.MEDIUM),
                Arguments.of("delete_pvc", Map.of("namespace", "shop", "pvc", "data-postgres-db-0"), RiskLevel.HIGH),
                Arguments.of("cordon_node", Map.of("node", "ip-10-0-1-23.eu-west-1.compute.internal"), RiskLevel.HIGH),
                Arguments.of("uncordon_node", Map.of("node", "worker-3"), RiskLevel.MEDIUM),
                Arguments.of("delete_namespace", Map.of("namespace", "preview-pr-1234"), RiskLevel.CRITICAL),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "order-api"), RiskLevel.MEDIUM),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "order-api", "toRevision", "3"),
                        RiskLevel.MEDIUM),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "order-api",
                        "toRevision", "123456789012345678"), RiskLevel.MEDIUM),
                Arguments.of("set_resources", Map.of("namespace", "shop", "workload", "order-api", "container", "api",
                        "resource", "memory", "value", "1Gi"), RiskLevel.MEDIUM),
                Arguments.of("set_resources",
                        Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset",
                                "container", "postgres", "resource", "cpu", "field", "request", "value", "1500m"),
                        RiskLevel.MEDIUM),
                Arguments.of("set_resources",
                        Map.of("namespace", "kube-system", "workload", "node-agent", "kind", "daemonset",
                                "container", "agent-2", "resource", "memory", "field", "limit", "value", "1.5e9"),
                        RiskLevel.MEDIUM));
    }

    @ParameterizedTest
    @MethodSource("validActions")
    void parse_everyActionWithGoodParameters_isValidWithItsBaseRisk(String id, Map<String, String> params,
            RiskLevel risk) {
        // WHEN a well-formed action is parsed
        ParseResult result = ActionCatalog.parse(id, params);

        // THEN it is valid, keeps its parameters, and carries the type's base risk
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        ProposedAction action = ((ParseResult.Valid) result).action();
        assertThat(action.type().id()).isEqualTo(id);
        assertThat(action.params()).isEqualTo(params);
        assertThat(action.baseRisk()).isEqualTo(risk);
        assertThat(action.needsRehydration()).isFalse();
    }

    static Stream<Arguments> invalidActions() {
        String long63 = "a".repeat(63);
        String long254 = "a".repeat(100) + "." + "b".repeat(100) + "." + "c".repeat(52);
        return Stream.of(
                // restart_pod
                Arguments.of("restart_pod", Map.of("namespace", "shop"), "parameter 'pod' is required by restart_pod"),
                Arguments.of("restart_pod", Map.of("namespace", "Shop", "pod", "p"),
                        "parameter 'namespace' must be a DNS-1123 label"),
                Arguments.of("restart_pod", Map.of("namespace", long63 + "a", "pod", "p"),
                        "parameter 'namespace' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop.eu", "pod", "p"),
                        "parameter 'namespace' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "-pod"),
                        "parameter 'pod' must be a DNS-1123 subdomain"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "pod-"), "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "a..b"), "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "pod_1"), "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", long254), "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "p; rm -rf /"),
                        "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", ""), "parameter 'pod' must be"),
                Arguments.of("restart_pod", Map.of("namespace", "shop", "pod", "p", "force", "true"),
                        "parameter 'force' is not a parameter of restart_pod"),
                // rollout_restart
                Arguments.of("rollout_restart", Map.of("namespace", "shop"),
                        "parameter 'workload' is required by rollout_restart"),
                Arguments.of("rollout_restart", Map.of("namespace", "shop", "workload", "a", "kind", "cronjob"),
                        "parameter 'kind' must be one of deployment, statefulset, daemonset"),
                Arguments.of("rollout_restart", Map.of("namespace", "shop", "workload", "a", "kind", "StatefulSet"),
                        "parameter 'kind' must be"),
                Arguments.of("rollout_restart", Map.of("namespace", "shop", "workload", "Order-API"),
                        "parameter 'workload' must be"),
                // scale_deployment
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a"),
                        "parameter 'replicas' is required by scale_deployment"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "101"),
                        "parameter 'replicas' must be a whole number from 0 to 100"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "-1"),
                        "'replicas' must be"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "007"),
                        "'replicas' must be"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "2.5"),
                        "'replicas' must be"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "+3"),
                        "'replicas' must be"),
                Arguments.of("scale_deployment",
                        Map.of("namespace", "shop", "deployment", "a", "replicas", "99999999999"),
                        "'replicas' must be"),
                Arguments.of("scale_deployment", Map.of("namespace", "shop", "deployment", "a", "replicas", "[POD_1]"),
                        "'replicas' must be"),
                // delete_pvc
                Arguments.of("delete_pvc", Map.of("pvc", "data"), "parameter 'namespace' is required by delete_pvc"),
                Arguments.of("delete_pvc", Map.of("namespace", "shop", "pvc", "Data"), "parameter 'pvc' must be"),
                Arguments.of("delete_pvc", Map.of("namespace", "shop", "pvc", "[IP_1]"), "parameter 'pvc' must be"),
                // nodes
                Arguments.of("cordon_node", Map.of(), "parameter 'node' is required by cordon_node"),
                Arguments.of("cordon_node", Map.of("node", "10.0.0.1:10250"), "parameter 'node' must be"),
                Arguments.of("uncordon_node", Map.of("node", "worker-3", "namespace", "shop"),
                        "parameter 'namespace' is not a parameter of uncordon_node"),
                // delete_namespace
                Arguments.of("delete_namespace", Map.of("namespace", "kube_system"), "parameter 'namespace' must be"),
                Arguments.of("delete_namespace", Map.of(), "parameter 'namespace' is required by delete_namespace"),
                // rollout_undo
                Arguments.of("rollout_undo", Map.of("namespace", "shop"),
                        "parameter 'deployment' is required by rollout_undo"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "toRevision", "0"),
                        "parameter 'toRevision' must be a whole number from 1"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "toRevision", "-1"),
                        "'toRevision' must be"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "toRevision", "02"),
                        "'toRevision' must be"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "toRevision", "1.0"),
                        "'toRevision' must be"),
                Arguments.of("rollout_undo",
                        Map.of("namespace", "shop", "deployment", "a", "toRevision", "1234567890123456789"),
                        "'toRevision' must be"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "toRevision", ""),
                        "'toRevision' must be"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "revision", "2"),
                        "parameter 'revision' is not a parameter of rollout_undo"),
                Arguments.of("rollout_undo", Map.of("namespace", "shop", "deployment", "a", "kind", "deployment"),
                        "parameter 'kind' is not a parameter of rollout_undo"),
                // set_resources
                Arguments.of("set_resources",
                        Map.of("namespace", "shop", "workload", "a", "resource", "memory", "value", "1Gi"),
                        "parameter 'container' is required by set_resources"),
                Arguments.of("set_resources",
                        Map.of("namespace", "shop", "workload", "a", "container", "api", "value", "1Gi"),
                        "parameter 'resource' is required by set_resources"),
                Arguments.of("set_resources",
                        Map.of("namespace", "shop", "workload", "a", "container", "api", "resource", "memory"),
                        "parameter 'value' is required by set_resources"),
                Arguments.of("set_resources", resources("container", "Api"),
                        "parameter 'container' must be a DNS-1123 label"),
                Arguments.of("set_resources", resources("container", "api.v2"), "parameter 'container' must be"),
                Arguments.of("set_resources", resources("container", "a".repeat(64)), "parameter 'container' must be"),
                Arguments.of("set_resources", resources("container", "[POD_1]"), "parameter 'container' must be"),
                Arguments.of("set_resources", resources("container", "[DEPLOYMENT_1]"),
                        "parameter 'container' must be"),
                Arguments.of("set_resources", resources("resource", "storage"),
                        "parameter 'resource' must be one of memory, cpu"),
                Arguments.of("set_resources", resources("resource", "ephemeral-storage"),
                        "parameter 'resource' must be"),
                Arguments.of("set_resources", resources("resource", "Memory"), "parameter 'resource' must be"),
                Arguments.of("set_resources", resources("field", "limits"),
                        "parameter 'field' must be one of limit, request"),
                Arguments.of("set_resources", resources("field", "both"), "parameter 'field' must be"),
                Arguments.of("set_resources", resources("kind", "cronjob"), "parameter 'kind' must be"),
                Arguments.of("set_resources", resources("value", "0"),
                        "parameter 'value' must be a positive Kubernetes quantity"),
                Arguments.of("set_resources", resources("value", "-1Gi"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "1GB"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "1 Gi"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "lots"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "1e999"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "1".repeat(33)), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("value", "[POD_1]"), "parameter 'value' must be"),
                Arguments.of("set_resources", resources("limit", "1Gi"),
                        "parameter 'limit' is not a parameter of set_resources"));
    }

    /** A valid set_resources with one parameter replaced (or added). */
    private static Map<String, String> resources(String name, String value) {
        Map<String, String> params = new HashMap<>(
                Map.of("namespace", "shop", "workload", "order-api", "container", "api",
                        "resource", "memory", "value", "1Gi"));
        params.put(name, value);
        return params;
    }

    @ParameterizedTest
    @MethodSource("invalidActions")
    void parse_badParameters_isInvalidNamingTheParameterAndRule(String id, Map<String, String> params, String reason) {
        // WHEN a malformed action is parsed
        ParseResult result = ActionCatalog.parse(id, params);

        // THEN it is refused with a reason that names the rule
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) result).reason()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "RESTART_POD", "restart-pod", "kubectl_exec", "delete_deployment", "evict_pod",
            " restart_pod"})
    void parse_unknownId_isInvalid(String id) {
        ParseResult result = ActionCatalog.parse(id, Map.of("namespace", "shop", "pod", "p"));
        assertThat(result).isEqualTo(new ParseResult.Invalid("unknown action id: not in the catalog"));
    }

    @Test
    void parse_nullIdOrParameters_isInvalid() {
        assertThat(ActionCatalog.parse(null, Map.of())).isInstanceOf(ParseResult.Invalid.class);
        assertThat(ActionCatalog.parse("restart_pod", null)).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void parse_nullKeyOrValue_isInvalid() {
        // GIVEN maps that allow nulls (JSON may give them)
        Map<String, String> nullValue = new HashMap<>(Map.of("namespace", "shop"));
        nullValue.put("pod", null);
        Map<String, String> nullKey = new HashMap<>(Map.of("namespace", "shop", "pod", "p"));
        nullKey.put(null, "x");

        // WHEN / THEN refused, never a NullPointerException
        assertThat(ActionCatalog.parse("restart_pod", nullValue)).isInstanceOf(ParseResult.Invalid.class);
        assertThat(ActionCatalog.parse("restart_pod", nullKey)).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void parse_invalidReasons_neverRepeatValues() {
        // GIVEN values and an unexpected key that carry data
        String secretish = "alice@example.com";
        List<ParseResult> results = List.of(
                ActionCatalog.parse("restart_pod", Map.of("namespace", secretish, "pod", "p")),
                ActionCatalog.parse("restart_pod",
                        Map.of("namespace", "shop", "pod", "p", "password=" + secretish, "x")),
                ActionCatalog.parse(secretish, Map.of()),
                ActionCatalog.parse("scale_deployment",
                        Map.of("namespace", "shop", "deployment", "a", "replicas", secretish)));

        // THEN no reason contains them
        assertThat(results).allSatisfy(r -> {
            assertThat(r).isInstanceOf(ParseResult.Invalid.class);
            assertThat(((ParseResult.Invalid) r).reason()).doesNotContain("alice").doesNotContain("example");
        });
        assertThat(((ParseResult.Invalid) results.get(1)).reason())
                .isEqualTo("a parameter is not a parameter of restart_pod");
    }

    @Test
    void parse_anyKubernetesNameLabelForAnyNameParameter_accepted() {
        // GIVEN labels of the analysis' kinds: one value has one label per incident, whatever role it
        // plays (a StatefulSet's claim, a workload that is also a Service, a pod whose name the
        // redaction saw first as a Deployment's)
        List<ParseResult> results = List.of(
                ActionCatalog.parse("delete_pvc", Map.of("namespace", "[NAMESPACE_1]", "pvc", "[PVC_1]")),
                ActionCatalog.parse("rollout_restart", Map.of("namespace", "shop", "workload", "[WORKLOAD_2]",
                        "kind", "statefulset")),
                ActionCatalog.parse("restart_pod", Map.of("namespace", "shop", "pod", "[DEPLOYMENT_1]")));
        // THEN accepted, to be rehydrated (and checked against the name rules) by the executor
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(ParseResult.Valid.class));
    }

    @Test
    void parse_kubernetesNameLabels_acceptedAndNeedRehydration() {
        // WHEN the names are Privacy Shield labels of the right kinds
        ParseResult pod = ActionCatalog.parse("restart_pod", Map.of("namespace", "[NAMESPACE_1]", "pod", "[POD_12]"));
        ParseResult rollout = ActionCatalog.parse("rollout_restart",
                Map.of("namespace", "shop", "workload", "[DEPLOYMENT_1]"));
        ParseResult byService = ActionCatalog.parse("scale_deployment",
                Map.of("namespace", "[NAMESPACE_2]", "deployment", "[SERVICE_3]", "replicas", "2"));
        ParseResult node = ActionCatalog.parse("cordon_node", Map.of("node", "[NODE_1]"));
        ParseResult undo = ActionCatalog.parse("rollout_undo", Map.of("namespace", "[NAMESPACE_1]",
                "deployment", "[DEPLOYMENT_2]"));
        ParseResult resources = ActionCatalog.parse("set_resources",
                Map.of("namespace", "shop", "workload", "[SERVICE_1]",
                        "container", "api", "resource", "memory", "value", "1Gi"));

        // THEN they are accepted as they are, and the action says the executor must rehydrate them
        assertThat(List.of(pod, rollout, byService, node, undo, resources)).allSatisfy(r -> {
            assertThat(r).isInstanceOf(ParseResult.Valid.class);
            assertThat(((ParseResult.Valid) r).action().needsRehydration()).isTrue();
        });
        assertThat(((ParseResult.Valid) pod).action().param("pod")).contains("[POD_12]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[EMAIL_1]", "[SECRET_1]", "[IP_3]", "[CARD_1]", "[POD_0]", "[POD_]", "[pod_1]", "[POD_1]x",
            "x-[POD_1]", "[UNKNOWN_1]", "[POD_1][POD_2]"})
    void parse_labelOfWrongKindOrMalformed_isInvalid(String value) {
        // GIVEN a pod name that is not a whole Kubernetes-name label (a secret, a personal value, a broken
        // label, text around it)
        ParseResult result = ActionCatalog.parse("restart_pod", Map.of("namespace", "shop", "pod", value));

        // THEN refused: no secret can become an argument of a cluster call
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) result).reason()).startsWith("parameter 'pod' must be").doesNotContain(value);
    }

    @Test
    void proposedAction_constructedDirectly_followsTheSameRules() {
        // WHEN code builds an action without the catalog's door / THEN the same rules apply
        assertThatThrownBy(() -> new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", "shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pod' is required");
        ProposedAction ok = new ProposedAction(ActionType.RESTART_POD, Map.of("pod", "p", "namespace", "shop"));
        assertThat(ok.toString()).isEqualTo("restart_pod(namespace=shop, pod=p)");
        assertThatThrownBy(() -> ok.params().put("pod", "q")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void actionType_wireIds_areTheCatalog() {
        assertThat(Arrays.stream(ActionType.values()).map(ActionType::id)).containsExactly(
                "restart_pod", "rollout_restart", "rollout_undo", "scale_deployment", "scale_statefulset",
                "set_resources",
                "restore_fields", "delete_pvc", "delete_pod", "cordon_node", "drain_node", "uncordon_node",
                "delete_namespace");
        assertThat(ActionType.fromId("rollout_undo")).contains(ActionType.ROLLOUT_UNDO);
        assertThat(ActionType.fromId("set_resources")).contains(ActionType.SET_RESOURCES);
        assertThat(ActionType.fromId("delete_namespace")).contains(ActionType.DELETE_NAMESPACE);
        assertThat(ActionType.fromId("nope")).isEmpty();
    }

    @Test
    void restoreFields_fields_onlyTheBoundedSet_namesOnly() {
        Map<String, String> base = Map.of("namespace", "shop", "workload", "checkout", "kind", "deployment",
                "resourceVersion", "812");
        java.util.function.Function<String, ParseResult> parse = fields -> {
            Map<String, String> p = new java.util.HashMap<>(base);
            p.put("fields", fields);
            return ActionCatalog.parse("restore_fields", p);
        };
        // GIVEN the bounded set (replicas; a container's image, resources, env var) / THEN valid
        assertThat(parse.apply("spec.replicas,spec.template.spec.containers[app].image,"
                + "spec.template.spec.initContainers[init-db].resources,spec.template.spec.containers[app].env[DB_URL]"))
                .isInstanceOf(ParseResult.Valid.class);
        // GIVEN anything else: a command, a label, a value smuggled in, a duplicate, nothing / THEN invalid
        for (String bad : List.of("spec.template.spec.containers[app].command", "metadata.labels.team",
                "spec.template.spec.containers[app].env[DB_URL]=secret", "spec.replicas,spec.replicas", "",
                "spec.template.spec.containers[App].image")) {
            assertThat(parse.apply(bad)).as(bad).isInstanceOf(ParseResult.Invalid.class);
        }
        Map<String, String> noVersion = new java.util.HashMap<>(base);
        noVersion.put("fields", "spec.replicas");
        noVersion.put("resourceVersion", "12 34");
        assertThat(ActionCatalog.parse("restore_fields", noVersion)).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void deletePod_uidMustBeAKubernetesUid() {
        // GIVEN delete_pod names the very pod by its metadata.uid
        Map<String, String> base = Map.of("namespace", "shop", "pod", "report-manual");
        // WHEN / THEN 32 lowercase hex digits pass (the uid without its dashes); the dashed UUID (the leak guard
        // would block every notification carrying it), upper case, a wrong length, a label or no uid fail
        assertThat(ActionCatalog.parse("delete_pod", with(base, "uid", "0f1e2d3c4b5a46978877665544332211")))
                .isInstanceOf(ParseResult.Valid.class);
        assertThat(PodUid.compact("0F1E2D3C-4B5A-4697-8877-665544332211"))
                .isEqualTo("0f1e2d3c4b5a46978877665544332211");
        for (String bad : List.of("0f1e2d3c-4b5a-4697-8877-665544332211", "0F1E2D3C4B5A46978877665544332211",
                "0f1e2d3c4b5a4697887766554433221", "0f1e2d3c4b5a46978877665544332211a",
                "0f1e2d3c4b5a4697887766554433221g",
                "[POD_1]", "")) {
            assertThat(ActionCatalog.parse("delete_pod", with(base, "uid", bad))).as(bad)
                    .isInstanceOf(ParseResult.Invalid.class);
        }
        assertThat(ActionCatalog.parse("delete_pod", base)).isInstanceOf(ParseResult.Invalid.class);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void describe_listsEveryActionWithItsParameters() {
        // WHEN the catalog is described for a prompt
        List<ActionDescription> description = ActionCatalog.describe();
        String text = ActionCatalog.describeAsText();

        // THEN every action is there with its risk and parameters
        assertThat(description).extracting(ActionDescription::id)
                .containsExactly(Arrays.stream(ActionType.values()).map(ActionType::id).toArray(String[]::new));
        ActionDescription rollout = description.get(1);
        assertThat(rollout.baseRisk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(rollout.parameters())
                .extracting(ActionDescription.ParameterDescription::name,
                        ActionDescription.ParameterDescription::required)
                .containsExactly(org.assertj.core.api.Assertions.tuple("namespace", true),
                        org.assertj.core.api.Assertions.tuple("workload", true),
                        org.assertj.core.api.Assertions.tuple("kind", false));
        assertThat(text).contains("restart_pod (risk LOW): Delete one pod")
                .contains("  - pod (required): the pod to restart; a DNS-1123 subdomain")
                .contains("delete_namespace (risk CRITICAL)")
                .contains("[NAMESPACE_n]");
    }

    @Test
    void describe_newActions_tellTheModelTheirParametersAndBounds() {
        // WHEN the catalog is described for a prompt
        String text = ActionCatalog.describeAsText();
        ActionDescription undo = ActionCatalog.describe().stream().filter(a -> a.id().equals("rollout_undo"))
                .findFirst()
                .orElseThrow();
        ActionDescription resources = ActionCatalog.describe().stream().filter(a -> a.id().equals("set_resources"))
                .findFirst().orElseThrow();

        // THEN each lists its parameters, required ones first, and set_resources its bounds
        assertThat(undo.parameters()).extracting(ActionDescription.ParameterDescription::name,
                ActionDescription.ParameterDescription::required).containsExactly(
                        org.assertj.core.api.Assertions.tuple("namespace", true),
                        org.assertj.core.api.Assertions.tuple("deployment", true),
                        org.assertj.core.api.Assertions.tuple("toRevision", false));
        assertThat(resources.parameters()).extracting(ActionDescription.ParameterDescription::name,
                ActionDescription.ParameterDescription::required).containsExactly(
                        org.assertj.core.api.Assertions.tuple("namespace", true),
                        org.assertj.core.api.Assertions.tuple("workload", true),
                        org.assertj.core.api.Assertions.tuple("container", true),
                        org.assertj.core.api.Assertions.tuple("resource", true),
                        org.assertj.core.api.Assertions.tuple("value", true),
                        org.assertj.core.api.Assertions.tuple("kind", false),
                        org.assertj.core.api.Assertions.tuple("field", false));
        assertThat(text).contains("rollout_undo (risk MEDIUM): Roll a Deployment back to an earlier revision")
                .contains("  - toRevision (optional): the revision to go back to; the previous revision when left out;"
                        + " a whole number from 1")
                .contains("set_resources (risk MEDIUM): Raise one container's memory or cpu limit or request")
                .contains("at most 2x it, never above 16Gi memory or 8 cpu, and a limit never below its request")
                .contains("  - value (required): the new limit or request; a positive Kubernetes quantity")
                .contains("  - field (optional): the value to raise; limit when left out; one of limit, request")
                .contains("  - container (required): the container, by its name in the pod template; a DNS-1123 label");
    }

    @Test
    void json_actionAndDescription_useWireIds() throws Exception {
        // GIVEN Jackson as the rest of AWOOOI uses it
        ObjectMapper json = new ObjectMapper();
        ProposedAction action = new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "order-api", "kind", "deployment"));

        // WHEN written and read back
        String written = json.writeValueAsString(action);
        ProposedAction read = json.readValue(written, ProposedAction.class);

        // THEN the wire id is used, and an action outside the catalog cannot be read at all
        assertThat(written).isEqualTo(
                "{\"type\":\"rollout_restart\",\"params\":{\"kind\":\"deployment\",\"namespace\":\"shop\",\"workload\":\"order-api\"}}");
        assertThat(read).isEqualTo(action);
        assertThat(json.writeValueAsString(ActionCatalog.describe())).contains("\"id\":\"restart_pod\"");
        assertThatThrownBy(() -> json.readValue("{\"type\":\"kubectl_exec\",\"params\":{}}", ProposedAction.class))
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> json.readValue("{\"type\":\"restart_pod\",\"params\":{\"namespace\":\"shop\"}}",
                ProposedAction.class))
                .isInstanceOf(Exception.class);
    }
}
