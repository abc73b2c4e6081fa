package io.awoooi.core.topology;

import static io.awoooi.core.topology.Topologies.id;
import static io.awoooi.core.topology.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private final ServiceGraph graph = topology()
            .service("shop/order-api").service("shop/postgres-db", ComponentKind.DATABASE).service("shop/frontend")
            .service("shop/log").service("shop/log-shipper").service("shop/backup")
            .service("shop/api").service("billing/api").service("billing/invoices")
            .graph();
    private final TargetResolver resolver = new TargetResolver(graph);

    @Test
    void resolve_deploymentPod_resolvesToItsDeployment() {
        // GIVEN a pod of the order-api Deployment (ReplicaSet hash + random suffix)
        Map<String, String> labels = Map.of("alertname", "KubePodCrashLooping", "namespace", "shop",
                "pod", "order-api-7d9f8c6b5-x2kqp");

        // WHEN / THEN
        assertThat(resolver.resolve(labels)).containsExactly(id("shop/order-api"));
    }

    @Test
    void resolve_statefulSetPod_resolvesToItsStatefulSet() {
        assertThat(resolver.resolve(Map.of("namespace", "shop", "pod", "postgres-db-0"))).containsExactly(id("shop/postgres-db"));
    }

    @Test
    void resolve_daemonSetPodWhoseNameLooksLikeAHash_longestKnownOwnerWins() {
        // GIVEN "log-shipper-x2kqp": "shipper" could pass for a pod-template hash of a Deployment "log"
        Map<String, String> labels = Map.of("namespace", "shop", "pod", "log-shipper-x2kqp");

        // WHEN / THEN the longer name the graph knows wins
        assertThat(resolver.resolve(labels)).containsExactly(id("shop/log-shipper"));
    }

    @Test
    void resolve_cronJobPod_resolvesToTheCronJobName() {
        assertThat(resolver.resolve(Map.of("namespace", "shop", "pod", "backup-28391230-x2kqp")))
                .containsExactly(id("shop/backup"));
    }

    @Test
    void resolve_eachServiceNamingKey_resolves() {
        for (String key : List.of("service", "app", "app_kubernetes_io_name", "deployment", "statefulset", "daemonset", "job")) {
            // GIVEN one key naming frontend / WHEN resolved / THEN frontend
            assertThat(resolver.resolve(Map.of("namespace", "shop", key, "frontend"))).as(key).containsExactly(id("shop/frontend"));
        }
    }

    @Test
    void resolve_prometheusOperatorJob_usesItsLastPart() {
        assertThat(resolver.resolve(Map.of("namespace", "shop", "job", "shop/frontend"))).containsExactly(id("shop/frontend"));
    }

    @Test
    void resolve_severalKeys_unionInKeyOrderWithoutRepeats() {
        // GIVEN an alert naming the pod's owner and, through service, another service
        Map<String, String> labels = Map.of("namespace", "shop", "service", "frontend",
                "pod", "order-api-7d9f8c6b5-x2kqp", "app", "order-api");

        // WHEN / THEN pod first (most specific), then service; order-api once
        assertThat(resolver.resolve(labels)).containsExactly(id("shop/order-api"), id("shop/frontend"));
    }

    @Test
    void resolve_namespaceLabel_looksOnlyInThatNamespace() {
        assertThat(resolver.resolve(Map.of("namespace", "billing", "service", "api"))).containsExactly(id("billing/api"));
        assertThat(resolver.resolve(Map.of("namespace", "billing", "service", "frontend"))).isEmpty();
    }

    @Test
    void resolve_noNamespace_uniqueNameResolvesAmbiguousDoesNot() {
        // GIVEN no namespace label / WHEN names are looked up across namespaces
        // THEN a name only one namespace has resolves; "api" (shop and billing) is not guessed
        assertThat(resolver.resolve(Map.of("service", "invoices"))).containsExactly(id("billing/invoices"));
        assertThat(resolver.resolve(Map.of("service", "api"))).isEmpty();
    }

    @Test
    void resolve_pseudonymizedOrUnknownOrBlankNames_resolveToNothing() {
        assertThat(resolver.resolve(Map.of("namespace", "[NAMESPACE_1]", "pod", "[POD_1]"))).isEmpty();
        assertThat(resolver.resolve(Map.of("namespace", "shop", "service", "ghost", "instance", "frontend"))).isEmpty();
        assertThat(resolver.resolve(Map.of("namespace", " ", "service", " "))).isEmpty();
        assertThat(resolver.resolve(Map.of())).isEmpty();
    }

    @Test
    void resolveAll_severalAlerts_unionInOrderOfAppearance() {
        List<Map<String, String>> alerts = List.of(
                Map.of("namespace", "shop", "pod", "postgres-db-0"),
                Map.of("namespace", "shop", "deployment", "order-api"),
                Map.of("namespace", "shop", "statefulset", "postgres-db"));

        assertThat(resolver.resolveAll(alerts)).containsExactly(id("shop/postgres-db"), id("shop/order-api"));
    }
}
