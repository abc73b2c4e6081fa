package io.awoooi.core.topology;

import static io.awoooi.core.topology.Topologies.id;
import static io.awoooi.core.topology.Topologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.WorkloadEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        assertThat(resolver.resolve(Map.of("namespace", "shop", "pod", "postgres-db-0")))
                .containsExactly(id("shop/postgres-db"));
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
        for (String key : List.of("service", "app", "app_kubernetes_io_name", "deployment", "statefulset", "daemonset",
                "job")) {
            // GIVEN one key naming frontend / WHEN resolved / THEN frontend
            assertThat(resolver.resolve(Map.of("namespace", "shop", key, "frontend"))).as(key)
                    .containsExactly(id("shop/frontend"));
        }
    }

    @Test
    void resolve_prometheusOperatorJob_usesItsLastPart() {
        assertThat(resolver.resolve(Map.of("namespace", "shop", "job", "shop/frontend")))
                .containsExactly(id("shop/frontend"));
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
        assertThat(resolver.resolve(Map.of("namespace", "billing", "service", "api")))
                .containsExactly(id("billing/api"));
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

    /** A pod as the adapter reports it: on {@code node}, Ready or not, mounting {@code claims}. */
    private static PodFacts pod(String name, String node, boolean ready, String phase, String... claims) {
        return new PodFacts(name, Optional.ofNullable(node), phase, ready, Optional.empty(),
                Optional.of(Instant.parse("2026-11-24T00:00:00Z")), Optional.empty(), false, List.of(),
                List.of(claims));
    }

    private static ServiceNode withPods(String name, List<ClaimFacts> claims, PodFacts... pods) {
        return new ServiceNode(id(name), ComponentKind.SERVICE, Health.ok(),
                new WorkloadEvidence(Optional.empty(), List.of(pods), Optional.empty(), List.of(), claims));
    }

    private static TargetResolver resolverOf(ServiceNode... nodes) {
        return new TargetResolver(
                ServiceGraph.of(new TopologySnapshot(List.of(nodes), List.of(), Topologies.TAKEN_AT)));
    }

    @Test
    void resolve_claimLabel_resolvesToTheWorkloadsMountingIt() {
        // GIVEN a database mounting its data claim (and naming a template claim no pod mounts yet),
        // two services sharing one claim, and the same claim name in another namespace
        TargetResolver claims = resolverOf(
                withPods("shop/orders-db",
                        List.of(new ClaimFacts("data-orders-db-1", "Pending", Optional.empty(), Optional.empty())),
                        pod("orders-db-0", "node-a", true, "Running", "data-orders-db-0")),
                withPods("shop/uploader", List.of(), pod("uploader-1", "node-a", true, "Running", "uploads")),
                withPods("shop/thumbnailer", List.of(), pod("thumbnailer-1", "node-b", true, "Running", "uploads")),
                withPods("media/uploader", List.of(), pod("uploader-1", "node-a", true, "Running", "uploads")));

        // WHEN / THEN kube-state-metrics' label names the claim
        assertThat(claims.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "data-orders-db-0")))
                .containsExactly(id("shop/orders-db"));
        assertThat(claims.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "data-orders-db-1")))
                .containsExactly(id("shop/orders-db"));
        assertThat(claims.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "uploads")))
                .containsExactly(id("shop/uploader"), id("shop/thumbnailer"));
        // AND without a namespace only an unambiguous claim resolves
        assertThat(claims.resolve(Map.of("persistentvolumeclaim", "data-orders-db-0")))
                .containsExactly(id("shop/orders-db"));
        assertThat(claims.resolve(Map.of("persistentvolumeclaim", "uploads"))).isEmpty();
        assertThat(claims.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "ghost"))).isEmpty();
    }

    @Test
    void resolve_nodeLabel_resolvesToTheWorkloadsWithUnhealthyPodsThere() {
        // GIVEN on node-a: api not ready, worker Ready, a finished job pod; on node-b: web not ready
        TargetResolver nodes = resolverOf(
                withPods("shop/api", List.of(), pod("api-1", "node-a", false, "Running")),
                withPods("shop/worker", List.of(), pod("worker-1", "node-a", true, "Running")),
                withPods("shop/report", List.of(), pod("report-1", "node-a", false, "Failed")),
                withPods("shop/web", List.of(), pod("web-1", "node-b", false, "Running")));

        // WHEN / THEN a node alert (its namespace is the exporter's) names the services hurt there
        assertThat(nodes.resolve(Map.of("node", "node-a", "namespace", "monitoring", "job", "kube-state-metrics")))
                .containsExactly(id("shop/api"));
        assertThat(nodes.resolve(Map.of("node", "node-c"))).isEmpty();
        // AND a more specific label wins: the node is not read
        assertThat(nodes.resolve(Map.of("node", "node-a", "namespace", "shop", "pod", "web-1")))
                .containsExactly(id("shop/web"));
        assertThat(nodes.resolve(Map.of("node", "node-b", "namespace", "shop", "persistentvolumeclaim", "ghost")))
                .isEmpty();
    }

    @Test
    void resolve_nodeLabel_isBounded() {
        // GIVEN more services with a broken pod on one node than the bound
        List<ServiceNode> many = new ArrayList<>();
        for (int i = 0; i < TargetResolver.MAX_NODE_TARGETS + 5; i++) {
            many.add(withPods(String.format("shop/svc-%02d", i), List.of(), pod("p" + i, "node-a", false, "Pending")));
        }
        // WHEN / THEN the first ones, in the graph's order
        List<ServiceId> found = resolverOf(many.toArray(ServiceNode[]::new)).resolve(Map.of("node", "node-a"));
        assertThat(found).hasSize(TargetResolver.MAX_NODE_TARGETS).startsWith(id("shop/svc-00"))
                .endsWith(id("shop/svc-09"));
    }
}
