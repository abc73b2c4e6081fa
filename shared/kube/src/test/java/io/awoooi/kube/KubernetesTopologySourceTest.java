package io.awoooi.kube;

import static io.awoooi.kube.Manifests.deployment;
import static io.awoooi.kube.Manifests.namespace;
import static io.awoooi.kube.Manifests.pod;
import static io.awoooi.kube.Manifests.service;
import static io.awoooi.kube.Manifests.statefulSet;
import static io.awoooi.kube.Manifests.waitingPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Dependency;
import io.awoooi.core.topology.Health;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TopologySnapshot;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery rules against the fabric8 mock API server in CRUD mode. */
class KubernetesTopologySourceTest {
    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private KubernetesTopologySource source(NamespaceSelection namespaces) {
        return new KubernetesTopologySource(cluster.client(), namespaces, Clock.systemUTC());
    }

    private static ServiceNode node(TopologySnapshot snapshot, String namespace, String name) {
        ServiceId id = new ServiceId(namespace, name);
        return snapshot.services().stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id + " in " + snapshot.services()));
    }

    @Test
    void snapshot_serviceSelectsWorkload_isOneNodeKeyedByTheWorkloadWithTheServiceAsAlias() {
        // GIVEN a StatefulSet behind a Service with another name, a Service without selector, and an
        // edge declared on a Service that names the other Service
        cluster.with(namespace("a"),
                statefulSet("a", "orders-db", "ghcr.io/example/storage:1", 8000, 1, 1),
                service("a", "orders-database", "orders-db", 8000),
                deployment("a", "orders", "ghcr.io/example/orders:1", 8080),
                service("a", "orders-http", "orders", 80,
                        Map.of(KubernetesTopologySource.DEPENDS_ON_ANNOTATION, "orders-database")),
                service("a", "payments-gateway", null, 443));
        // WHEN discovered
        DiscoveredTopology discovered = source(NamespaceSelection.all()).snapshotWithAliases();
        // THEN the nodes are the workloads plus the Service that selects none
        assertThat(discovered.snapshot().services()).extracting(n -> n.id().toString())
                .containsExactly("a/orders", "a/orders-db", "a/payments-gateway");
        assertThat(discovered.aliases()).containsOnly(
                Map.entry(new ServiceId("a", "orders-database"), new ServiceId("a", "orders-db")),
                Map.entry(new ServiceId("a", "orders-http"), new ServiceId("a", "orders")));
        // AND the edge connects the nodes, not the Service names
        assertThat(discovered.snapshot().dependencies()).containsExactly(
                new Dependency(new ServiceId("a", "orders"), new ServiceId("a", "orders-db"), "annotation"));
        assertThat(discovered.resolve(new ServiceId("a", "orders-http"))).contains(new ServiceId("a", "orders"));
        assertThat(discovered.resolve(new ServiceId("a", "nothing"))).isEmpty();
    }

    @Test
    void snapshot_dependsOnWithNamespace_crossesNamespacesAndDropsUnknownNamesAndSelfEdges() {
        // GIVEN a service depending on a database in another namespace (by its Service name), on
        // itself and on something that does not exist
        cluster.with(namespace("shop"), namespace("data"),
                deployment("shop", "checkout", Map.of(KubernetesTopologySource.DEPENDS_ON_ANNOTATION,
                        " data/pg , checkout,ghost, data/cache-node")),
                statefulSet("data", "pg-main", "postgres:16", 5432, 1, 1),
                service("data", "pg", "pg-main", 5432),
                deployment("data", "cache-node", "redis:7", 6379));
        // WHEN discovered
        TopologySnapshot snapshot = source(NamespaceSelection.all()).snapshot();
        // THEN only the resolvable edges to other nodes remain
        assertThat(snapshot.dependencies()).extracting(d -> d.from().toString(), d -> d.to().toString())
                .containsExactly(tuple("shop/checkout", "data/cache-node"), tuple("shop/checkout", "data/pg-main"));
    }

    @Test
    void snapshot_namespaceList_readsOnlyThoseNamespaces() {
        // GIVEN workloads in two namespaces
        cluster.with(namespace("one"), namespace("two"),
                deployment("one", "a", Map.of(KubernetesTopologySource.DEPENDS_ON_ANNOTATION, "two/b")),
                deployment("two", "b", Map.of()));
        // WHEN only "one" is selected
        TopologySnapshot snapshot = source(NamespaceSelection.of("one")).snapshot();
        // THEN "two" is neither a node nor an edge target
        assertThat(snapshot.services()).extracting(n -> n.id().toString()).containsExactly("one/a");
        assertThat(snapshot.dependencies()).isEmpty();
    }

    @Test
    void snapshot_restartsAboveThreshold_makeTheNodeUnhealthy() {
        // GIVEN two ready deployments, one pod restarted 5 times (the default threshold), one 6 times
        cluster.with(namespace("n"),
                deployment("n", "calm", "img:1", 8080), pod("n", "calm-5d9c7b8f4-abcde", "calm", 5),
                deployment("n", "flaky", "img:1", 8080), pod("n", "flaky-7c6d5b4a3-fghij", "flaky", 6));
        // WHEN discovered with the default threshold and with a threshold of 6
        TopologySnapshot byDefault = source(NamespaceSelection.all()).snapshot();
        TopologySnapshot lenient = new KubernetesTopologySource(cluster.client(), NamespaceSelection.all(), null,
                Clock.systemUTC(), 6).snapshot();
        // THEN only more restarts than the threshold count
        assertThat(node(byDefault, "n", "calm").health()).isEqualTo(Health.ok());
        assertThat(node(byDefault, "n", "flaky").health().evidence())
                .containsExactly("pod flaky-7c6d5b4a3-fghij restarts 6");
        assertThat(node(lenient, "n", "flaky").health()).isEqualTo(Health.ok());
    }

    @Test
    void snapshot_scaledDownDeployment_isUnhealthyWithAvailableOfDesired() {
        // GIVEN a deployment that wants 3 replicas and has 1 available
        cluster.with(namespace("n"),
                deployment("n", "api", "img:1", 8080, 3, 1, Map.of(), Map.of()),
                pod("n", "api-6f7d8c9b5-k2l3m", "api", 0));
        // WHEN discovered
        Health health = node(source(NamespaceSelection.all()).snapshot(), "n", "api").health();
        // THEN the replica gap is the evidence
        assertThat(health.healthy()).isFalse();
        assertThat(health.evidence()).containsExactly("available 1/3");
    }

    @Test
    void snapshot_imagePullBackOffAndUnreadyPods_areEvidenceButFinishedOrTerminatingPodsAreNot() {
        // GIVEN a deployment whose new pod cannot pull its image, plus an evicted and a terminating pod
        cluster.with(namespace("n"),
                deployment("n", "web", "img:1", 8080, 2, 2, Map.of(), Map.of()),
                pod("n", "web-1", "web", 0),
                waitingPod("n", "web-2", "web", "ImagePullBackOff", 0),
                new PodBuilder(waitingPod("n", "web-evicted", "web", "ErrImagePull", 0)).editStatus()
                        .withPhase("Failed").endStatus().build(),
                new PodBuilder(waitingPod("n", "web-old", "web", "CrashLoopBackOff", 9)).editMetadata()
                        .addToFinalizers("example.com/hold").endMetadata().build());
        // (the API server ignores a deletionTimestamp on create: delete a pod held by a finalizer instead)
        cluster.client().pods().inNamespace("n").withName("web-old").delete();
        assertThat(
                cluster.client().pods().inNamespace("n").withName("web-old").get().getMetadata().getDeletionTimestamp())
                .isNotNull();
        // WHEN discovered
        Health health = node(source(NamespaceSelection.all()).snapshot(), "n", "web").health();
        // THEN only the live pod's trouble is reported
        assertThat(health.evidence()).containsExactly("pod web-2 not ready", "pod web-2 ImagePullBackOff");
    }

    @Test
    void snapshot_manyFailingPods_capsTheEvidence() {
        // GIVEN 20 crashing pods
        cluster.with(namespace("n"), deployment("n", "swarm", "img:1", 8080, 20, 0, Map.of(), Map.of()));
        for (int i = 0; i < 20; i++) {
            cluster.with(waitingPod("n", "swarm-" + i, "swarm", "CrashLoopBackOff", 1));
        }
        // WHEN discovered
        Health health = node(source(NamespaceSelection.all()).snapshot(), "n", "swarm").health();
        // THEN the evidence stays short and says how much was left out
        assertThat(health.evidence()).hasSize(KubernetesTopologySource.MAX_EVIDENCE)
                .startsWith("available 0/20").last().asString().matches("and \\d+ more findings");
    }

    @Test
    void snapshot_serviceWithoutWorkload_takesHealthAndKindFromItsPods() {
        // GIVEN a Service selecting bare pods (no Deployment) running memcached, one crashing
        cluster.with(namespace("n"), service("n", "sessions", "sessions", 11211),
                new PodBuilder(waitingPod("n", "sessions-a", "sessions", "CrashLoopBackOff", 2)).editSpec()
                        .editFirstContainer().withImage("memcached:1.6").endContainer().endSpec().build());
        // WHEN discovered
        ServiceNode sessions = node(source(NamespaceSelection.all()).snapshot(), "n", "sessions");
        // THEN the Service is a CACHE node, unhealthy because of its pod
        assertThat(sessions.kind()).isEqualTo(ComponentKind.CACHE);
        assertThat(sessions.health().evidence()).containsExactly("pod sessions-a not ready",
                "pod sessions-a CrashLoopBackOff");
    }

    @Test
    void snapshot_kindAnnotationOnTheService_overridesTheWorkloadImage() {
        // GIVEN a redis image marked as a database by its Service, and an unknown workload marked as a queue
        cluster.with(namespace("n"),
                deployment("n", "store", "redis:7", 6379),
                service("n", "store", "store", 6379, Map.of(KubernetesTopologySource.KIND_ANNOTATION, "database")),
                deployment("n", "events", "ghcr.io/example/events:1", 8080, 1, 1, Map.of(),
                        Map.of(KubernetesTopologySource.KIND_ANNOTATION, "Queue")));
        // WHEN discovered
        TopologySnapshot snapshot = source(NamespaceSelection.all()).snapshot();
        // THEN the annotation decides
        assertThat(node(snapshot, "n", "store").kind()).isEqualTo(ComponentKind.DATABASE);
        assertThat(node(snapshot, "n", "events").kind()).isEqualTo(ComponentKind.QUEUE);
    }

    @Test
    void snapshot_apiServerStopped_throwsTopologyUnavailableNamingTheResourceKind() {
        // GIVEN an API server that went away
        cluster.with(namespace("n"), deployment("n", "a", Map.of()));
        cluster.stopServer();
        // WHEN / THEN discovery fails with a retryable exception naming what could not be read
        // (the first request finds the pooled connection closed, the next one is refused)
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> source(NamespaceSelection.all()).snapshot())
                    .isInstanceOf(TopologyUnavailableException.class)
                    .hasMessageContaining("Deployments")
                    .hasCauseInstanceOf(KubernetesClientException.class);
        }
    }

    @Test
    void snapshot_emptyCluster_isAnEmptySnapshot() {
        TopologySnapshot snapshot = source(NamespaceSelection.of("nothing-here")).snapshot();
        assertThat(snapshot.services()).isEmpty();
        assertThat(snapshot.dependencies()).isEmpty();
    }

    @Test
    void seed_existingObjectWithOtherStatus_storesTheManifestStatus() {
        // GIVEN a deployment stored with 0 available replicas
        cluster.with(namespace("n"), deployment("n", "api", "img:1", 8080, 1, 0, Map.of(), Map.of()));
        // WHEN a manifest with 1 available replica is seeded over it
        String yaml = cluster.client().getKubernetesSerialization()
                .asYaml(deployment("n", "api", "img:1", 8080, 1, 1, Map.of(), Map.of()));
        DemoCluster.seed(cluster.client(), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        // THEN the stored status is the manifest's
        assertThat(cluster.client().apps().deployments().inNamespace("n").withName("api").get().getStatus()
                .getAvailableReplicas()).isEqualTo(1);
        assertThat(node(source(NamespaceSelection.all()).snapshot(), "n", "api").health()).isEqualTo(Health.ok());
    }
}
