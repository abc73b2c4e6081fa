package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.awoooi.kube.KubernetesActions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo controller on the local Kubernetes API (in-process mock server, no stack). */
class DemoControllerTest {
    private static final String REQUEST = "req-demo-controller";
    private static final String ORDER_POD = "order-api-7d9f8c6b5-x2kqp";

    private LocalCluster cluster;
    private KubernetesClient client;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void startDemo() throws Exception {
        cluster = LocalCluster.start(null);
        client = cluster.client();
    }

    private static ProposedAction action(ActionType type, String... keyValues) {
        Map<String, String> params = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new ProposedAction(type, params);
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("shop").withName(name).get();
    }

    private List<Pod> podsOf(String app) {
        return client.pods().inNamespace("shop").withLabel("app.kubernetes.io/name", app).list().getItems();
    }

    private StatefulSet postgres() {
        return client.apps().statefulSets().inNamespace("shop").withName("postgres-db").get();
    }

    private static boolean ready(Pod pod) {
        return pod != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    /** Waits until the condition holds (the controller passes every 250 ms); fails after 60 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    /** kind/name to uid and resourceVersion of everything the controller could touch. */
    private Map<String, String> versions() {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.pods().inNamespace("shop").list().getItems());
        all.addAll(client.apps().deployments().inNamespace("shop").list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace("shop").list().getItems());
        all.addAll(client.persistentVolumeClaims().inNamespace("shop").list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace("shop").list().getItems());
        Map<String, String> versions = new TreeMap<>();
        all.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                o.getMetadata().getUid() + " " + o.getMetadata().getResourceVersion()));
        return versions;
    }

    @Test
    void demo_nothingChanges_controllerWritesNothing() throws Exception {
        // GIVEN the demo as seeded
        startDemo();
        Map<String, String> before = versions();
        // WHEN the controller makes several passes
        Thread.sleep(1_000);
        // THEN no object was written, and the broken database stays broken
        assertThat(versions()).isEqualTo(before);
        assertThat(ready(pod("postgres-db-0"))).isFalse();
        assertThat(postgres().getStatus().getReadyReplicas()).isZero();
    }

    @Test
    void restartPod_statefulSetPod_recreatedReadyUnderItsNameWithNewUid() throws Exception {
        // GIVEN the crash-looping postgres-db-0
        startDemo();
        KubernetesActions actions = new KubernetesActions(client);
        ProposedAction restart = action(ActionType.RESTART_POD, "namespace", "shop", "pod", "postgres-db-0");
        String uid = pod("postgres-db-0").getMetadata().getUid();
        // (approved before the replacement existed; creationTimestamp has whole seconds)
        java.time.Instant approvedAt = java.time.Instant
                .parse(pod("postgres-db-0").getMetadata().getCreationTimestamp())
                .minusSeconds(1);
        // WHEN the executor restarts it
        assertThat(actions.apply(restart, REQUEST)).isInstanceOf(ActionResult.Applied.class);
        // THEN a new postgres-db-0 runs, ready, with no restarts, mounting its claim; the target is healthy
        await("a new ready postgres-db-0", () -> {
            Pod p = pod("postgres-db-0");
            return p != null && !p.getMetadata().getUid().equals(uid) && ready(p);
        });
        Pod fresh = pod("postgres-db-0");
        assertThat(fresh.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
            assertThat(c.getRestartCount()).isZero();
            assertThat(c.getState().getRunning()).isNotNull();
            assertThat(c.getState().getWaiting()).isNull();
        });
        assertThat(fresh.getSpec().getVolumes()).anySatisfy(
                v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("postgres-data-postgres-db-0"));
        assertThat(fresh.getSpec().getNodeName()).isEqualTo("node-b");
        await("postgres-db 1/1 ready", () -> actions.health(restart).healthy());
        assertThat(actions.health(restart))
                .isEqualTo(new TargetHealth(true, List.of("statefulset shop/postgres-db 1/1 ready")));
        assertThat(actions.alreadyApplied(restart, REQUEST, approvedAt)).isTrue();
    }

    @Test
    void restartPod_deploymentPod_replacedUnderANewName() throws Exception {
        // GIVEN the two order-api pods
        startDemo();
        // WHEN one is restarted
        new KubernetesActions(client).apply(action(ActionType.RESTART_POD, "namespace", "shop", "pod", ORDER_POD),
                REQUEST);
        // THEN two ready order-api pods run again, the new one with another suffix and the same template hash
        await("two order-api pods again", () -> podsOf("order-api").size() == 2 && pod(ORDER_POD) == null);
        assertThat(podsOf("order-api")).allSatisfy(p -> {
            assertThat(ready(p)).isTrue();
            assertThat(p.getMetadata().getName()).startsWith("order-api-7d9f8c6b5-");
            assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", "7d9f8c6b5");
        });
        assertThat(client.apps().deployments().inNamespace("shop").withName("order-api").get().getStatus()
                .getReadyReplicas())
                .isEqualTo(2);
    }

    @Test
    void rolloutRestart_brokenStatefulSet_podsReplacedAndStatusCurrent() throws Exception {
        // GIVEN the broken database
        startDemo();
        KubernetesActions actions = new KubernetesActions(client);
        ProposedAction rollout = action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "postgres-db",
                "kind", "statefulset");
        String uid = pod("postgres-db-0").getMetadata().getUid();
        // WHEN the executor restarts the StatefulSet
        assertThat(actions.apply(rollout, REQUEST)).isInstanceOf(ActionResult.Applied.class);
        // THEN its pod is replaced by a ready one carrying the restart annotation; status and health follow
        await("postgres-db healthy", () -> actions.health(rollout).healthy());
        Pod fresh = pod("postgres-db-0");
        assertThat(fresh.getMetadata().getUid()).isNotEqualTo(uid);
        assertThat(fresh.getMetadata().getAnnotations()).containsEntry(KubernetesActions.RESTARTED_BY, REQUEST);
        StatefulSet set = postgres();
        assertThat(set.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(set.getStatus().getObservedGeneration()).isEqualTo(set.getMetadata().getGeneration());
    }

    @Test
    void rolloutRestart_deployment_everyPodReplacedUnderANewHash() throws Exception {
        // GIVEN the two order-api pods
        startDemo();
        List<String> before = podsOf("order-api").stream().map(p -> p.getMetadata().getName()).toList();
        // WHEN order-api is restarted
        new KubernetesActions(client).apply(action(ActionType.ROLLOUT_RESTART, "namespace", "shop",
                "workload", "order-api"), REQUEST);
        // THEN two new ready pods, none of the old names, all of one new template hash
        await("order-api replaced", () -> {
            List<Pod> now = podsOf("order-api");
            return now.size() == 2 && now.stream().noneMatch(p -> before.contains(p.getMetadata().getName()));
        });
        List<Pod> now = podsOf("order-api");
        assertThat(now).allSatisfy(p -> assertThat(ready(p)).isTrue());
        assertThat(now).extracting(p -> p.getMetadata().getLabels().get("pod-template-hash"))
                .doesNotContain("7d9f8c6b5")
                .containsOnly(now.get(0).getMetadata().getLabels().get("pod-template-hash"));
    }

    @Test
    void scaleDeployment_upThenDown_podsAndStatusFollow() throws Exception {
        // GIVEN order-api at 2 replicas
        startDemo();
        KubernetesActions actions = new KubernetesActions(client);
        ProposedAction up = action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", "order-api",
                "replicas", "3");
        ProposedAction down = action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", "order-api",
                "replicas", "1");
        // WHEN it is scaled to 3, then to 1
        actions.apply(up, REQUEST);
        await("three order-api pods", () -> podsOf("order-api").size() == 3 && actions.health(up).healthy());
        actions.apply(down, "req-down");
        await("one order-api pod", () -> podsOf("order-api").size() == 1 && actions.health(down).healthy());
        // THEN the status counts the one pod left
        var status = client.apps().deployments().inNamespace("shop").withName("order-api").get().getStatus();
        assertThat(status.getReplicas()).isEqualTo(1);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getAvailableReplicas()).isEqualTo(1);
    }

    @Test
    void statefulSetScaledUp_existingPodKeptAndNextOrdinalAdded() throws Exception {
        // GIVEN the broken database with one replica (the demo's second scenario scales it)
        startDemo();
        String uid = pod("postgres-db-0").getMetadata().getUid();
        // WHEN the StatefulSet is scaled to 2
        client.apps().statefulSets().inNamespace("shop").withName("postgres-db").scale(2);
        // THEN postgres-db-1 runs with its own claim; postgres-db-0 is the same (still broken) pod
        await("postgres-db-1 ready", () -> ready(pod("postgres-db-1")));
        assertThat(client.persistentVolumeClaims().inNamespace("shop").withName("postgres-data-postgres-db-1").get()
                .getStatus().getPhase()).isEqualTo("Bound");
        assertThat(pod("postgres-db-0").getMetadata().getUid()).isEqualTo(uid);
        assertThat(ready(pod("postgres-db-0"))).isFalse();
        await("status 1 of 2 ready", () -> postgres().getStatus().getReplicas() == 2
                && postgres().getStatus().getReadyReplicas() == 1);
    }

    @Test
    void budgetWithStatus_podsChange_statusFollows() throws Exception {
        // GIVEN the postgres-db budget with a status, as a disruption controller would have written it
        startDemo();
        client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("postgres-db").editStatus(b -> {
            b.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                    .withCurrentHealthy(0).withDesiredHealthy(1).withExpectedPods(1).withDisruptionsAllowed(0).build());
            return b;
        });
        // WHEN the database pod is replaced by a ready one
        new KubernetesActions(client).apply(action(ActionType.RESTART_POD, "namespace", "shop", "pod", "postgres-db-0"),
                REQUEST);
        // THEN the budget counts one healthy pod out of one expected, still no disruption allowed
        await("budget currentHealthy 1", () -> {
            PodDisruptionBudget b = client.policy().v1().podDisruptionBudget().inNamespace("shop")
                    .withName("postgres-db").get();
            return Integer.valueOf(1).equals(b.getStatus().getCurrentHealthy());
        });
        var status = client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("postgres-db").get()
                .getStatus();
        assertThat(status.getDesiredHealthy()).isEqualTo(1);
        assertThat(status.getExpectedPods()).isEqualTo(1);
        assertThat(status.getDisruptionsAllowed()).isZero();
    }

    @Test
    void budgetWithEmptySelector_podsChange_countsEveryPodOfTheNamespace() throws Exception {
        // GIVEN a namespace-wide budget (policy/v1: an empty selector selects every pod) with a status
        startDemo();
        client.resource(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("shop-wide").withNamespace("shop").endMetadata()
                .withNewSpec().withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(1))
                .withNewSelector().endSelector().endSpec().build()).create();
        client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("shop-wide").editStatus(b -> {
            b.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                    .withCurrentHealthy(0).withDesiredHealthy(0).withExpectedPods(0).withDisruptionsAllowed(0).build());
            return b;
        });
        // WHEN the database pod is replaced by a ready one
        new KubernetesActions(client).apply(action(ActionType.RESTART_POD, "namespace", "shop", "pod", "postgres-db-0"),
                REQUEST);
        await("a ready postgres-db-0", () -> ready(pod("postgres-db-0")));
        // THEN the budget counts every ready pod of the namespace, as the dry-run's DisruptionBudgets does
        await("budget counts the namespace", () -> {
            var status = client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("shop-wide").get()
                    .getStatus();
            long readyPods = client.pods().inNamespace("shop").list().getItems().stream()
                    .filter(DemoControllerTest::ready).count();
            return status.getCurrentHealthy() == readyPods && readyPods > 1;
        });
        var status = client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("shop-wide").get()
                .getStatus();
        int pods = client.pods().inNamespace("shop").list().getItems().size();
        assertThat(status.getExpectedPods()).isGreaterThanOrEqualTo(pods);
        assertThat(status.getDesiredHealthy()).isEqualTo(status.getExpectedPods() - 1);
        assertThat(status.getDisruptionsAllowed())
                .isEqualTo(Math.max(0, status.getCurrentHealthy() - status.getDesiredHealthy()));
    }

    /** The demo's manifests as a file of one's own: LocalCluster starts no controller for it. */
    private void startOwnManifests(Path dir) throws Exception {
        Path manifests = dir.resolve("cluster.yaml");
        try (var in = io.awoooi.kube.DemoCluster.demoManifests()) {
            Files.write(manifests, in.readAllBytes());
        }
        cluster = LocalCluster.start(manifests);
        client = cluster.client();
    }

    @Test
    void controller_restartsScalesAndRollouts_noPassFails(@TempDir Path dir) throws Exception {
        // GIVEN a controller of its own over the demo objects
        startOwnManifests(dir);
        KubernetesActions actions = new KubernetesActions(client);
        try (DemoController controller = DemoController.start(client, "shop")) {
            // WHEN restarts, a scale and a rollout follow each other
            actions.apply(action(ActionType.RESTART_POD, "namespace", "shop", "pod", "postgres-db-0"), REQUEST);
            actions.apply(
                    action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", "redis", "replicas", "2"),
                    REQUEST);
            actions.apply(
                    action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "kafka", "kind", "statefulset"),
                    REQUEST);
            actions.apply(action(ActionType.RESTART_POD, "namespace", "shop", "pod", ORDER_POD), REQUEST);
            // THEN every target ends healthy and no pass of the controller failed
            await("all healthy", () -> actions.health(action(ActionType.ROLLOUT_RESTART, "namespace", "shop",
                    "workload", "postgres-db", "kind", "statefulset")).healthy()
                    && actions.health(action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", "redis",
                            "replicas", "2")).healthy()
                    && actions.health(action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "kafka",
                            "kind", "statefulset")).healthy()
                    && podsOf("order-api").size() == 2);
            assertThat(controller.lastFailure()).isEmpty();
            assertThat(controller.reconcile()).isZero();
        }
    }

    @Test
    void ownManifests_podDeleted_nothingRecreatesIt(@TempDir Path dir) throws Exception {
        // GIVEN the local API seeded with one's own manifests (./awoooi up --cluster FILE)
        startOwnManifests(dir);
        // WHEN a pod is deleted
        client.pods().inNamespace("shop").withName(ORDER_POD).delete();
        Thread.sleep(1_000);
        // THEN no controller runs: it stays gone
        assertThat(podsOf("order-api")).hasSize(1);
    }
}
