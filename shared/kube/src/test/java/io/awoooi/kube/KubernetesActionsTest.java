package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.awoooi.core.failure.TopologyUnavailableException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The cluster actions against the fabric8 mock API server (CRUD mode) seeded with the demo shop. */
class KubernetesActionsTest {
    private static final String REQUEST = "req-0123456789abcdef";
    private static final String ORDER_POD = "order-api-7d9f8c6b5-x2kqp";
    private static final String POSTGRES_POD = "postgres-db-0";
    private static final String POSTGRES_CLAIM = "postgres-data-postgres-db-0";
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private final MockCluster cluster = new MockCluster().withDemo();
    private final KubernetesClient client = cluster.client();
    private final KubernetesActions actions = new KubernetesActions(client, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        cluster.close();
    }

    // ---------------------------------------------------------------------- fixtures

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

    private static ProposedAction rollout(String workload, String kind) {
        return action(ActionType.ROLLOUT_RESTART, "namespace", "shop", "workload", workload, "kind", kind);
    }

    private static ProposedAction scale(String deployment, int replicas) {
        return action(ActionType.SCALE_DEPLOYMENT, "namespace", "shop", "deployment", deployment,
                "replicas", Integer.toString(replicas));
    }

    private static ProposedAction deletePvc(String claim) {
        return action(ActionType.DELETE_PVC, "namespace", "shop", "pvc", claim);
    }

    /** Actions whose clock is {@code age} after now: the demo's pods, created just now, look that old. */
    private KubernetesActions later(Duration age) {
        return new KubernetesActions(client, Clock.fixed(Instant.now().plus(age), ZoneOffset.UTC));
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    /** Every request the server received since the last call, oldest first. */
    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            all.add(r);
        }
        return all;
    }

    private List<RecordedRequest> requests(String method) throws InterruptedException {
        return requests().stream().filter(r -> r.getMethod().equals(method)).toList();
    }

    private Node createNode(String name, String ready, boolean unschedulable) {
        return client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus()
                .build()).create();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace("shop").withName(name).get();
    }

    private StatefulSet postgres() {
        return client.apps().statefulSets().inNamespace("shop").withName("postgres-db").get();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace("shop").withName(name).get();
    }

    /** The GET of {@code path} answers {@code stale} once: the object as read before someone changed it. */
    private void answerOnceWithStale(String path, HasMetadata stale) {
        cluster.server().expect().get().withPath(path).andReturn(200, stale).once();
    }

    // ---------------------------------------------------------------------- restart_pod

    @Nested
    class RestartPod {
        @Test
        void restartPod_demoPod_deletesItWithGracePeriodAndVersionPrecondition() throws Exception {
            // GIVEN the pod as it is now
            String version = pod(ORDER_POD).getMetadata().getResourceVersion();
            requests();
            // WHEN the executor restarts it
            ActionResult result = actions.apply(restart(ORDER_POD), REQUEST);
            // THEN the pod is gone, deleted with a grace period and a precondition on the version read
            assertThat(result).isEqualTo(new ActionResult.Applied(
                    "pod shop/" + ORDER_POD + " deleted with a 30 s grace period"));
            assertThat(pod(ORDER_POD)).isNull();
            List<RecordedRequest> deletes = requests("DELETE");
            assertThat(deletes).singleElement().satisfies(d -> {
                assertThat(d.getPath()).isEqualTo("/api/v1/namespaces/shop/pods/" + ORDER_POD);
                assertThat(d.getUtf8Body()).contains("\"gracePeriodSeconds\":30")
                        .contains("\"preconditions\":{\"resourceVersion\":\"" + version + "\"}");
            });
        }

        @Test
        void alreadyApplied_beforeAndAfterRestart_falseThenTrue() {
            // GIVEN actions that see the demo pod as ten minutes old
            KubernetesActions tenMinutesOn = later(Duration.ofMinutes(10));
            // WHEN asked before and after the restart
            boolean before = tenMinutesOn.alreadyApplied(restart(ORDER_POD), REQUEST, approvedAfterSetUp());
            tenMinutesOn.apply(restart(ORDER_POD), REQUEST);
            boolean after = tenMinutesOn.alreadyApplied(restart(ORDER_POD), REQUEST, approvedAfterSetUp());
            // THEN false, then true (the pod is gone)
            assertThat(before).isFalse();
            assertThat(after).isTrue();
        }

        @Test
        void alreadyApplied_statefulSetPodRecreatedAfterTheApproval_trueHoweverLongTheLeaseLasted() {
            // GIVEN issue #10's fault run: approved, then the executor killed between its DELETE and its
            // record; the StatefulSet recreated postgres-db-0 under the same name
            Instant approvedAt = Instant.now().minusSeconds(2);
            Pod old = pod(POSTGRES_POD);
            client.pods().inNamespace("shop").withName(POSTGRES_POD).delete();
            Pod fresh = client.pods().inNamespace("shop").resource(new PodBuilder(old).editMetadata()
                    .withUid(null).withResourceVersion(null).withCreationTimestamp(null).endMetadata().build())
                    .create();
            assertThat(fresh.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
            // WHEN the next attempt asks right away, and after the crashed attempt's two-minute lease and more
            boolean now = later(Duration.ZERO).alreadyApplied(restart(POSTGRES_POD), REQUEST, approvedAt);
            boolean afterTheLease = later(Duration.ofMinutes(3)).alreadyApplied(restart(POSTGRES_POD), REQUEST,
                    approvedAt);
            boolean anHourOn = later(Duration.ofHours(1)).alreadyApplied(restart(POSTGRES_POD), REQUEST, approvedAt);
            // THEN the pod created after the approval is the replacement every time: nothing deleted twice
            assertThat(now).isTrue();
            assertThat(afterTheLease).isTrue();
            assertThat(anHourOn).isTrue();
        }

        @Test
        void alreadyApplied_approvedPodStillThere_falseHoweverYoung() {
            // GIVEN an attempt that crashed before its DELETE: the pod the approvers saw is still there,
            // created a moment before the approval
            Instant approvedAt = Instant.now().plusSeconds(1);
            // WHEN the next attempt asks, at once and later
            boolean now = later(Duration.ZERO).alreadyApplied(restart(POSTGRES_POD), REQUEST, approvedAt);
            boolean afterTheLease = later(Duration.ofMinutes(3)).alreadyApplied(restart(POSTGRES_POD), REQUEST,
                    approvedAt);
            // THEN not applied: the restart still has to happen
            assertThat(now).isFalse();
            assertThat(afterTheLease).isFalse();
        }

        @Test
        void restartPod_podChangedSinceRead_refused409AndPodKept() {
            // GIVEN the API server refuses the delete's precondition (the mock server's CRUD store ignores
            // delete preconditions, so the answer a real API server gives comes from an expectation)
            cluster.server().expect().delete().withPath("/api/v1/namespaces/shop/pods/" + ORDER_POD)
                    .andReturn(409, status(409, "Conflict", "Operation cannot be fulfilled on pods \"" + ORDER_POD
                            + "\": the ResourceVersion in the precondition (41) does not match the ResourceVersion in"
                            + " record (42). The object might have been modified"))
                    .once();
            // WHEN the executor restarts the pod
            ActionResult result = actions.apply(restart(ORDER_POD), REQUEST);
            // THEN a 409 refusal with the API's message; the pod stays
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class, r -> {
                assertThat(r.httpStatus()).isEqualTo(409);
                assertThat(r.reason()).startsWith("Operation cannot be fulfilled on pods \"" + ORDER_POD + "\"");
            });
            assertThat(pod(ORDER_POD)).isNotNull();
        }

        @Test
        void restartPod_deleteForbidden_refused403WithApiMessage() {
            // GIVEN the executor's identity may not delete pods
            String message = "pods \"" + ORDER_POD + "\" is forbidden: User \"system:serviceaccount:awoooi:executor\""
                    + " cannot delete resource \"pods\" in API group \"\" in the namespace \"shop\"";
            cluster.server().expect().delete().withPath("/api/v1/namespaces/shop/pods/" + ORDER_POD)
                    .andReturn(403, status(403, "Forbidden", message)).once();
            // WHEN the executor restarts the pod
            ActionResult result = actions.apply(restart(ORDER_POD), REQUEST);
            // THEN refused with the API's reason, nothing deleted
            assertThat(result).isEqualTo(new ActionResult.Refused(403, message));
            assertThat(pod(ORDER_POD)).isNotNull();
        }

        @Test
        void restartPod_missingPod_refused404() {
            // WHEN a pod that does not exist is restarted
            ActionResult result = actions.apply(restart("ghost-0"), REQUEST);
            // THEN refused: not found
            assertThat(result).isEqualTo(new ActionResult.Refused(404, "pod shop/ghost-0 not found"));
        }

        @Test
        void health_crashLoopingStatefulSetPod_unhealthyWithEvidence() {
            // WHEN the health of the broken database's pod is asked
            TargetHealth health = actions.health(restart(POSTGRES_POD));
            // THEN its StatefulSet is the target: 0 of 1 ready, the pod crash-looping
            assertThat(health.healthy()).isFalse();
            assertThat(health.evidence()).containsExactly("statefulset shop/postgres-db 0/1 ready",
                    "pod shop/postgres-db-0 in CrashLoopBackOff (12 restarts)");
        }

        @Test
        void health_deploymentPodGone_ownerFoundByNameAndHealthy() {
            // GIVEN the restarted order-api pod is gone (its Deployment keeps 2/2 ready in its status)
            actions.apply(restart(ORDER_POD), REQUEST);
            // WHEN the health of the restart's target is asked
            TargetHealth health = actions.health(restart(ORDER_POD));
            // THEN the Deployment is found from the pod's name and is healthy
            assertThat(health).isEqualTo(new TargetHealth(true, List.of("deployment shop/order-api 2/2 ready")));
        }

        @Test
        void health_podWithoutController_isThePodItself() {
            // GIVEN a bare pod, ready, that no workload selects
            client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("debug")
                    .endMetadata().withNewSpec().addNewContainer().withName("sh").withImage("busybox").endContainer()
                    .endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                    .withStatus("True").endCondition().endStatus().build()).create();
            // WHEN its health is asked
            TargetHealth health = actions.health(restart("debug"));
            // THEN the pod alone decides
            assertThat(health)
                    .isEqualTo(new TargetHealth(true, List.of("pod shop/debug ready; no controller owns it")));
        }
    }

    // ---------------------------------------------------------------------- rollout_restart

    @Nested
    class RolloutRestart {
        @Test
        void rolloutRestart_statefulSet_annotatesPodTemplateWithTimeAndRequest() {
            // WHEN the crash-looping StatefulSet is restarted
            ActionResult result = actions.apply(rollout("postgres-db", "statefulset"), REQUEST);
            // THEN its pod template carries the restart time and the request
            assertThat(result).isEqualTo(new ActionResult.Applied(
                    "rollout restart of statefulset shop/postgres-db started: its pod template is annotated"));
            assertThat(postgres().getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry(KubernetesActions.RESTARTED_AT, "2026-11-25T08:00:00Z")
                    .containsEntry(KubernetesActions.RESTARTED_BY, REQUEST);
            assertThat(postgres().getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        }

        @Test
        void rolloutRestart_deploymentByDefault_annotatesDeployment() {
            // WHEN a rollout restart names no kind
            ActionResult result = actions.apply(action(ActionType.ROLLOUT_RESTART, "namespace", "shop",
                    "workload", "order-api"), REQUEST);
            // THEN the Deployment of that name is restarted
            assertThat(result).isInstanceOf(ActionResult.Applied.class);
            assertThat(deployment("order-api").getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry(KubernetesActions.RESTARTED_BY, REQUEST);
        }

        @Test
        void alreadyApplied_beforeAndAfterRestart_falseThenTrueForThatRequestOnly() {
            // WHEN asked before and after the restart, and for another request
            boolean before = actions.alreadyApplied(rollout("postgres-db", "statefulset"), REQUEST,
                    approvedAfterSetUp());
            actions.apply(rollout("postgres-db", "statefulset"), REQUEST);
            boolean after = actions.alreadyApplied(rollout("postgres-db", "statefulset"), REQUEST,
                    approvedAfterSetUp());
            boolean other = actions.alreadyApplied(rollout("postgres-db", "statefulset"), "req-other",
                    approvedAfterSetUp());
            // THEN only this request's annotation counts
            assertThat(before).isFalse();
            assertThat(after).isTrue();
            assertThat(other).isFalse();
        }

        @Test
        void rolloutRestart_changedBetweenReadAndPatch_refused409AndNotAnnotated() {
            // GIVEN the executor reads the StatefulSet, then someone scales it before the patch
            StatefulSet stale = postgres();
            client.apps().statefulSets().inNamespace("shop").withName("postgres-db").edit(s -> {
                s.getSpec().setReplicas(2);
                return s;
            });
            answerOnceWithStale("/apis/apps/v1/namespaces/shop/statefulsets/postgres-db", stale);
            // WHEN the restart is applied
            ActionResult result = actions.apply(rollout("postgres-db", "statefulset"), REQUEST);
            // THEN the API server refuses the stale version; nothing is annotated
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class, r -> {
                assertThat(r.httpStatus()).isEqualTo(409);
                assertThat(r.reason()).contains("the object has been modified");
            });
            assertThat(postgres().getSpec().getTemplate().getMetadata().getAnnotations())
                    .doesNotContainKey(KubernetesActions.RESTARTED_BY);
        }

        @Test
        void rolloutRestart_patchForbidden_refused403WithApiMessage() {
            // GIVEN the executor may not patch StatefulSets
            String message = "statefulsets.apps \"postgres-db\" is forbidden: User \"executor\" cannot patch resource"
                    + " \"statefulsets\" in API group \"apps\" in the namespace \"shop\"";
            cluster.server().expect().patch().withPath("/apis/apps/v1/namespaces/shop/statefulsets/postgres-db")
                    .andReturn(403, status(403, "Forbidden", message)).once();
            // WHEN the restart is applied
            ActionResult result = actions.apply(rollout("postgres-db", "statefulset"), REQUEST);
            // THEN refused with the API's reason
            assertThat(result).isEqualTo(new ActionResult.Refused(403, message));
        }

        @Test
        void rolloutRestart_wrongKind_refused404() {
            // WHEN postgres-db (a StatefulSet) is restarted as a Deployment
            ActionResult result = actions.apply(rollout("postgres-db", "deployment"), REQUEST);
            // THEN refused: no such Deployment
            assertThat(result).isEqualTo(new ActionResult.Refused(404, "deployment shop/postgres-db not found"));
        }

        @Test
        void health_healthyAndBrokenWorkloads_evidenceCounts() {
            // WHEN the health of a healthy and of the broken workload is asked
            TargetHealth kafka = actions.health(rollout("kafka", "statefulset"));
            TargetHealth postgres = actions.health(rollout("postgres-db", "statefulset"));
            // THEN kafka is healthy, postgres-db is not, each with its counts
            assertThat(kafka).isEqualTo(new TargetHealth(true, List.of("statefulset shop/kafka 1/1 ready")));
            assertThat(postgres.healthy()).isFalse();
            assertThat(postgres.evidence()).first().isEqualTo("statefulset shop/postgres-db 0/1 ready");
        }
    }

    // ---------------------------------------------------------------------- scale_deployment

    @Nested
    class ScaleDeployment {
        @Test
        void scaleDeployment_orderApi_setsReplicasThroughScaleSubresource() throws Exception {
            // GIVEN the Deployment as it is now
            String version = deployment("order-api").getMetadata().getResourceVersion();
            requests();
            // WHEN it is scaled to 3
            ActionResult result = actions.apply(scale("order-api", 3), REQUEST);
            // THEN 3 replicas, set by a merge patch of the scale subresource (the mock server's recorded
            // PATCH has no body left to show: the version precondition is proven by the 409 test below)
            assertThat(result)
                    .isEqualTo(new ActionResult.Applied("deployment shop/order-api scaled from 2 to 3 replicas"));
            assertThat(deployment("order-api").getSpec().getReplicas()).isEqualTo(3);
            assertThat(deployment("order-api").getMetadata().getResourceVersion()).isNotEqualTo(version);
            assertThat(requests("PATCH")).singleElement().satisfies(p -> {
                assertThat(p.getPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/order-api/scale");
                assertThat(p.getHeader("Content-Type")).startsWith("application/merge-patch+json");
            });
        }

        @Test
        void alreadyApplied_beforeAndAfterScaling_falseThenTrue() {
            // WHEN asked before and after scaling
            boolean before = actions.alreadyApplied(scale("order-api", 3), REQUEST, approvedAfterSetUp());
            actions.apply(scale("order-api", 3), REQUEST);
            boolean after = actions.alreadyApplied(scale("order-api", 3), REQUEST, approvedAfterSetUp());
            // THEN false, then true (the replicas match)
            assertThat(before).isFalse();
            assertThat(after).isTrue();
        }

        @Test
        void scaleDeployment_changedBetweenReadAndPatch_refused409AndReplicasKept() {
            // GIVEN the executor reads order-api, then someone changes it before the patch
            Deployment stale = deployment("order-api");
            client.apps().deployments().inNamespace("shop").withName("order-api").edit(d -> {
                d.getMetadata().getAnnotations().put("team", "orders");
                return d;
            });
            answerOnceWithStale("/apis/apps/v1/namespaces/shop/deployments/order-api", stale);
            // WHEN it is scaled
            ActionResult result = actions.apply(scale("order-api", 5), REQUEST);
            // THEN 409, replicas untouched
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class,
                    r -> assertThat(r.httpStatus()).isEqualTo(409));
            assertThat(deployment("order-api").getSpec().getReplicas()).isEqualTo(2);
        }

        @Test
        void health_afterScalingUpWithoutController_unhealthyUntilReplicasReady() {
            // GIVEN order-api is healthy at 2 replicas
            TargetHealth before = actions.health(scale("order-api", 3));
            // WHEN it is scaled to 3 and no controller starts a pod
            actions.apply(scale("order-api", 3), REQUEST);
            TargetHealth after = actions.health(scale("order-api", 3));
            // THEN healthy before, then short of ready replicas
            assertThat(before).isEqualTo(new TargetHealth(true, List.of("deployment shop/order-api 2/2 ready")));
            assertThat(after.healthy()).isFalse();
            assertThat(after.evidence()).first().isEqualTo("deployment shop/order-api 2/3 ready");
        }
    }

    // ---------------------------------------------------------------------- delete_pvc

    @Nested
    class DeletePvc {
        @Test
        void deletePvc_mountedClaim_refused409AndKept() throws Exception {
            // WHEN the claim postgres-db-0 mounts is deleted
            requests();
            ActionResult result = actions.apply(deletePvc(POSTGRES_CLAIM), REQUEST);
            // THEN refused, naming the pod; no delete was sent
            assertThat(result).isEqualTo(new ActionResult.Refused(409,
                    "persistentvolumeclaim shop/" + POSTGRES_CLAIM + " is in use by pod postgres-db-0"));
            assertThat(client.persistentVolumeClaims().inNamespace("shop").withName(POSTGRES_CLAIM).get()).isNotNull();
            assertThat(requests("DELETE")).isEmpty();
        }

        @Test
        void deletePvc_claimNoPodMounts_deletedWithVersionPrecondition() throws Exception {
            // GIVEN the pod mounting the claim is gone
            client.pods().inNamespace("shop").withName(POSTGRES_POD).delete();
            String version = client.persistentVolumeClaims().inNamespace("shop").withName(POSTGRES_CLAIM).get()
                    .getMetadata().getResourceVersion();
            boolean before = actions.alreadyApplied(deletePvc(POSTGRES_CLAIM), REQUEST, approvedAfterSetUp());
            requests();
            // WHEN the claim is deleted
            ActionResult result = actions.apply(deletePvc(POSTGRES_CLAIM), REQUEST);
            // THEN it is gone, deleted with a precondition on its version; applied now, not before
            assertThat(result).isEqualTo(new ActionResult.Applied(
                    "persistentvolumeclaim shop/" + POSTGRES_CLAIM + " deleted; no pod mounted it"));
            assertThat(client.persistentVolumeClaims().inNamespace("shop").withName(POSTGRES_CLAIM).get()).isNull();
            assertThat(requests("DELETE")).singleElement().satisfies(d -> assertThat(d.getUtf8Body())
                    .contains("\"preconditions\":{\"resourceVersion\":\"" + version + "\"}"));
            assertThat(before).isFalse();
            assertThat(actions.alreadyApplied(deletePvc(POSTGRES_CLAIM), REQUEST, approvedAfterSetUp())).isTrue();
        }

        @Test
        void deletePvc_finishedPodStillNamesClaim_deleted() {
            // GIVEN the only pod naming the claim has finished (Failed)
            client.pods().inNamespace("shop").withName(POSTGRES_POD).editStatus(p -> {
                p.getStatus().setPhase("Failed");
                return p;
            });
            // WHEN the claim is deleted
            ActionResult result = actions.apply(deletePvc(POSTGRES_CLAIM), REQUEST);
            // THEN a finished pod holds no claim
            assertThat(result).isInstanceOf(ActionResult.Applied.class);
        }

        @Test
        void health_boundAndAbsentClaims_healthyThenNot() {
            // GIVEN a second claim, Bound
            client.persistentVolumeClaims().inNamespace("shop").resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("scratch").endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").endSpec()
                    .withNewStatus().withPhase("Bound").endStatus().build()).create();
            // WHEN the health of the Bound claim and of a missing one is asked
            TargetHealth bound = actions.health(deletePvc("scratch"));
            TargetHealth absent = actions.health(deletePvc("gone"));
            // THEN Bound is healthy, absent is not
            assertThat(bound).isEqualTo(new TargetHealth(true, List.of("persistentvolumeclaim shop/scratch Bound")));
            assertThat(absent).isEqualTo(new TargetHealth(false, List.of("persistentvolumeclaim shop/gone absent")));
        }
    }

    // ---------------------------------------------------------------------- cordon_node / uncordon_node

    @Nested
    class Nodes {
        private final ProposedAction cordon = action(ActionType.CORDON_NODE, "node", "node-a");
        private final ProposedAction uncordon = action(ActionType.UNCORDON_NODE, "node", "node-a");

        private Node nodeA() {
            return client.nodes().withName("node-a").get();
        }

        @Test
        void cordonNode_schedulableNode_unschedulableAndAnnotated() throws Exception {
            // GIVEN a schedulable, ready node
            String version = createNode("node-a", "True", false).getMetadata().getResourceVersion();
            boolean before = actions.alreadyApplied(cordon, REQUEST, approvedAfterSetUp());
            requests();
            // WHEN it is cordoned
            ActionResult result = actions.apply(cordon, REQUEST);
            // THEN unschedulable and marked with the request, by one merge patch (its version
            // precondition: see the 409 test)
            assertThat(result).isEqualTo(new ActionResult.Applied("node node-a cordoned (unschedulable)"));
            assertThat(nodeA().getSpec().getUnschedulable()).isTrue();
            assertThat(nodeA().getMetadata().getAnnotations()).containsEntry(KubernetesActions.CORDONED_BY, REQUEST);
            assertThat(nodeA().getMetadata().getResourceVersion()).isNotEqualTo(version);
            assertThat(requests("PATCH")).singleElement().satisfies(p -> assertThat(p.getHeader("Content-Type"))
                    .startsWith("application/merge-patch+json"));
            assertThat(before).isFalse();
            assertThat(actions.alreadyApplied(cordon, REQUEST, approvedAfterSetUp())).isTrue();
            assertThat(actions.alreadyApplied(uncordon, REQUEST, approvedAfterSetUp())).isFalse();
        }

        @Test
        void uncordonNode_cordonedNode_schedulableAndMarkGone() {
            // GIVEN a node this request cordoned
            createNode("node-a", "True", false);
            actions.apply(cordon, REQUEST);
            // WHEN it is uncordoned
            ActionResult result = actions.apply(uncordon, "req-later");
            // THEN schedulable again, without the cordon mark
            assertThat(result).isEqualTo(new ActionResult.Applied("node node-a uncordoned (schedulable)"));
            assertThat(nodeA().getSpec().getUnschedulable()).isFalse();
            assertThat(nodeA().getMetadata().getAnnotations().get(KubernetesActions.CORDONED_BY)).isNull();
            assertThat(actions.alreadyApplied(uncordon, "req-later", approvedAfterSetUp())).isTrue();
        }

        @Test
        void cordonNode_changedBetweenReadAndPatch_refused409() {
            // GIVEN the executor reads the node, then its labels change before the patch
            Node stale = createNode("node-a", "True", false);
            client.nodes().withName("node-a").edit(n -> {
                n.getMetadata().getLabels().put("zone", "b");
                return n;
            });
            answerOnceWithStale("/api/v1/nodes/node-a", stale);
            // WHEN it is cordoned
            ActionResult result = actions.apply(cordon, REQUEST);
            // THEN 409 and still schedulable
            assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class,
                    r -> assertThat(r.httpStatus()).isEqualTo(409));
            assertThat(nodeA().getSpec().getUnschedulable()).isFalse();
        }

        @Test
        void cordonNode_missingNode_refused404() {
            // WHEN a node that does not exist is cordoned
            ActionResult result = actions.apply(cordon, REQUEST);
            // THEN refused: not found
            assertThat(result).isEqualTo(new ActionResult.Refused(404, "node node-a not found"));
            assertThat(actions.alreadyApplied(cordon, REQUEST, approvedAfterSetUp())).isFalse();
        }

        @Test
        void health_readyCordonedAndNotReadyNodes_matchTheAction() {
            // GIVEN a ready node that is cordoned, and a node that is not ready
            createNode("node-a", "True", true);
            createNode("node-b", "False", true);
            // WHEN health is asked for cordon and uncordon
            TargetHealth cordoned = actions.health(cordon);
            TargetHealth stillCordoned = actions.health(uncordon);
            TargetHealth notReady = actions.health(action(ActionType.CORDON_NODE, "node", "node-b"));
            // THEN healthy only when Ready and in the state the action set
            assertThat(cordoned).isEqualTo(new TargetHealth(true, List.of("node node-a Ready=True, unschedulable")));
            assertThat(stillCordoned.healthy()).isFalse();
            assertThat(notReady).isEqualTo(new TargetHealth(false, List.of("node node-b Ready=False, unschedulable")));
        }
    }

    // ---------------------------------------------------------------------- delete_namespace and failures

    @Test
    void deleteNamespace_anyNamespace_refusedWithoutCallingTheApi() throws Exception {
        // GIVEN the namespace exists
        requests();
        // WHEN its deletion is applied
        ActionResult result = actions.apply(action(ActionType.DELETE_NAMESPACE, "namespace", "shop"), REQUEST);
        // THEN refused with the reason; nothing was sent, the namespace is there
        assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class, r -> {
            assertThat(r.httpStatus()).isEqualTo(403);
            assertThat(r.reason()).startsWith("delete_namespace is never executed automatically");
        });
        assertThat(requests()).isEmpty();
        assertThat(client.namespaces().withName("shop").get()).isNotNull();
        assertThat(actions.alreadyApplied(action(ActionType.DELETE_NAMESPACE, "namespace", "shop"), REQUEST,
                approvedAfterSetUp())).isFalse();
    }

    @Test
    void apply_pseudonymizedName_refused422() {
        // WHEN an action still holding a Privacy Shield label is applied
        ActionResult result = actions.apply(restart("[POD_1]"), REQUEST);
        // THEN refused: only rehydrated actions reach the cluster
        assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.httpStatus()).isEqualTo(422));
    }

    @Test
    void apply_apiServerDown_throwsTopologyUnavailableWithoutNames() {
        // GIVEN the API server is gone
        cluster.stopServer();
        // WHEN an action, its already-applied check or its health is asked for
        // THEN each says the cluster cannot be reached, naming the action and no parameter
        assertThatThrownBy(() -> actions.apply(restart(ORDER_POD), REQUEST))
                .isInstanceOf(TopologyUnavailableException.class)
                .hasMessage("cannot reach the Kubernetes API server for restart_pod");
        assertThatThrownBy(
                () -> actions.alreadyApplied(rollout("postgres-db", "statefulset"), REQUEST, approvedAfterSetUp()))
                .isInstanceOf(TopologyUnavailableException.class)
                .hasMessageNotContaining("postgres");
        assertThatThrownBy(() -> actions.health(scale("order-api", 3)))
                .isInstanceOf(TopologyUnavailableException.class)
                .hasMessageNotContaining("order-api");
    }

    @Test
    void apply_serverError_throwsTopologyUnavailable() {
        // GIVEN the API server answers 503 to the read
        cluster.server().expect().get().withPath("/api/v1/namespaces/shop/pods/" + ORDER_POD)
                .andReturn(503, status(503, "ServiceUnavailable", "etcdserver: leader changed")).once();
        // WHEN the pod is restarted
        // THEN transient: thrown for a retry, nothing deleted
        assertThatThrownBy(() -> actions.apply(restart(ORDER_POD), REQUEST))
                .isInstanceOf(TopologyUnavailableException.class)
                .hasMessage("cannot reach the Kubernetes API server for restart_pod (HTTP 503)");
        assertThat(pod(ORDER_POD)).isNotNull();
    }

    @Test
    void health_readForbidden_unhealthyWithTheRefusal() {
        // GIVEN the API server refuses to show the StatefulSet
        cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/shop/statefulsets/kafka")
                .andReturn(403, status(403, "Forbidden", "statefulsets.apps \"kafka\" is forbidden")).once();
        // WHEN its health is asked
        TargetHealth health = actions.health(rollout("kafka", "statefulset"));
        // THEN unhealthy, the refusal as evidence
        assertThat(health).isEqualTo(new TargetHealth(false, List.of(
                "the API server refused a read: statefulsets.apps \"kafka\" is forbidden (HTTP 403)")));
    }

    /** When the approval's dry-run read the cluster: after the fixture's objects were created. */
    private static java.time.Instant approvedAfterSetUp() {
        return java.time.Instant.now().plusSeconds(1);
    }
}
