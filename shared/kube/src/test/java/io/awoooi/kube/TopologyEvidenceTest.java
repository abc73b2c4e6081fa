package io.awoooi.kube;

import static io.awoooi.kube.EvidenceManifests.claim;
import static io.awoooi.kube.EvidenceManifests.event;
import static io.awoooi.kube.EvidenceManifests.podWith;
import static io.awoooi.kube.EvidenceManifests.replicaSet;
import static io.awoooi.kube.EvidenceManifests.restartedContainer;
import static io.awoooi.kube.Manifests.NAME_LABEL;
import static io.awoooi.kube.Manifests.deployment;
import static io.awoooi.kube.Manifests.namespace;
import static io.awoooi.kube.Manifests.pod;
import static io.awoooi.kube.Manifests.podBuilder;
import static io.awoooi.kube.Manifests.service;
import static io.awoooi.kube.Manifests.statefulSet;
import static io.awoooi.kube.Manifests.waitingPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.evidence.ClaimFacts;
import io.awoooi.core.evidence.ContainerFacts;
import io.awoooi.core.evidence.EventFacts;
import io.awoooi.core.evidence.NodeFacts;
import io.awoooi.core.evidence.PodFacts;
import io.awoooi.core.evidence.Resources;
import io.awoooi.core.evidence.RolloutFacts;
import io.awoooi.core.evidence.Terminated;
import io.awoooi.core.evidence.WorkloadEvidence;
import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.ComponentKind;
import io.awoooi.core.topology.Health;
import io.awoooi.core.topology.ServiceGraph;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.ServiceNode;
import io.awoooi.core.topology.TargetResolver;
import io.awoooi.core.topology.TopologySnapshot;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The evidence on every topology node, read from the fabric8 mock API server (CRUD mode) at a fixed time. */
class TopologyEvidenceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    private final MockCluster cluster = new MockCluster();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stop() {
        log.close();
        cluster.close();
    }

    private TopologySnapshot snapshot(NamespaceSelection namespaces) {
        return new KubernetesTopologySource(cluster.client(), namespaces, Clock.fixed(NOW, ZoneOffset.UTC)).snapshot();
    }

    private static ServiceNode node(TopologySnapshot snapshot, String namespace, String name) {
        ServiceId id = new ServiceId(namespace, name);
        return snapshot.services().stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id + " in " + snapshot.services()));
    }

    private static PodFacts podFacts(WorkloadEvidence evidence, String name) {
        return evidence.pods().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pod " + name + " in " + evidence.pods()));
    }

    /** Answers a GET on {@code path} (the mock's CRUD store forces creation times; these keep theirs). */
    private void serve(String path, int code, KubernetesResource body) {
        cluster.server().expect().get().withPath(path).andReturn(code, body).always();
    }

    private List<String> warnings() {
        return log.warnings();
    }

    @Test
    void snapshot_deploymentWithTwoReplicaSets_rolloutFactsNameTheImageChangeAndThePreviousReadyPods() {
        // GIVEN checkout at revision 2 (image v2, its pod crash-looping) after revision 1 (image v1,
        // served 5 days, 2 pods still Ready), plus a ReplicaSet of another Deployment
        cluster.with(namespace("shop"),
                deployment("shop", "checkout", "ghcr.io/example/checkout:v2", 8080, 2, 2, Map.of(), Map.of()));
        String uid = cluster.client().apps().deployments().inNamespace("shop").withName("checkout").get().getMetadata()
                .getUid();
        Instant v1 = Instant.parse("2026-11-20T03:50:00Z");
        Instant v2 = Instant.parse("2026-11-25T03:50:00Z");
        serve("/apis/apps/v1/namespaces/shop/replicasets?limit=500", 200, new ReplicaSetListBuilder().withItems(
                replicaSet("shop", "checkout", uid, "5d4c3b2a1", 1, "ghcr.io/example/checkout:v1", v1, 2),
                replicaSet("shop", "checkout", uid, "7f8e9d6c5", 2, "ghcr.io/example/checkout:v2", v2, 0),
                replicaSet("shop", "checkout-canary", "another-uid", "9a9a9a9a9", 7, "ghcr.io/example/checkout:v3", v2,
                        1))
                .build());
        cluster.with(
                new PodBuilder(pod("shop", "checkout-5d4c3b2a1-aaaaa", "checkout", 0)).editMetadata()
                        .addToLabels("pod-template-hash", "5d4c3b2a1").endMetadata().build(),
                new PodBuilder(pod("shop", "checkout-5d4c3b2a1-bbbbb", "checkout", 0)).editMetadata()
                        .addToLabels("pod-template-hash", "5d4c3b2a1").endMetadata().build(),
                new PodBuilder(waitingPod("shop", "checkout-7f8e9d6c5-ccccc", "checkout", "CrashLoopBackOff", 4))
                        .editMetadata()
                        .addToLabels("pod-template-hash", "7f8e9d6c5").endMetadata().build());

        // WHEN discovered
        ServiceNode checkout = node(snapshot(NamespaceSelection.of("shop")), "shop", "checkout");

        // THEN the rollout: revision 2 now, revision 1 before it for 5 days, its 2 pods Ready, the image changed
        assertThat(checkout.evidence().rollout()).contains(new RolloutFacts(2, "7f8e9d6c5", Optional.of(v2),
                Optional.of(1L), Optional.of("5d4c3b2a1"), 2, Optional.of(Duration.ofDays(5)), List.of("image")));
        // AND each pod says which template it runs
        assertThat(checkout.evidence().pods()).extracting(PodFacts::name, p -> p.templateHash().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("checkout-5d4c3b2a1-aaaaa", "5d4c3b2a1"),
                        org.assertj.core.groups.Tuple.tuple("checkout-5d4c3b2a1-bbbbb", "5d4c3b2a1"),
                        org.assertj.core.groups.Tuple.tuple("checkout-7f8e9d6c5-ccccc", "7f8e9d6c5"));
        assertThat(checkout.evidence().workload()).contains(new WorkloadRef(WorkloadKind.DEPLOYMENT, "checkout", 2, 2));
        assertThat(checkout.health().evidence()).containsExactly(
                "pod checkout-7f8e9d6c5-ccccc not ready", "pod checkout-7f8e9d6c5-ccccc CrashLoopBackOff");
    }

    @Test
    void snapshot_oomKilledThreeMinutesAgo_isRecentEvidenceEvenWhenThePodIsReadyAgain() {
        // GIVEN a cache pod Ready again after an OOM kill 3 minutes ago, and another one killed 2 hours ago
        cluster.with(namespace("shop"),
                deployment("shop", "cache", "redis:7", 6379),
                podWith("shop", "cache-6c8d9f7b4d-q8zlm", "cache", "node-a",
                        restartedContainer(1, "OOMKilled", 137, NOW.minus(Duration.ofMinutes(3)))).build(),
                deployment("shop", "sessions", "memcached:1.6", 11211),
                podWith("shop", "sessions-6c8d9f7b4d-k2l3m", "sessions", "node-a",
                        restartedContainer(1, "OOMKilled", 137, NOW.minus(Duration.ofHours(2)))).build());

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN the recent kill is evidence, with its time; the old one is history
        ServiceNode cache = node(snapshot, "shop", "cache");
        ContainerFacts main = podFacts(cache.evidence(), "cache-6c8d9f7b4d-q8zlm").containers().get(0);
        assertThat(main.lastTerminated())
                .contains(new Terminated("OOMKilled", 137, Optional.of(NOW.minus(Duration.ofMinutes(3)))));
        assertThat(main.restarts()).isEqualTo(1);
        assertThat(cache.health().evidence()).containsExactly("pod cache-6c8d9f7b4d-q8zlm OOMKilled");
        assertThat(node(snapshot, "shop", "sessions").health()).isEqualTo(Health.ok());
    }

    @Test
    void snapshot_databaseReadyForWeeksWith40OldRestarts_isHealthyButRecentRestartsAreNot() {
        // GIVEN a database pod Ready, 40 restarts, the last one 30 days ago; and one whose last restart was 10 minutes ago
        cluster.with(namespace("shop"),
                statefulSet("shop", "orders-db", "postgres:16", 5432, 1, 1),
                podWith("shop", "orders-db-0", "orders-db", "node-a",
                        restartedContainer(40, "Error", 1, NOW.minus(Duration.ofDays(30)))).build(),
                statefulSet("shop", "billing-db", "postgres:16", 5432, 1, 1),
                podWith("shop", "billing-db-0", "billing-db", "node-a",
                        restartedContainer(40, "Error", 1, NOW.minus(Duration.ofMinutes(10)))).build());

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN the old restarts are history: the database is healthy, and its facts still say 40
        ServiceNode ordersDb = node(snapshot, "shop", "orders-db");
        assertThat(ordersDb.health()).isEqualTo(Health.ok());
        assertThat(podFacts(ordersDb.evidence(), "orders-db-0").restarts()).isEqualTo(40);
        assertThat(ordersDb.evidence().workload())
                .contains(new WorkloadRef(WorkloadKind.STATEFULSET, "orders-db", 1, 1));
        // AND restarts within the window are evidence
        assertThat(node(snapshot, "shop", "billing-db").health().evidence())
                .containsExactly("pod billing-db-0 restarts 40");
    }

    @Test
    void snapshot_pendingPodWithFailedScheduling_carriesTheEventAsFactsWithoutItsMessage() {
        // GIVEN a pod that cannot be scheduled for lack of cpu, with its events and unrelated ones
        String message = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: "
                + "3 No preemption victims found for incoming pod.";
        String pod = "reports-6f7d8c9b5-k2l3m";
        cluster.with(namespace("shop"),
                deployment("shop", "reports", "ghcr.io/example/reports:1", 8080, 1, 0, Map.of(), Map.of()),
                new PodBuilder(podBuilder("shop", pod, "reports", false, 0, "ContainerCreating").build())
                        .editStatus().withPhase("Pending").withContainerStatuses().endStatus().build(),
                event("shop", "e1", "Pod", pod, "FailedScheduling", "Warning", message,
                        NOW.minus(Duration.ofMinutes(2)), 5),
                event("shop", "e2", "Pod", pod, "Scheduled", "Normal", "irrelevant", NOW.minus(Duration.ofMinutes(1)),
                        1),
                event("shop", "e3", "Pod", "someone-else", "FailedScheduling", "Warning", message, NOW, 1),
                event("shop", "e4", "Deployment", "reports", "ProgressDeadlineExceeded", "Warning", "took too long",
                        NOW.minus(Duration.ofMinutes(30)), 1));

        // WHEN discovered
        ServiceNode reports = node(snapshot(NamespaceSelection.of("shop")), "shop", "reports");

        // THEN the events of interest about the workload and its pods, newest first, as facts
        assertThat(reports.evidence().events()).containsExactly(
                new EventFacts("FailedScheduling", "Warning", "Pod", pod, 5,
                        Optional.of(NOW.minus(Duration.ofMinutes(2))),
                        Optional.of("Insufficient cpu")),
                new EventFacts("ProgressDeadlineExceeded", "Warning", "Deployment", "reports", 1,
                        Optional.of(NOW.minus(Duration.ofMinutes(30))), Optional.empty()));
        assertThat(reports.evidence().toString()).doesNotContain("preemption", "took too long");
        // AND the pod is unschedulable evidence
        assertThat(podFacts(reports.evidence(), pod).node()).isEmpty();
        assertThat(reports.health().evidence()).containsExactly("available 0/1", "pod " + pod + " not ready",
                "pod " + pod + " unschedulable (Insufficient cpu)");
    }

    @Test
    void snapshot_createContainerConfigError_namesTheMissingSecretOnly() {
        // GIVEN a pod whose container cannot start: its Secret is missing (and the mount says so too)
        String pod = "orders-7d9f8c6b5-x2kqp";
        cluster.with(namespace("shop"),
                deployment("shop", "orders", "ghcr.io/example/orders:1", 8080, 1, 0, Map.of(), Map.of()),
                new PodBuilder(waitingPod("shop", pod, "orders", "CreateContainerConfigError", 0)).editStatus()
                        .editFirstContainerStatus().editState().editWaiting()
                        .withMessage("secret \"orders-db-creds\" not found").endWaiting().endState()
                        .endContainerStatus()
                        .endStatus().build(),
                event("shop", "e1", "Pod", pod, "FailedMount", "Warning",
                        "MountVolume.SetUp failed for volume \"creds\" : secret \"orders-db-creds\" not found",
                        NOW.minus(Duration.ofMinutes(1)), 3));

        // WHEN discovered
        ServiceNode orders = node(snapshot(NamespaceSelection.of("shop")), "shop", "orders");

        // THEN the container names the missing object, the event its short detail
        ContainerFacts main = podFacts(orders.evidence(), pod).containers().get(0);
        assertThat(main.waitingReason()).contains("CreateContainerConfigError");
        assertThat(main.missingObject()).contains("secret/orders-db-creds");
        assertThat(orders.evidence().events()).extracting(EventFacts::detail)
                .containsExactly(Optional.of("secret orders-db-creds"));
        assertThat(orders.health().evidence()).containsExactly("available 0/1", "pod " + pod + " not ready",
                "pod " + pod + " CreateContainerConfigError", "pod " + pod + " missing secret/orders-db-creds");
    }

    @Test
    void snapshot_nodeNotReadyUnderAPod_isNodeFactsWithItsEventsAndEvidenceOfThePod() {
        // GIVEN a pod on node-a, which stopped reporting 5 minutes ago, is cordoned and under memory
        // pressure; node-b runs nothing of the selection; node events are kept in namespace default
        Instant since = NOW.minus(Duration.ofMinutes(5));
        cluster.with(namespace("shop"), namespace("default"),
                EvidenceManifests.node("node-a", "Unknown", since, true, "MemoryPressure"),
                EvidenceManifests.node("node-b", "True", NOW.minus(Duration.ofDays(3)), false),
                deployment("shop", "api", "ghcr.io/example/api:1", 8080),
                new PodBuilder(pod("shop", "api-6f7d8c9b5-k2l3m", "api", 0)).editSpec().withNodeName("node-a").endSpec()
                        .build(),
                event("default", "n1", "Node", "node-a", "NodeNotReady", "Normal",
                        "Node node-a status is now: NodeNotReady", since, 1),
                event("default", "n2", "Node", "node-b", "Rebooted", "Warning", "rebooted", since, 1));

        // WHEN discovered with only "shop" selected
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN the node under the pod, with its own event; not the other node
        assertThat(snapshot.nodes()).containsOnlyKeys("node-a");
        assertThat(snapshot.nodes().get("node-a")).isEqualTo(new NodeFacts("node-a", false, Optional.of(since),
                Set.of("MemoryPressure"), true,
                List.of(new EventFacts("NodeNotReady", "Normal", "Node", "node-a", 1, Optional.of(since),
                        Optional.empty()))));
        // AND the pod's node is evidence
        ServiceNode api = node(snapshot, "shop", "api");
        assertThat(podFacts(api.evidence(), "api-6f7d8c9b5-k2l3m").node()).contains("node-a");
        assertThat(api.health().evidence()).containsExactly("node node-a not ready (pod api-6f7d8c9b5-k2l3m)");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void snapshot_mountedClaims_areClaimFactsAndTheClaimLabelResolvesToTheWorkload() {
        // GIVEN a StatefulSet whose claim template gives data-orders-db-0, and a Deployment mounting "uploads"
        cluster.with(namespace("shop"),
                new StatefulSetBuilder(statefulSet("shop", "orders-db", "postgres:16", 5432, 1, 1)).editSpec()
                        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                        .endVolumeClaimTemplate()
                        .endSpec().build(),
                new PodBuilder(pod("shop", "orders-db-0", "orders-db", 0)).editSpec().addNewVolume().withName("data")
                        .withNewPersistentVolumeClaim().withClaimName("data-orders-db-0").endPersistentVolumeClaim()
                        .endVolume()
                        .endSpec().build(),
                claim("shop", "data-orders-db-0", "Bound", "10Gi", "gp3"),
                deployment("shop", "uploader", "ghcr.io/example/uploader:1", 8080),
                new PodBuilder(pod("shop", "uploader-6f7d8c9b5-k2l3m", "uploader", 0)).editSpec().addNewVolume()
                        .withName("u")
                        .withNewPersistentVolumeClaim().withClaimName("uploads").endPersistentVolumeClaim().endVolume()
                        .endSpec().build(),
                claim("shop", "uploads", "Pending", "5Gi", "efs"),
                claim("shop", "unrelated", "Bound", "1Gi", "gp3"));

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN each workload knows its claims
        WorkloadEvidence ordersDb = node(snapshot, "shop", "orders-db").evidence();
        assertThat(ordersDb.claims()).containsExactly(
                new ClaimFacts("data-orders-db-0", "Bound", Optional.of("10Gi"), Optional.of("gp3")));
        assertThat(podFacts(ordersDb, "orders-db-0").claims()).containsExactly("data-orders-db-0");
        assertThat(node(snapshot, "shop", "uploader").evidence().claims()).containsExactly(
                new ClaimFacts("uploads", "Pending", Optional.of("5Gi"), Optional.of("efs")));
        // AND an alert about a claim resolves to the workload that mounts it
        TargetResolver resolver = new TargetResolver(ServiceGraph.of(snapshot));
        assertThat(resolver.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "data-orders-db-0")))
                .containsExactly(new ServiceId("shop", "orders-db"));
        assertThat(resolver.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "uploads")))
                .containsExactly(new ServiceId("shop", "uploader"));
        assertThat(resolver.resolve(Map.of("namespace", "shop", "persistentvolumeclaim", "unrelated"))).isEmpty();
    }

    @Test
    void snapshot_deploymentNamedLikeADatabase_hasTheRealKindDeployment() {
        // GIVEN a database run by a Deployment, marked as one, and a DaemonSet missing a replica
        cluster.with(namespace("shop"),
                deployment("shop", "orders-db", "ghcr.io/example/store:1", 5432, 1, 1, Map.of(),
                        Map.of(KubernetesTopologySource.KIND_ANNOTATION, "database")),
                new DaemonSetBuilder().withNewMetadata().withNamespace("shop").withName("node-agent").endMetadata()
                        .withNewSpec().withNewSelector().addToMatchLabels(NAME_LABEL, "node-agent").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels(NAME_LABEL, "node-agent").endMetadata()
                        .withNewSpec().addNewContainer().withName("agent").withImage("ghcr.io/example/agent:1")
                        .endContainer()
                        .endSpec().endTemplate().endSpec()
                        .withNewStatus().withDesiredNumberScheduled(3).withNumberReady(2).withNumberAvailable(2)
                        .withCurrentNumberScheduled(3).withNumberMisscheduled(0).endStatus()
                        .build());

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN the database is a DATABASE node whose controller is a Deployment (not a guessed StatefulSet)
        ServiceNode db = node(snapshot, "shop", "orders-db");
        assertThat(db.kind()).isEqualTo(ComponentKind.DATABASE);
        assertThat(db.evidence().workload()).contains(new WorkloadRef(WorkloadKind.DEPLOYMENT, "orders-db", 1, 1));
        // AND the DaemonSet is a node of its own with its replica gap
        ServiceNode agent = node(snapshot, "shop", "node-agent");
        assertThat(agent.evidence().workload()).contains(new WorkloadRef(WorkloadKind.DAEMONSET, "node-agent", 3, 2));
        assertThat(agent.health().evidence()).containsExactly("available 2/3");
    }

    @Test
    void snapshot_containerFacts_carryResourcesInitContainersAndStates() {
        // GIVEN a pod with a completed init container and requests/limits on both containers
        cluster.with(namespace("shop"), deployment("shop", "api", "ghcr.io/example/api:1", 8080),
                new PodBuilder(pod("shop", "api-6f7d8c9b5-k2l3m", "api", 0)).editSpec()
                        .addNewInitContainer().withName("migrate").withImage("img").withNewResources()
                        .addToRequests("cpu", new Quantity("100m")).endResources().endInitContainer()
                        .editFirstContainer().withNewResources()
                        .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
                        .addToLimits("memory", new Quantity("1Gi")).endResources().endContainer()
                        .endSpec()
                        .editStatus()
                        .addToInitContainerStatuses(new ContainerStatusBuilder().withName("migrate").withReady(true)
                                .withRestartCount(0).withNewState().withNewTerminated().withReason("Completed")
                                .withExitCode(0)
                                .withFinishedAt("2026-11-25T00:00:03Z").endTerminated().endState().build())
                        .endStatus().build());

        // WHEN discovered
        PodFacts pod = podFacts(node(snapshot(NamespaceSelection.of("shop")), "shop", "api").evidence(),
                "api-6f7d8c9b5-k2l3m");

        // THEN init container first, each with its resources; the completed init container is no finding
        assertThat(pod.containers()).extracting(ContainerFacts::name, ContainerFacts::init).containsExactly(
                org.assertj.core.groups.Tuple.tuple("migrate", true),
                org.assertj.core.groups.Tuple.tuple("main", false));
        ContainerFacts migrate = pod.containers().get(0);
        assertThat(migrate.terminated()).hasValueSatisfying(t -> assertThat(t.completed()).isTrue());
        assertThat(migrate.resources())
                .isEqualTo(new Resources(Optional.of("100m"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(pod.containers().get(1).resources()).isEqualTo(
                new Resources(Optional.of("250m"), Optional.empty(), Optional.of("512Mi"), Optional.of("1Gi")));
        assertThat(pod.ready()).isTrue();
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(pod.createdAt()).isPresent();
    }

    @Test
    void snapshot_eventsAndNodesForbidden_isBuiltWithoutThemAndWarns() {
        // GIVEN an identity that may not list events nor nodes
        cluster.with(namespace("shop"),
                deployment("shop", "api", "ghcr.io/example/api:1", 8080, 1, 0, Map.of(), Map.of()),
                new PodBuilder(waitingPod("shop", "api-6f7d8c9b5-k2l3m", "api", "CrashLoopBackOff", 3)).editSpec()
                        .withNodeName("node-a").endSpec().build(),
                EvidenceManifests.node("node-a", "True", NOW, false));
        var forbidden = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build();
        serve("/api/v1/namespaces/shop/events?limit=500", 403, forbidden);
        serve("/api/v1/namespaces/default/events?limit=500", 403, forbidden);
        serve("/api/v1/nodes?limit=500", 403, forbidden);

        // WHEN discovered
        TopologySnapshot snapshot = snapshot(NamespaceSelection.of("shop"));

        // THEN the pods and their health are there, events and nodes are not, and each failure is a warning
        ServiceNode api = node(snapshot, "shop", "api");
        assertThat(api.evidence().pods()).hasSize(1);
        assertThat(api.evidence().events()).isEmpty();
        assertThat(snapshot.nodes()).isEmpty();
        assertThat(api.health().evidence()).contains("pod api-6f7d8c9b5-k2l3m CrashLoopBackOff");
        assertThat(warnings()).hasSize(3).allMatch(w -> w.contains("HTTP 403"))
                .anyMatch(w -> w.contains("Events")).anyMatch(w -> w.contains("Nodes"));
    }

    @Test
    void snapshot_serviceWithBarePods_hasPodEvidenceButNoWorkload() {
        // GIVEN a Service selecting a bare pod
        cluster.with(namespace("shop"), service("shop", "sessions", "sessions", 11211),
                pod("shop", "sessions-a", "sessions", 0));
        // WHEN discovered
        WorkloadEvidence evidence = node(snapshot(NamespaceSelection.of("shop")), "shop", "sessions").evidence();
        // THEN
        assertThat(evidence.workload()).isEmpty();
        assertThat(evidence.pods()).extracting(PodFacts::name).containsExactly("sessions-a");
        assertThat(evidence.rollout()).isEmpty();
    }
}
