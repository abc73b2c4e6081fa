package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static io.awoooi.core.approval.ApprovalFixture.rolloutRestart;
import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionPatternTest {
    private static ProposedAction scale(String deployment, String replicas) {
        return new ProposedAction(ActionType.SCALE_DEPLOYMENT,
                Map.of("namespace", "shop", "deployment", deployment, "replicas", replicas));
    }

    @Test
    void of_deploymentPods_dropTheTemplateHashAndTheRandomSuffix() {
        // GIVEN restarts of three pods of the nginx Deployment: two of one rollout, one of the next
        ProposedAction today = restartPod("nginx-7d9f8c6b5-x2kqp");
        ProposedAction tomorrow = restartPod("nginx-7d9f8c6b5-p8zr4");
        ProposedAction nextRollout = restartPod("nginx-5c6d7e8f9a-b2c4d");

        // WHEN their patterns are taken
        ActionPattern p = ActionPattern.of(today);

        // THEN all three build trust in the same thing
        assertThat(p.value()).isEqualTo("restart_pod:shop/nginx-*");
        assertThat(p.toString()).isEqualTo("restart_pod:shop/nginx-*");
        assertThat(ActionPattern.of(tomorrow)).isEqualTo(p);
        assertThat(ActionPattern.of(nextRollout)).isEqualTo(p);
    }

    @Test
    void of_statefulSetPods_dropTheOrdinal() {
        // GIVEN restarts of two pods of the postgres-db StatefulSet
        ActionPattern first = ActionPattern.of(restartPod("postgres-db-0"));
        ActionPattern second = ActionPattern.of(restartPod("postgres-db-12"));

        // WHEN / THEN they share the pattern of their owner
        assertThat(first.value()).isEqualTo("restart_pod:shop/postgres-db-*");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void of_differentWorkloadsOrNamespaces_stayApart() {
        // GIVEN restarts of pods of two different Deployments, and of the same one in another namespace
        ActionPattern nginx = ActionPattern.of(restartPod("nginx-7d9f8c6b5-x2kqp"));
        ActionPattern orderApi = ActionPattern.of(restartPod("order-api-7d9f8c6b5-x2kqp"));
        ActionPattern staging = ActionPattern.of(new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "staging", "pod", "nginx-7d9f8c6b5-x2kqp")));

        // WHEN / THEN trust in one is not trust in the others
        assertThat(orderApi.value()).isEqualTo("restart_pod:shop/order-api-*");
        assertThat(nginx).isNotEqualTo(orderApi);
        assertThat(staging.value()).isEqualTo("restart_pod:staging/nginx-*");
        assertThat(staging).isNotEqualTo(nginx);
    }

    @Test
    void of_aPodWithoutAKnownOwnerShape_keepsItsName() {
        // GIVEN a bare pod whose name shows no controller
        ActionPattern p = ActionPattern.of(restartPod("debug"));

        // WHEN / THEN nothing is cut from it
        assertThat(p.value()).isEqualTo("restart_pod:shop/debug");
    }

    @Test
    void of_scale_leavesTheReplicaCountOut() {
        // GIVEN scaling order-api to 3 and to 7 replicas
        ActionPattern three = ActionPattern.of(scale("order-api", "3"));
        ActionPattern seven = ActionPattern.of(scale("order-api", "7"));

        // WHEN / THEN the number is not part of the pattern, the Deployment is
        assertThat(three.value()).isEqualTo("scale_deployment:shop/order-api");
        assertThat(seven).isEqualTo(three);
        assertThat(ActionPattern.of(scale("cart", "3"))).isNotEqualTo(three);
    }

    @Test
    void of_otherParameters_stay() {
        // GIVEN a rollout restart of a StatefulSet and one of a Deployment of the same name
        ActionPattern statefulSet = ActionPattern.of(new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "shop", "workload", "postgres-db", "kind", "statefulset")));
        ActionPattern deployment = ActionPattern.of(rolloutRestart("postgres-db"));

        // WHEN / THEN the kind is part of the pattern
        assertThat(statefulSet.value()).isEqualTo("rollout_restart:shop/statefulset/postgres-db");
        assertThat(deployment.value()).isEqualTo("rollout_restart:shop/postgres-db");
        assertThat(ActionPattern.of(new ProposedAction(ActionType.CORDON_NODE, Map.of("node", "worker-3"))).value())
                .isEqualTo("cordon_node:worker-3");
    }

    @Test
    void of_privacyShieldLabels_areKeptAsTheyAre() {
        // GIVEN a restart whose namespace and pod the Privacy Shield labelled
        ProposedAction labelled = new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "[NAMESPACE_1]", "pod", "[POD_2]"));
        ProposedAction other = new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "[NAMESPACE_1]", "pod", "[POD_3]"));

        // WHEN its pattern is taken
        ActionPattern p = ActionPattern.of(labelled);

        // THEN the labels stay whole (nothing to normalise in them) and distinct labels stay apart
        assertThat(p.value()).isEqualTo("restart_pod:[NAMESPACE_1]/[POD_2]");
        assertThat(ActionPattern.of(other)).isNotEqualTo(p);
    }

    @Test
    void of_differentActionsOnTheSameTarget_stayApart() {
        // GIVEN a restart and a rollout restart of order-api
        ActionPattern restart = ActionPattern.of(restartPod("order-api-7d9f8c6b5-x2kqp"));
        ActionPattern rollout = ActionPattern.of(rolloutRestart("order-api"));

        // WHEN / THEN the action is part of the pattern
        assertThat(rollout.value()).isEqualTo("rollout_restart:shop/order-api");
        assertThat(rollout).isNotEqualTo(restart);
    }
}
