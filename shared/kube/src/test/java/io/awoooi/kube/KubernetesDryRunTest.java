package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The approval dry-run against the fabric8 mock API server (CRUD mode) seeded with the demo shop. */
class KubernetesDryRunTest {
    private static final String ORDER_POD = "order-api-7d9f8c6b5-x2kqp";
    private static final String POSTGRES_CLAIM = "postgres-data-postgres-db-0";

    private final MockCluster cluster = new MockCluster().withDemo();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();
    private final KubernetesDryRun dryRun = new KubernetesDryRun(client);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ProposedAction action(ActionType type, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new ProposedAction(type, params);
    }

    private static ProposedAction restart(String pod) {
        return action(ActionType.RESTART_POD, "namespace", "shop", "pod", pod);
    }

    private static ProposedAction scale(String deployment, int replicas) {
        return action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", deployment,
                "replicas", Integer.toString(replicas));
    }

    private static DryRunCheck check(DryRunReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static PodDisruptionBudget budget(String name, String app, IntOrString minAvailable,
            Integer disruptionsAllowed) {
        PodDisruptionBudgetBuilder b = new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withMinAvailable(minAvailable)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", app).endSelector().endSpec();
        if (disruptionsAllowed != null) {
            b.withNewStatus().withDisruptionsAllowed(disruptionsAllowed).withCurrentHealthy(2).withDesiredHealthy(1)
                    .withExpectedPods(2).endStatus();
        }
        return b.build();
    }

    private void scaleStatefulSet(String name, int replicas) {
        client.apps().statefulSets().inNamespace("shop").withName(name).edit(s -> {
            s.getSpec().setReplicas(replicas);
            return s;
        });
    }

    private void createNode(String name, boolean unschedulable) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().build()).create();
    }

    /** uid and resourceVersion of every object of the kinds the dry-run reads. */
    private Map<String, String> versions() {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.namespaces().list().getItems());
        all.addAll(client.nodes().list().getItems());
        all.addAll(client.pods().inAnyNamespace().list().getItems());
        all.addAll(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
        all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
        all.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
        all.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
        all.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems());
        all.addAll(client.services().inAnyNamespace().list().getItems());
        Map<String, String> versions = new TreeMap<>();
        for (HasMetadata o : all) {
            versions.put(o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                    o.getMetadata().getUid() + " " + o.getMetadata().getResourceVersion());
        }
        return versions;
    }

    @Nested
    class RestartPod {
        @Test
        void restartPod_healthyPodWithoutBudget_passesEveryCheck() {
            // WHEN a healthy order-api pod (no budget covers order-api) is dry-run
            DryRunReport report = dryRun.dryRun(restart(ORDER_POD));
            // THEN all four checks pass, in order, with reasons naming the objects
            assertThat(report.checks()).extracting(DryRunCheck::name).containsExactly("parameters", "rbac", "exists",
                    "pdb");
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "parameters").reason())
                    .isEqualTo("restart_pod: parameters follow the catalog, names are plain");
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: delete pods shop/" + ORDER_POD);
            assertThat(check(report, "exists").reason())
                    .isEqualTo("pod shop/" + ORDER_POD + " exists, owned by deployment shop/order-api");
            assertThat(check(report, "pdb").reason())
                    .isEqualTo("no PodDisruptionBudget covers deployment shop/order-api");
            assertThat(report.stateFingerprint()).matches("[0-9a-f]{64}");
        }

        @Test
        void restartPod_budgetWithoutStatusAndNoReadyPod_failsPdbOverridably() {
            // GIVEN the demo: postgres-db-0 crash-loops (not ready), budget postgres-db minAvailable 1 and
            // no status (no disruption controller in the mock server)
            // WHEN its restart is dry-run
            DryRunReport report = dryRun.dryRun(restart("postgres-db-0"));
            // THEN the budget blocks, overridably, with disruptionsAllowed computed from the pods
            DryRunCheck pdb = check(report, "pdb");
            assertThat(pdb.passed()).isFalse();
            assertThat(pdb.overridable()).isTrue();
            assertThat(pdb.reason()).isEqualTo("would take statefulset shop/postgres-db below its budget postgres-db:"
                    + " 0 disruptions allowed (computed from its pods: the budget has no current status);"
                    + " the pod itself is not ready");
            assertThat(report.blocked()).isFalse();
            assertThat(check(report, "exists").reason())
                    .isEqualTo("pod shop/postgres-db-0 exists, owned by statefulset shop/postgres-db");
        }

        @Test
        void restartPod_budgetStatusAllowsNoDisruption_failsPdbFromTheStatus() {
            // GIVEN a budget on order-api whose status allows no disruption (though both pods are ready)
            cluster.with(budget("order-api", "order-api", new IntOrString(2), 0));
            // WHEN a pod of order-api is dry-run
            DryRunCheck pdb = check(dryRun.dryRun(restart(ORDER_POD)), "pdb");
            // THEN the status decides
            assertThat(pdb.passed()).isFalse();
            assertThat(pdb.overridable()).isTrue();
            assertThat(pdb.reason()).isEqualTo(
                    "would take deployment shop/order-api below its budget order-api: 0 disruptions allowed");
        }

        @Test
        void restartPod_budgetStatusAllowsOneDisruption_passesPdb() {
            // GIVEN a budget on order-api allowing one disruption
            cluster.with(budget("order-api", "order-api", new IntOrString(1), 1));
            // WHEN a pod of order-api is dry-run
            DryRunCheck pdb = check(dryRun.dryRun(restart(ORDER_POD)), "pdb");
            // THEN it passes and says why
            assertThat(pdb.passed()).isTrue();
            assertThat(pdb.reason()).isEqualTo("budget order-api allows 1 disruptions");
        }

        @Test
        void restartPod_budgetWithoutStatusAndEnoughReadyPods_passesWithComputedValue() {
            // GIVEN a budget on order-api (2 ready pods) with minAvailable 1 and no status
            cluster.with(budget("order-api", "order-api", new IntOrString(1), null));
            // WHEN a pod of order-api is dry-run
            DryRunCheck pdb = check(dryRun.dryRun(restart(ORDER_POD)), "pdb");
            // THEN one disruption is allowed: 2 healthy - 1 desired
            assertThat(pdb.passed()).isTrue();
            assertThat(pdb.reason()).isEqualTo(
                    "budget order-api allows 1 disruptions (computed from its pods: the budget has no current status)");
        }

        @Test
        void restartPod_rbacDenied_failsRbacNotOverridable() {
            // GIVEN the identity may not delete pods in shop
            reviews.deny("delete", "pods", "shop", null);
            // WHEN a restart is dry-run
            DryRunReport report = dryRun.dryRun(restart(ORDER_POD));
            // THEN rbac fails for good, with the API's reason, and the report blocks
            DryRunCheck rbac = check(report, "rbac");
            assertThat(rbac.passed()).isFalse();
            assertThat(rbac.overridable()).isFalse();
            assertThat(rbac.reason())
                    .isEqualTo("denied: delete pods shop/" + ORDER_POD + " (" + LocalAccessReviews.DENIED_REASON + ")");
            assertThat(report.blocked()).isTrue();
        }

        @Test
        void restartPod_accessReviewRefused_failsRbacCouldNotDetermine() {
            // GIVEN the bare CRUD mock, which refuses a review without metadata.name (422)
            try (MockCluster bare = new MockCluster().withDemo()) {
                // WHEN a restart is dry-run there
                DryRunReport report = new KubernetesDryRun(bare.client()).dryRun(restart(ORDER_POD));
                // THEN rbac fails, not overridably
                assertThat(check(report, "rbac")).isEqualTo(DryRunCheck.fail("rbac",
                        "could not determine whether delete pods shop/" + ORDER_POD + " is allowed (HTTP 422)", false));
            }
        }

        @Test
        void restartPod_accessReviewWithoutStatus_failsRbacCouldNotDetermine() {
            // GIVEN an API server that returns the review without an answer
            try (MockCluster mute = new MockCluster().withDemo()) {
                mute.server().expect().post().withPath(LocalAccessReviews.PATH)
                        .andReturn(201, new SelfSubjectAccessReview()).always();
                // WHEN a restart is dry-run there
                DryRunReport report = new KubernetesDryRun(mute.client()).dryRun(restart(ORDER_POD));
                // THEN rbac fails, not overridably
                assertThat(check(report, "rbac")).isEqualTo(DryRunCheck.fail("rbac", "could not determine whether"
                        + " delete pods shop/" + ORDER_POD
                        + " is allowed: the access review came back without an answer", false));
                assertThat(report.blocked()).isTrue();
            }
        }

        @Test
        void restartPod_executorIdentityGiven_asksASubjectAccessReviewForThatUser() throws Exception {
            // GIVEN an API server that allows the executor's user and records the review it was asked
            try (MockCluster cluster = new MockCluster().withDemo()) {
                var allowed = new io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder()
                        .withNewStatus().withAllowed(true).endStatus().build();
                cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
                        .andReturn(201, allowed).always();
                var dryRun = new KubernetesDryRun(cluster.client(), java.util.Optional.of(
                        new KubernetesDryRun.Executor("system:serviceaccount:awoooi:executor",
                                List.of("awoooi-executors"))));
                // WHEN a restart is dry-run (the client itself is some other, read-only identity)
                DryRunReport report = dryRun.dryRun(restart(ORDER_POD));
                // THEN rbac passes on the executor's behalf, and the review named that user, group and action
                assertThat(check(report, "rbac").passed()).isTrue();
                var request = cluster.server().takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
                while (request != null && !request.getPath().endsWith("/subjectaccessreviews")) {
                    request = cluster.server().takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
                }
                assertThat(request).isNotNull();
                assertThat(request.getBody().readUtf8()).contains("\"user\":\"system:serviceaccount:awoooi:executor\"",
                        "awoooi-executors", "\"verb\":\"delete\"", "\"resource\":\"pods\"", ORDER_POD);
            }
        }

        @Test
        void restartPod_missingPod_failsExistsNotOverridable() {
            // WHEN a pod that does not exist is dry-run
            DryRunReport report = dryRun.dryRun(restart("order-api-gone"));
            // THEN exists blocks; the budget check could not run
            DryRunCheck exists = check(report, "exists");
            assertThat(exists.passed()).isFalse();
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).isEqualTo("pod shop/order-api-gone not found");
            assertThat(check(report, "pdb").reason()).isEqualTo("not checked: pod shop/order-api-gone not found");
            assertThat(report.blocked()).isTrue();
        }

        @Test
        void restartPod_podWithoutController_saysNothingRecreatesIt() {
            // GIVEN a bare pod that no workload selects
            cluster.with(new PodBuilder().withNewMetadata().withName("debug").withNamespace("shop")
                    .addToLabels("run", "debug").endMetadata().withNewSpec().addNewContainer().withName("sh")
                    .withImage("busybox").endContainer().endSpec().build());
            // WHEN its restart is dry-run
            DryRunReport report = dryRun.dryRun(restart("debug"));
            // THEN exists passes but warns
            assertThat(check(report, "exists").reason())
                    .isEqualTo(
                            "pod shop/debug exists; no controller owns it, so nothing recreates it after the restart");
            assertThat(check(report, "pdb").reason()).isEqualTo("no PodDisruptionBudget covers pod shop/debug");
        }

        @Test
        void restartPod_readForbidden_failsExistsAndPdbNotOverridable() {
            // GIVEN the API server refuses to show the pod
            cluster.server().expect().get().withPath("/api/v1/namespaces/shop/pods/" + ORDER_POD)
                    .andReturn(403,
                            new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build())
                    .always();
            // WHEN its restart is dry-run
            DryRunReport report = dryRun.dryRun(restart(ORDER_POD));
            // THEN both checks that needed it fail for good
            String reason = "cannot read pod shop/" + ORDER_POD + " (HTTP 403); the dry-run needs read access to it";
            assertThat(check(report, "exists")).isEqualTo(DryRunCheck.fail("exists", reason, false));
            assertThat(check(report, "pdb")).isEqualTo(DryRunCheck.fail("pdb", reason, false));
        }
    }

    @Nested
    class RolloutRestart {
        @Test
        void rolloutRestart_statefulSetWithExhaustedBudget_failsPdbOverridably() {
            // WHEN a rollout restart of the crash-looping StatefulSet is dry-run
            DryRunReport report = dryRun.dryRun(action(ActionType.ROLLOUT_RESTART, "namespace", "shop",
                    "workload", "postgres-db", "kind", "statefulset"));
            // THEN rbac asks about patching statefulsets, the target exists, the budget fails overridably
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch statefulsets shop/postgres-db");
            assertThat(check(report, "exists").reason())
                    .isEqualTo("statefulset shop/postgres-db exists with 1 replicas");
            DryRunCheck pdb = check(report, "pdb");
            assertThat(pdb.passed()).isFalse();
            assertThat(pdb.overridable()).isTrue();
            assertThat(pdb.reason()).startsWith(
                    "would take statefulset shop/postgres-db below its budget postgres-db: 0 disruptions allowed");
        }

        @Test
        void rolloutRestart_healthyDeployment_passesEveryCheck() {
            // WHEN a rollout restart of order-api (kind left out: deployment) is dry-run
            DryRunReport report = dryRun
                    .dryRun(action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "order-api"));
            // THEN everything passes
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments shop/order-api");
            assertThat(check(report, "pdb").reason())
                    .isEqualTo("no PodDisruptionBudget covers deployment shop/order-api");
        }

        @Test
        void rolloutRestart_wrongKind_failsExistsAndNamesTheKindThatExists() {
            // WHEN postgres-db is restarted as a Deployment (the default kind)
            DryRunReport report = dryRun
                    .dryRun(action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "postgres-db"));
            // THEN exists blocks and points at the StatefulSet
            DryRunCheck exists = check(report, "exists");
            assertThat(exists.overridable()).isFalse();
            assertThat(exists.reason()).isEqualTo("deployment shop/postgres-db not found;"
                    + " statefulset shop/postgres-db exists (kind statefulset)");
        }
    }

    @Nested
    class ScaleDeployment {
        @Test
        void scaleDeployment_belowIntMinAvailable_failsPdbOverridably() {
            // GIVEN order-api (2 replicas) under a budget of minAvailable 2
            cluster.with(budget("order-api", "order-api", new IntOrString(2), 0));
            // WHEN scaling it to 1 is dry-run
            DryRunReport report = dryRun.dryRun(scale("order-api", 1));
            // THEN rbac asks about the scale subresource and the budget fails overridably
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch deployments/scale shop/order-api");
            DryRunCheck pdb = check(report, "pdb");
            assertThat(pdb.passed()).isFalse();
            assertThat(pdb.overridable()).isTrue();
            assertThat(pdb.reason()).isEqualTo("would take deployment shop/order-api below its budget order-api:"
                    + " minAvailable 2, 1 pods left after scaling");
        }

        @Test
        void scaleDeployment_percentageMinAvailable_passesAgainstTheNewCount() {
            // GIVEN order-api under a budget of minAvailable 50%
            cluster.with(budget("order-api", "order-api", new IntOrString("50%"), 1));
            // WHEN scaling it to 1 is dry-run
            DryRunCheck pdb = check(dryRun.dryRun(scale("order-api", 1)), "pdb");
            // THEN 50% of the new count is always met
            assertThat(pdb.passed()).isTrue();
            assertThat(pdb.reason()).isEqualTo("scaling from 2 to 1 replicas keeps every budget: budget order-api:"
                    + " minAvailable 50%, 1 pods left after scaling");
        }

        @Test
        void scaleDeployment_up_passesPdb() {
            // GIVEN order-api under a budget of minAvailable 2
            cluster.with(budget("order-api", "order-api", new IntOrString(2), 0));
            // WHEN scaling it up is dry-run
            DryRunReport report = dryRun.dryRun(scale("order-api", 3));
            // THEN no pod goes away
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "pdb").reason()).isEqualTo("scaling from 2 to 3 replicas takes no pod away");
        }

        @Test
        void scaleDeployment_missingDeployment_failsExists() {
            // WHEN a Deployment that does not exist is scaled
            DryRunReport report = dryRun.dryRun(scale("checkout", 1));
            // THEN exists blocks
            assertThat(check(report, "exists"))
                    .isEqualTo(DryRunCheck.fail("exists", "deployment shop/checkout not found", false));
        }
    }

    @Nested
    class DeletePvc {
        private final ProposedAction deleteClaim = action(ActionType.DELETE_PVC, "namespace", "shop", "pvc",
                POSTGRES_CLAIM);

        @Test
        void deletePvc_claimMountedByPod_failsPdbNotOverridable() {
            // WHEN the claim postgres-db-0 mounts is dry-run for deletion
            DryRunReport report = dryRun.dryRun(deleteClaim);
            // THEN it exists, rbac asks about persistentvolumeclaims, and the pod using it blocks
            assertThat(check(report, "rbac").reason())
                    .isEqualTo("allowed: delete persistentvolumeclaims shop/" + POSTGRES_CLAIM);
            assertThat(check(report, "exists").reason())
                    .isEqualTo("persistentvolumeclaim shop/" + POSTGRES_CLAIM + " exists (Bound)");
            assertThat(check(report, "pdb")).isEqualTo(DryRunCheck.fail("pdb", "in use by pod postgres-db-0", false));
            assertThat(report.blocked()).isTrue();
        }

        @Test
        void deletePvc_noPodMountsTheClaim_passes() {
            // GIVEN the pod that mounted it is gone
            client.pods().inNamespace("shop").withName("postgres-db-0").delete();
            // WHEN the deletion is dry-run
            DryRunReport report = dryRun.dryRun(deleteClaim);
            // THEN every check passes
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "pdb").reason()).isEqualTo("no pod mounts the claim");
        }

        @Test
        void deletePvc_missingClaim_failsExists() {
            // WHEN a claim that does not exist is dry-run
            DryRunReport report = dryRun.dryRun(action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", "nope"));
            // THEN exists blocks
            assertThat(check(report, "exists").reason()).isEqualTo("persistentvolumeclaim shop/nope not found");
            assertThat(report.blocked()).isTrue();
        }
    }

    @Nested
    class NodesAndNamespaces {
        @Test
        void cordonNode_existingNode_passesAndNoBudgetApplies() {
            // GIVEN a schedulable node
            createNode("node-a", false);
            // WHEN cordoning it is dry-run
            DryRunReport report = dryRun.dryRun(action(ActionType.CORDON_NODE, "node", "node-a"));
            // THEN every check passes; cordoning evicts nothing
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch nodes node-a");
            assertThat(check(report, "exists").reason()).isEqualTo("node node-a exists");
            assertThat(check(report, "pdb").reason()).isEqualTo("no budget applies: cordoning evicts no pod");
        }

        @Test
        void uncordonNode_schedulableNode_saysSo() {
            // GIVEN a schedulable node
            createNode("node-a", false);
            // WHEN uncordoning it is dry-run
            DryRunReport report = dryRun.dryRun(action(ActionType.UNCORDON_NODE, "node", "node-a"));
            // THEN it passes and says nothing would change
            assertThat(check(report, "exists").reason()).isEqualTo("node node-a exists and is schedulable already");
        }

        @Test
        void cordonNode_missingNode_failsExists() {
            // WHEN a node that does not exist is cordoned
            DryRunReport report = dryRun.dryRun(action(ActionType.CORDON_NODE, "node", "node-z"));
            // THEN exists blocks; still no budget applies
            assertThat(check(report, "exists")).isEqualTo(DryRunCheck.fail("exists", "node node-z not found", false));
            assertThat(check(report, "pdb").passed()).isTrue();
        }

        @Test
        void cordonNode_rbacDeniedForThatNode_failsRbac() {
            // GIVEN nodes may not be patched
            createNode("node-a", false);
            reviews.deny("patch", "nodes", null, "node-a");
            // WHEN cordoning it is dry-run
            DryRunCheck rbac = check(dryRun.dryRun(action(ActionType.CORDON_NODE, "node", "node-a")), "rbac");
            // THEN rbac blocks
            assertThat(rbac.passed()).isFalse();
            assertThat(rbac.overridable()).isFalse();
        }

        @Test
        void deleteNamespace_existingNamespace_passes() {
            // WHEN deleting shop is dry-run
            DryRunReport report = dryRun.dryRun(action(ActionType.DELETE_NAMESPACE, "namespace", "shop"));
            // THEN rbac asks about the namespace itself, and everything passes
            assertThat(report.passed()).isTrue();
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: delete namespaces shop");
            assertThat(check(report, "exists").reason()).isEqualTo("namespace shop exists");
            assertThat(check(report, "pdb").reason())
                    .isEqualTo("no budget applies: deleting a namespace does not go through evictions");
        }

        @Test
        void deleteNamespace_missingNamespace_failsExists() {
            // WHEN a namespace that does not exist is deleted
            DryRunReport report = dryRun.dryRun(action(ActionType.DELETE_NAMESPACE, "namespace", "staging"));
            // THEN exists blocks
            assertThat(check(report, "exists"))
                    .isEqualTo(DryRunCheck.fail("exists", "namespace staging not found", false));
        }
    }

    @Nested
    class PseudonymizedNames {
        @Test
        void restartPod_podIsALabel_failsOverridablyAndChecksRbacForAnyName() {
            // WHEN the pod is a Privacy Shield label
            DryRunReport report = dryRun.dryRun(restart("[POD_1]"));
            // THEN parameters, exists and pdb fail overridably; rbac is asked for every pod in shop
            String reason = "pod name is pseudonymized; the executor checks it after rehydration";
            assertThat(check(report, "parameters")).isEqualTo(DryRunCheck.fail("parameters", reason, true));
            assertThat(check(report, "rbac"))
                    .isEqualTo(DryRunCheck.pass("rbac", "allowed: delete pods in shop (any name)"));
            assertThat(check(report, "exists"))
                    .isEqualTo(DryRunCheck.fail("exists", "namespace shop exists; " + reason, true));
            assertThat(check(report, "pdb")).isEqualTo(DryRunCheck.fail("pdb", reason, true));
            assertThat(report.blocked()).isFalse();
            // AND no reason repeats the label
            assertThat(report.checks()).allSatisfy(c -> assertThat(c.reason()).doesNotContain("[POD_1]"));
        }

        @Test
        void restartPod_labelAndRbacDeniedForOneName_failsRbacOverridably() {
            // GIVEN one pod may not be deleted
            reviews.deny("delete", "pods", "shop", "postgres-db-0");
            // WHEN the pod is a label (it may or may not be that one)
            DryRunCheck rbac = check(dryRun.dryRun(restart("[POD_1]")), "rbac");
            // THEN rbac fails overridably: the executor asks again with the real name
            assertThat(rbac.passed()).isFalse();
            assertThat(rbac.overridable()).isTrue();
            assertThat(rbac.reason()).isEqualTo("not allowed for every name: delete pods in shop (any name) ("
                    + LocalAccessReviews.DENIED_REASON
                    + "); pod name is pseudonymized; the executor checks it after rehydration");
        }

        @Test
        void restartPod_namespaceAndPodAreLabels_asksForEveryNamespace() {
            // WHEN namespace and pod are labels
            DryRunReport report = dryRun
                    .dryRun(action(ActionType.RESTART_POD, "namespace", "[NAMESPACE_1]", "pod", "[POD_2]"));
            // THEN rbac is asked cluster-wide and nothing is looked up
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: delete pods (any name, any namespace)");
            assertThat(check(report, "parameters").reason())
                    .isEqualTo("namespace and pod names are pseudonymized; the executor checks them after rehydration");
            assertThat(check(report, "exists").overridable()).isTrue();
        }

        @Test
        void scaleDeployment_labelInAMissingNamespace_failsExistsNotOverridable() {
            // WHEN the deployment is a label but the (plain) namespace does not exist
            DryRunReport report = dryRun.dryRun(action(ActionType.SCALE_DEPLOYMENT, "namespace", "staging",
                    "deployment", "[DEPLOYMENT_1]", "replicas", "1"));
            // THEN exists blocks: no rehydration brings the namespace back
            assertThat(check(report, "exists"))
                    .isEqualTo(DryRunCheck.fail("exists", "namespace staging not found", false));
        }

        @Test
        void cordonNode_nodeIsALabel_failsExistsOverridably() {
            // WHEN the node is a label
            DryRunReport report = dryRun.dryRun(action(ActionType.CORDON_NODE, "node", "[NODE_1]"));
            // THEN rbac covers every node, exists waits for rehydration, no budget applies
            assertThat(check(report, "rbac").reason()).isEqualTo("allowed: patch nodes (any name)");
            assertThat(check(report, "exists").overridable()).isTrue();
            assertThat(check(report, "pdb").passed()).isTrue();
        }

        @Test
        void restartPod_label_fingerprintIsStable() {
            // WHEN the same pseudonymized action is dry-run twice
            String first = dryRun.dryRun(restart("[POD_1]")).stateFingerprint();
            String second = dryRun.dryRun(restart("[POD_1]")).stateFingerprint();
            // THEN the fingerprints match
            assertThat(second).isEqualTo(first);
        }
    }

    @Nested
    class Fingerprint {
        @Test
        void fingerprint_unchangedCluster_isTheSameEveryTime() {
            // WHEN every kind of action is dry-run twice against an unchanged cluster
            createNode("node-a", false);
            List<ProposedAction> actions = List.of(restart("postgres-db-0"), restart(ORDER_POD),
                    action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "postgres-db", "kind",
                            "statefulset"),
                    scale("order-api", 1), action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", POSTGRES_CLAIM),
                    action(ActionType.CORDON_NODE, "node", "node-a"),
                    action(ActionType.DELETE_NAMESPACE, "namespace", "shop"));
            // THEN each gives the same fingerprint both times, and no two actions share one
            List<String> first = actions.stream().map(a -> dryRun.dryRun(a).stateFingerprint()).toList();
            List<String> second = actions.stream().map(a -> dryRun.dryRun(a).stateFingerprint()).toList();
            assertThat(second).isEqualTo(first);
            assertThat(first).doesNotHaveDuplicates();
        }

        @Test
        void stateLines_restartOfThePostgresPod_coverPodOwnerAndBudgetSorted() {
            // WHEN the restart of postgres-db-0 is dry-run
            List<String> lines = dryRun.stateLines(restart("postgres-db-0"));
            // THEN the fingerprint covers the action, the pod, its StatefulSet and its budget, sorted
            assertThat(lines).hasSize(4).isSorted();
            assertThat(lines.get(0)).isEqualTo("action restart_pod(namespace=shop, pod=postgres-db-0)");
            assertThat(lines.get(1)).matches("pdb shop/postgres-db uid=[0-9a-f-]{36}( gen=\\d+)? disruptionsAllowed=0");
            assertThat(lines.get(2)).matches("pod shop/postgres-db-0 uid=[0-9a-f-]{36}( gen=\\d+)?");
            assertThat(lines.get(3)).matches("statefulset shop/postgres-db uid=[0-9a-f-]{36}( gen=\\d+)? replicas=1");
            // AND the fingerprint is their hash
            assertThat(dryRun.dryRun(restart("postgres-db-0")).stateFingerprint())
                    .isEqualTo(KubernetesDryRun.fingerprint(lines));
        }

        @Test
        void stateLines_deleteOfTheMountedClaim_coverClaimAndItsPod() {
            // WHEN the deletion of the postgres claim is dry-run
            List<String> lines = dryRun
                    .stateLines(action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", POSTGRES_CLAIM));
            // THEN the claim (with its phase) and the pod mounting it are covered
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).matches(
                    "persistentvolumeclaim shop/" + POSTGRES_CLAIM + " uid=[0-9a-f-]{36}( gen=\\d+)? phase=Bound");
            assertThat(lines.get(2)).matches("pod shop/postgres-db-0 uid=[0-9a-f-]{36}( gen=\\d+)?");
        }

        @Test
        void fingerprint_statusOnlyWritesOnTheTargetPod_staysTheSame() {
            // GIVEN the fingerprint of a restart of the crash-looping postgres pod
            String before = dryRun.dryRun(restart("postgres-db-0")).stateFingerprint();
            String rvBefore = client.pods().inNamespace("shop").withName("postgres-db-0").get().getMetadata()
                    .getResourceVersion();
            // WHEN the kubelet reports another restart (a status write: resourceVersion moves, the spec does not)
            var pod = client.pods().inNamespace("shop").withName("postgres-db-0").get();
            pod.getStatus().getContainerStatuses().forEach(c -> c.setRestartCount(c.getRestartCount() + 1));
            client.pods().inNamespace("shop").resource(pod).updateStatus();
            // THEN the approval is still about the same state: the fingerprint has not moved
            assertThat(client.pods().inNamespace("shop").withName("postgres-db-0").get().getMetadata()
                    .getResourceVersion()).isNotEqualTo(rvBefore);
            assertThat(dryRun.dryRun(restart("postgres-db-0")).stateFingerprint()).isEqualTo(before);
        }

        @Test
        void fingerprint_afterScalingThePodsStatefulSet_changes() {
            // GIVEN the fingerprint of restarting postgres-db-0
            String before = dryRun.dryRun(restart("postgres-db-0")).stateFingerprint();
            // WHEN someone scales its StatefulSet
            scaleStatefulSet("postgres-db", 2);
            // THEN the fingerprint changes
            assertThat(dryRun.dryRun(restart("postgres-db-0")).stateFingerprint()).isNotEqualTo(before);
        }

        @Test
        void fingerprint_afterScalingTheDeployment_changes() {
            // GIVEN the fingerprints of a rollout restart and a scale of order-api
            ProposedAction rollout = action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "order-api");
            String rolloutBefore = dryRun.dryRun(rollout).stateFingerprint();
            String scaleBefore = dryRun.dryRun(scale("order-api", 1)).stateFingerprint();
            // WHEN someone scales order-api
            client.apps().deployments().inNamespace("shop").withName("order-api").edit(d -> {
                d.getSpec().setReplicas(3);
                return d;
            });
            // THEN both change
            assertThat(dryRun.dryRun(rollout).stateFingerprint()).isNotEqualTo(rolloutBefore);
            assertThat(dryRun.dryRun(scale("order-api", 1)).stateFingerprint()).isNotEqualTo(scaleBefore);
        }

        @Test
        void fingerprint_afterTheTargetPodIsRecreated_changes() {
            // GIVEN the fingerprint of restarting an order-api pod
            String before = dryRun.dryRun(restart(ORDER_POD)).stateFingerprint();
            // WHEN the pod is deleted and created again with the same manifest
            Pod pod = client.pods().inNamespace("shop").withName(ORDER_POD).get();
            client.pods().inNamespace("shop").withName(ORDER_POD).delete();
            Pod again = new PodBuilder(pod).editMetadata().withUid(null).withResourceVersion(null)
                    .withCreationTimestamp(null).endMetadata().build();
            client.resource(again).create();
            // THEN the fingerprint changes (new uid)
            assertThat(dryRun.dryRun(restart(ORDER_POD)).stateFingerprint()).isNotEqualTo(before);
        }

        @Test
        void fingerprint_afterTheTargetIsDeleted_changesAndExistsFails() {
            // GIVEN the fingerprint of restarting postgres-db
            ProposedAction rollout = action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "postgres-db",
                    "kind", "statefulset");
            String before = dryRun.dryRun(rollout).stateFingerprint();
            // WHEN the StatefulSet is deleted
            client.apps().statefulSets().inNamespace("shop").withName("postgres-db").delete();
            DryRunReport after = dryRun.dryRun(rollout);
            // THEN the fingerprint changes and exists blocks
            assertThat(after.stateFingerprint()).isNotEqualTo(before);
            assertThat(check(after, "exists").passed()).isFalse();
        }

        @Test
        void fingerprint_afterTheBudgetStatusChanges_changes() {
            // GIVEN a budget on order-api allowing one disruption, and the fingerprint of a restart
            cluster.with(budget("order-api", "order-api", new IntOrString(1), 1));
            String before = dryRun.dryRun(restart(ORDER_POD)).stateFingerprint();
            // WHEN its status changes to none allowed
            PodDisruptionBudget stored = client.policy().v1().podDisruptionBudget().inNamespace("shop")
                    .withName("order-api").get();
            stored.getStatus().setDisruptionsAllowed(0);
            client.resource(stored).updateStatus();
            // THEN the fingerprint changes
            assertThat(dryRun.dryRun(restart(ORDER_POD)).stateFingerprint()).isNotEqualTo(before);
        }

        @Test
        void fingerprint_afterTheClaimsPodIsRecreated_changes() {
            // GIVEN the fingerprint of deleting the postgres claim
            ProposedAction deleteClaim = action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", POSTGRES_CLAIM);
            String before = dryRun.dryRun(deleteClaim).stateFingerprint();
            // WHEN the pod mounting it is replaced
            Pod pod = client.pods().inNamespace("shop").withName("postgres-db-0").get();
            client.pods().inNamespace("shop").withName("postgres-db-0").delete();
            client.resource(
                    new PodBuilder(pod).editMetadata().withUid(null).withResourceVersion(null).endMetadata().build())
                    .create();
            // THEN the fingerprint changes
            assertThat(dryRun.dryRun(deleteClaim).stateFingerprint()).isNotEqualTo(before);
        }

        @Test
        void fingerprint_afterTheNodeIsCordoned_changes() {
            // GIVEN the fingerprint of cordoning a schedulable node
            createNode("node-a", false);
            ProposedAction cordon = action(ActionType.CORDON_NODE, "node", "node-a");
            String before = dryRun.dryRun(cordon).stateFingerprint();
            // WHEN someone cordons it first
            client.nodes().withName("node-a").edit(n -> {
                n.getSpec().setUnschedulable(true);
                return n;
            });
            // THEN the fingerprint changes, and the dry-run says it is cordoned already
            DryRunReport after = dryRun.dryRun(cordon);
            assertThat(after.stateFingerprint()).isNotEqualTo(before);
            assertThat(check(after, "exists").reason()).isEqualTo("node node-a exists and is unschedulable already");
        }

        @Test
        void fingerprint_cordonAndUncordonOfOneNode_differ() {
            // GIVEN one node
            createNode("node-a", false);
            // WHEN cordon and uncordon are dry-run
            String cordon = dryRun.dryRun(action(ActionType.CORDON_NODE, "node", "node-a")).stateFingerprint();
            String uncordon = dryRun.dryRun(action(ActionType.UNCORDON_NODE, "node", "node-a")).stateFingerprint();
            // THEN their fingerprints differ: an approval of one is no approval of the other
            assertThat(cordon).isNotEqualTo(uncordon);
        }
    }

    @Test
    void dryRun_everyAction_writesNothing() {
        // GIVEN the versions of every object
        createNode("node-a", false);
        cluster.with(budget("order-api", "order-api", new IntOrString(1), 1));
        Map<String, String> before = versions();
        // WHEN every action of the catalog is dry-run
        List.of(restart("postgres-db-0"), restart(ORDER_POD),
                action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "order-api"),
                action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", "postgres-db", "kind",
                        "statefulset"),
                scale("order-api", 0), action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", POSTGRES_CLAIM),
                action(ActionType.CORDON_NODE, "node", "node-a"), action(ActionType.UNCORDON_NODE, "node", "node-a"),
                action(ActionType.DELETE_NAMESPACE, "namespace", "shop"), restart("[POD_1]"))
                .forEach(dryRun::dryRun);
        // THEN no object was created, changed or deleted
        assertThat(versions()).isEqualTo(before).isNotEmpty();
    }

    @Test
    void dryRun_apiServerDown_throwsTopologyUnavailable() {
        // GIVEN the API server is gone
        cluster.stopServer();
        // WHEN a dry-run is asked for
        // THEN it says the cluster cannot be reached
        assertThatThrownBy(() -> dryRun.dryRun(restart(ORDER_POD)))
                .isInstanceOf(TopologyUnavailableException.class)
                .hasMessageContaining("delete pods shop/" + ORDER_POD);
    }
}
