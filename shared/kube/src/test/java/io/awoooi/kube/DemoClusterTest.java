package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped demo topology, seeded into the mock API server and discovered back. */
class DemoClusterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ServiceId shop(String name) {
        return new ServiceId("shop", name);
    }

    @Test
    void snapshot_demoCluster_yieldsTheShopWithKindsHealthAndEdges() {
        // GIVEN the demo manifests in the cluster
        cluster.withDemo();
        KubernetesTopologySource source = new KubernetesTopologySource(cluster.client(), NamespaceSelection.all(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // WHEN the topology is discovered
        DiscoveredTopology discovered = source.snapshotWithAliases();
        TopologySnapshot snapshot = discovered.snapshot();
        // THEN one node per workload, named by the workload, with the kinds from the images
        Map<String, ServiceNode> nodes = snapshot.services().stream()
                .collect(Collectors.toMap(n -> n.id().name(), Function.identity()));
        assertThat(snapshot.services()).extracting(ServiceNode::id).containsExactly(
                shop("auth-service"), shop("frontend"), shop("ingress"), shop("kafka"), shop("order-api"),
                shop("postgres-db"), shop("product-api"), shop("redis"));
        assertThat(nodes.get("postgres-db").kind()).isEqualTo(ComponentKind.DATABASE);
        assertThat(nodes.get("redis").kind()).isEqualTo(ComponentKind.CACHE);
        assertThat(nodes.get("kafka").kind()).isEqualTo(ComponentKind.QUEUE);
        assertThat(List.of("ingress", "frontend", "auth-service", "product-api", "order-api"))
                .allSatisfy(name -> assertThat(nodes.get(name).kind()).as(name).isEqualTo(ComponentKind.SERVICE));
        // AND postgres-db is the only unhealthy node, with the evidence behind it
        assertThat(nodes.get("postgres-db").health().healthy()).isFalse();
        assertThat(nodes.get("postgres-db").health().evidence()).containsExactly(
                "available 0/1", "pod postgres-db-0 not ready", "pod postgres-db-0 CrashLoopBackOff",
                "pod postgres-db-0 restarts 12");
        assertThat(snapshot.services()).filteredOn(n -> !n.id().name().equals("postgres-db"))
                .allSatisfy(n -> assertThat(n.health().healthy()).as(n.id().toString()).isTrue());
        // AND the declared edges, "postgres" resolved through the Service alias to the StatefulSet
        assertThat(snapshot.dependencies()).extracting(Dependency::from, Dependency::to, Dependency::source)
                .containsExactlyInAnyOrder(
                        tuple(shop("ingress"), shop("frontend"), "annotation"),
                        tuple(shop("frontend"), shop("auth-service"), "annotation"),
                        tuple(shop("frontend"), shop("product-api"), "annotation"),
                        tuple(shop("frontend"), shop("order-api"), "annotation"),
                        tuple(shop("order-api"), shop("postgres-db"), "annotation"),
                        tuple(shop("order-api"), shop("redis"), "annotation"),
                        tuple(shop("order-api"), shop("kafka"), "annotation"));
        assertThat(discovered.aliases()).containsExactly(Map.entry(shop("postgres"), shop("postgres-db")));
        assertThat(discovered.node(shop("postgres"))).contains(nodes.get("postgres-db"));
        assertThat(snapshot.takenAt()).isEqualTo(NOW);
    }

    @Test
    void seedDemo_mockServerInCrudMode_keepsStatusesAndTheStorageObjects() {
        // WHEN the demo is seeded
        List<HasMetadata> stored = DemoCluster.seedDemo(cluster.client());
        // THEN the namespace came first and the statuses of the manifests are what the API returns
        assertThat(stored.get(0).getKind()).isEqualTo("Namespace");
        var client = cluster.client();
        var postgres = client.apps().statefulSets().inNamespace("shop").withName("postgres-db").get();
        assertThat(postgres.getStatus().getReadyReplicas()).isZero();
        assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
        var pod = client.pods().inNamespace("shop").withName("postgres-db-0").get();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(12);
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("CrashLoopBackOff");
        assertThat(client.persistentVolumeClaims().inNamespace("shop").withName("postgres-data-postgres-db-0").get())
                .isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("postgres-db").get()
                .getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(client.pods().inNamespace("shop").list().getItems()).extracting(p -> p.getMetadata().getName())
                .contains("order-api-7d9f8c6b5-x2kqp", "kafka-0", "redis-6c8d9f7b4d-q8zlm").hasSize(11);
    }

    @Test
    void seedDemo_twice_replacesInsteadOfFailing() {
        // GIVEN a seeded cluster
        DemoCluster.seedDemo(cluster.client());
        // WHEN it is seeded again
        DemoCluster.seedDemo(cluster.client());
        // THEN the topology is the same
        TopologySnapshot snapshot = new KubernetesTopologySource(cluster.client(), NamespaceSelection.of("shop"),
                Clock.systemUTC()).snapshot();
        assertThat(snapshot.services()).hasSize(8);
        assertThat(snapshot.services()).filteredOn(n -> !n.health().healthy()).extracting(n -> n.id().name())
                .containsExactly("postgres-db");
    }
}
