package io.awoooi.kube;

import static io.awoooi.kube.ClusterTargets.unschedulable;
import static io.awoooi.kube.KubernetesActions.CORDONED_BY;
import static io.awoooi.kube.Mutations.MERGE;
import static io.awoooi.kube.Mutations.json;
import static io.awoooi.kube.Mutations.require;

import io.awoooi.core.execution.ActionResult;
import io.awoooi.kube.Mutations.Refusal;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * cordon_node, uncordon_node and drain_node against the API (see {@link KubernetesActions}): a merge
 * patch of {@code spec.unschedulable} with the node's resourceVersion; a drain re-checks that no pod
 * it evicts is bare ({@link Pods#bare}) before it cordons, then evicts through the Eviction API.
 */
final class NodeActions {
    private final KubernetesClient client;

    NodeActions(KubernetesClient client) {
        this.client = client;
    }

    ActionResult cordon(String name, boolean cordon, String requestId) {
        String what = "node " + name;
        var resource = client.nodes().withName(name);
        Node node = require(what, resource);
        boolean before = unschedulable(node);
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(CORDONED_BY, cordon ? requestId : null); // null: a merge patch removes the key
        resource.patch(MERGE, json(client, Map.of(
                "metadata",
                Map.of("resourceVersion", node.getMetadata().getResourceVersion(), "annotations", annotations),
                "spec", Map.of("unschedulable", cordon))));
        String done = cordon ? "cordoned (unschedulable)" : "uncordoned (schedulable)";
        return new ActionResult.Applied(what + " " + done + (before == cordon ? "; it was already" : ""));
    }

    /**
     * drain_node: cordon (the same patch as cordon_node, naming the request), then one eviction per pod
     * the drain moves, through the Eviction API, so the API server applies every PodDisruptionBudget:
     * an eviction it refuses (429) is left for later, never forced. A pod no controller owns is
     * refused before anything happens (re-checked: the dry-run's answer may be minutes old).
     */
    ActionResult drain(String name, String requestId) {
        List<Pod> onNode = podsToEvict(name);
        List<Pod> bare = Pods.bare(onNode);
        if (!bare.isEmpty()) {
            throw new Refusal(409, "node " + name + " runs " + Pods.named(bare)
                    + " that no controller owns: evicting it deletes it for good");
        }
        ActionResult cordoned = cordon(name, true, requestId);
        int evicted = 0;
        List<String> waiting = new ArrayList<>();
        for (Pod pod : onNode) {
            String ns = pod.getMetadata().getNamespace();
            String pod1 = pod.getMetadata().getName();
            boolean accepted = client.pods().inNamespace(ns).withName(pod1).evict();
            if (accepted) {
                evicted++;
            } else {
                waiting.add(ns + "/" + pod1);
            }
        }
        String done = ((ActionResult.Applied) cordoned).detail() + "; " + evicted + " of " + onNode.size()
                + " pods evicted";
        return new ActionResult.Applied(waiting.isEmpty() ? done
                : done + "; " + waiting.size() + " wait for their PodDisruptionBudget (" + String.join(", ",
                        waiting.stream().limit(5).toList()) + (waiting.size() > 5 ? ", ..." : "") + ")");
    }

    private List<Pod> podsToEvict(String node) {
        return ActionHealth.podsToEvict(client, node);
    }
}
