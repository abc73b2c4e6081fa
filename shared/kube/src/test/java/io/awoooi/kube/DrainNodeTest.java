package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.awoooi.core.execution.TargetHealth;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * drain_node against the fabric8 mock API server: the CRUD store holds the node and its pods; the
 * Eviction API (which the mock server does not implement) answers through expectations, as the API
 * server would: 201 when the budgets allow, 429 when one does not.
 */
class DrainNodeTest {
    private static final String REQUEST = "apr_drain0000000000000000000";
    private final MockCluster cluster = new MockCluster();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static final ProposedAction DRAIN = new ProposedAction(ActionType.DRAIN_NODE, Map.of("node", "node-idle"));

    private static Pod pod(String name, String ownerKind, String ownerName) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("shop").withName(name)
                .addToLabels("app.kubernetes.io/name", name.replaceAll("-\\d+$", "")).endMetadata()
                .withNewSpec().withNodeName("node-idle").addNewContainer().withName("c").withImage("i").endContainer()
                .endSpec().withNewStatus().withPhase("Running").endStatus();
        if (ownerKind != null) {
            b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(ownerName)
                    .withUid("uid-" + ownerName).withController(true).endOwnerReference().endMetadata();
        }
        return b.build();
    }

    private void seed(Pod... pods) {
        cluster.with(new NodeBuilder().withNewMetadata().withName("node-idle").endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build());
        cluster.with(pods);
    }

    private void evictions(int code, String... pods) {
        for (String p : pods) {
            cluster.server().expect().post().withPath("/api/v1/namespaces/shop/pods/" + p + "/eviction")
                    .andReturn(code, code == 429 ? Map.of("kind", "Status", "code", 429, "reason", "TooManyRequests",
                            "message", "Cannot evict pod as it would violate the pod's disruption budget.")
                            : Map.of("kind", "Status", "code", 201, "status", "Success"))
                    .always();
        }
    }

    private List<String> evictionPaths() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = cluster.server().takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (r.getPath().endsWith("/eviction")) {
                out.add(r.getPath());
            }
        }
        return out;
    }

    @Test
    void dryRun_podsWithControllers_passesAndFingerprintsEveryPodOnTheNode() {
        // GIVEN a ReplicaSet's pod and a DaemonSet's pod on the node
        seed(pod("web-1", "ReplicaSet", "web-5d8f"), pod("agent-1", "DaemonSet", "agent"));
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(DRAIN);
        // THEN exists names the one pod to evict (the DaemonSet's stays); no budget covers it
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.name().equals("exists")).singleElement()
                .extracting(DryRunCheck::reason).isEqualTo("node node-idle exists with 1 pods to evict");
        String before = report.stateFingerprint();
        // and a pod scheduled there since changes the fingerprint (TOCTOU: the approval is voided)
        cluster.with(pod("late-1", "ReplicaSet", "late-5d8f"));
        assertThat(new KubernetesDryRun(client).dryRun(DRAIN).stateFingerprint()).isNotEqualTo(before);
    }

    @Test
    void dryRun_barePodOnTheNode_blocked() {
        // GIVEN a pod no controller owns
        seed(pod("debug", null, null));
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(DRAIN);
        // THEN nobody may override it: evicting it deletes it for good
        assertThat(report.blocked()).isTrue();
        assertThat(report.failures())
                .anyMatch(c -> c.reason().contains("no controller owns: evicting it deletes it for good"));
    }

    @Test
    void dryRun_budgetAllowingNothing_overridableFailure() {
        // GIVEN a budget with no disruption allowed over the node's pod
        seed(pod("web-1", "ReplicaSet", "web-5d8f"));
        cluster.with(new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("shop")
                .endMetadata()
                .withNewSpec().withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(1)).withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", "web").endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(0).withCurrentHealthy(1).withDesiredHealthy(1)
                .withExpectedPods(1)
                .endStatus().build());
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(DRAIN);
        // THEN
        assertThat(report.blocked()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("pdb");
            assertThat(c.reason()).startsWith(
                    "evictions would wait for their budgets: budget shop/web allows 0 disruptions for 1 pods");
        });
    }

    @Test
    void apply_cordonsThenEvictsThroughTheEvictionApi_budgetRefusalIsNotForced() throws Exception {
        // GIVEN two pods to evict; the API server refuses one eviction (its budget)
        seed(pod("web-1", "ReplicaSet", "web-5d8f"), pod("api-1", "ReplicaSet", "api-5d8f"),
                pod("agent-1", "DaemonSet", "agent"));
        evictions(201, "web-1");
        evictions(429, "api-1");
        KubernetesActions actions = new KubernetesActions(client);
        // WHEN
        ActionResult result = actions.apply(DRAIN, REQUEST);
        // THEN the node is cordoned for this request, both evictions were asked, none forced
        assertThat(result).isInstanceOfSatisfying(ActionResult.Applied.class, a -> assertThat(a.detail())
                .contains("node node-idle cordoned", "1 of 2 pods evicted",
                        "1 wait for their PodDisruptionBudget (shop/api-1)"));
        assertThat(client.nodes().withName("node-idle").get().getSpec().getUnschedulable()).isTrue();
        assertThat(evictionPaths()).containsExactlyInAnyOrder("/api/v1/namespaces/shop/pods/api-1/eviction",
                "/api/v1/namespaces/shop/pods/web-1/eviction");
        // the mock does not delete evicted pods: both remain, so the drain has not helped yet
        TargetHealth health = actions.health(DRAIN);
        assertThat(health.healthy()).isFalse();
        assertThat(health.evidence()).contains("2 pods still on it: shop/api-1, shop/web-1");
        assertThat(actions.alreadyApplied(DRAIN, REQUEST, Instant.now())).isFalse();
    }

    @Test
    void health_andAlreadyApplied_emptyCordonedNodeIsDone() {
        // GIVEN a node cordoned by this request with only a DaemonSet's pod left
        seed(pod("agent-1", "DaemonSet", "agent"));
        KubernetesActions actions = new KubernetesActions(client);
        actions.apply(DRAIN, REQUEST);
        // WHEN / THEN
        assertThat(actions.health(DRAIN).healthy()).isTrue();
        assertThat(actions.alreadyApplied(DRAIN, REQUEST, Instant.now())).isTrue();
        assertThat(actions.alreadyApplied(DRAIN, "apr_another000000000000000000", Instant.now())).isFalse();
    }

    @Test
    void apply_barePod_refusedBeforeAnything() {
        seed(pod("debug", null, null));
        ActionResult result = new KubernetesActions(client).apply(DRAIN, REQUEST);
        assertThat(result).isInstanceOfSatisfying(ActionResult.Refused.class,
                r -> assertThat(r.httpStatus()).isEqualTo(409));
        assertThat(client.nodes().withName("node-idle").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }
}
