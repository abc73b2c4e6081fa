package io.awoooi.core.approval;

import static io.awoooi.core.approval.ApprovalFixture.restartPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant APPROVED = Instant.parse("2026-11-25T03:10:00.123Z");

    private static ExecutionOrder order(ProposedAction action) {
        return new ExecutionOrder("apr_1", "inc_1", "nk_1", action, ApprovalRequest.hashOf(action), "state-fp",
                APPROVED);
    }

    @Test
    void fromJson_ofToJson_isTheSameOrder() {
        // GIVEN orders for actions with plain names, labels and an optional parameter
        ExecutionOrder plain = order(restartPod("order-api-7d9f8c6b5-x2kqp"));
        ExecutionOrder labelled = order(new ProposedAction(ActionType.ROLLOUT_RESTART,
                Map.of("namespace", "[NAMESPACE_1]", "workload", "[DEPLOYMENT_2]", "kind", "statefulset")));

        // WHEN each goes through its JSON body
        // THEN nothing is lost or changed
        assertThat(ExecutionOrder.fromJson(plain.toJson())).isEqualTo(plain);
        assertThat(ExecutionOrder.fromJson(labelled.toJson())).isEqualTo(labelled);
    }

    @Test
    void toJson_carriesTheActionIdAndParams() throws Exception {
        // GIVEN an order
        ExecutionOrder o = order(restartPod("order-api-7d9f8c6b5-x2kqp"));

        // WHEN it is written
        var node = JSON.readTree(o.toJson());

        // THEN the action is its wire id, the params an object, the time ISO-8601
        assertThat(node.get("action").asText()).isEqualTo("restart_pod");
        assertThat(node.get("params").get("pod").asText()).isEqualTo("order-api-7d9f8c6b5-x2kqp");
        assertThat(node.get("approvedAt").asText()).isEqualTo("2026-11-25T03:10:00.123Z");
        assertThat(node.get("actionHash").asText()).isEqualTo(o.actionHash());
    }

    @Test
    void fromJson_actionOutsideTheCatalog_isRefused() throws Exception {
        // GIVEN a genuine body whose action was replaced by one the catalog does not have
        ObjectNode body = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        body.put("action", "exec_shell");

        // WHEN / THEN it is refused
        assertThatThrownBy(() -> ExecutionOrder.fromJson(body.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalog");
    }

    @Test
    void fromJson_parameterBreakingItsRule_isRefused() throws Exception {
        // GIVEN bodies with an unknown parameter, a missing one, and a malformed pod name
        ObjectNode extra = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        ((ObjectNode) extra.get("params")).put("command", "rm -rf /");
        ObjectNode missing = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        ((ObjectNode) missing.get("params")).remove("pod");
        ObjectNode malformed = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        ((ObjectNode) malformed.get("params")).put("pod", "web-0; kubectl delete ns shop");

        // WHEN / THEN each is refused, the bad value never repeated
        for (ObjectNode body : new ObjectNode[] {extra, missing, malformed}) {
            assertThatThrownBy(() -> ExecutionOrder.fromJson(body.toString())).as(body.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("rm -rf").doesNotContain("kubectl");
        }
    }

    @Test
    void fromJson_malformedBodies_areRefusedAsIllegalArgument() throws Exception {
        // GIVEN bodies that are not orders
        ObjectNode noRequest = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        noRequest.remove("requestId");
        ObjectNode badTime = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        badTime.put("approvedAt", "yesterday");
        ObjectNode numericId = (ObjectNode) JSON.readTree(order(restartPod("web-0")).toJson());
        numericId.put("requestId", 42);

        // WHEN / THEN each is an IllegalArgumentException (a poison message, not a crash)
        for (String body : new String[] {"", "{", "[]", "null", "\"order\"", "{}", noRequest.toString(),
                badTime.toString(), numericId.toString()}) {
            assertThatThrownBy(() -> ExecutionOrder.fromJson(body)).as(body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void messageGroup_isTheTargetResource() {
        // GIVEN orders on pods, a workload, a claim and a node
        ExecutionOrder pod = order(restartPod("order-api-7d9f8c6b5-x2kqp"));
        ExecutionOrder otherPod = order(restartPod("order-api-7d9f8c6b5-p8zr4"));
        ExecutionOrder rollout = order(ApprovalFixture.rolloutRestart("order-api"));
        ExecutionOrder scale = order(new ProposedAction(ActionType.SCALE_DEPLOYMENT,
                Map.of("namespace", "shop", "deployment", "order-api", "replicas", "3")));
        ExecutionOrder pvc = order(ApprovalFixture.deletePvc("data-postgres-0"));
        ExecutionOrder node = order(new ProposedAction(ActionType.CORDON_NODE, Map.of("node", "worker-3")));
        ExecutionOrder namespace = order(ApprovalFixture.deleteNamespace("shop"));

        // WHEN / THEN the group is namespace/resource (no namespace: _cluster); the replica count is not in it
        assertThat(pod.messageGroup()).isEqualTo("shop/order-api-7d9f8c6b5-x2kqp");
        assertThat(otherPod.messageGroup()).isNotEqualTo(pod.messageGroup());
        assertThat(rollout.messageGroup()).isEqualTo("shop/order-api");
        assertThat(scale.messageGroup()).isEqualTo("shop/order-api");
        assertThat(pvc.messageGroup()).isEqualTo("shop/data-postgres-0");
        assertThat(node.messageGroup()).isEqualTo("_cluster/worker-3");
        assertThat(namespace.messageGroup()).isEqualTo("shop");
    }

    @Test
    void messageGroup_longestNames_stayWholeAndDistinct() {
        // GIVEN a 63-character namespace and two 253-character pod names differing in their last letter
        String ns = "n".repeat(63);
        String podA = ("a".repeat(62) + ".").repeat(4) + "a";
        String podB = ("a".repeat(62) + ".").repeat(4) + "b";
        ExecutionOrder a = order(new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", ns, "pod", podA)));
        ExecutionOrder b = order(new ProposedAction(ActionType.RESTART_POD, Map.of("namespace", ns, "pod", podB)));

        // WHEN their groups are taken
        String groupA = a.messageGroup();

        // THEN the group names the whole target (fitting it to SQS's 128 characters is the queue
        // adapter's job), so two targets keep two groups
        assertThat(podA).hasSize(253);
        assertThat(groupA).isEqualTo(ns + "/" + podA);
        assertThat(b.messageGroup()).isNotEqualTo(groupA);
    }
}
