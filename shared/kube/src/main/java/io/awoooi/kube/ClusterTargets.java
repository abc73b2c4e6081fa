package io.awoooi.kube;

import static io.awoooi.kube.KubernetesDryRun.EXISTS;
import static io.awoooi.kube.KubernetesDryRun.PDB;

import io.awoooi.core.approval.DryRunCheck;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The dry-run's target checks of the actions on cluster-scoped objects: cordon_node and
 * uncordon_node (the node; no budget applies), drain_node (the node, the pods a drain evicts
 * ({@link Pods#evictedFrom}), none of them bare ({@link Pods#bare}, which the executor re-checks
 * before it cordons), and their budgets) and delete_namespace (the namespace).
 */
final class ClusterTargets {
    private ClusterTargets() {
    }

    static void node(Inspection run, boolean cordon) {
        run.pdb = DryRunCheck.pass(PDB,
                "no budget applies: " + (cordon ? "cordoning" : "uncordoning") + " evicts no pod");
        if (run.hidden.contains("node")) {
            run.exists = DryRunCheck.fail(EXISTS, run.hiddenReason(), true);
            return;
        }
        String name = run.param("node");
        Node node = run.reads.read("node " + name, () -> run.reads.client().nodes().withName(name).get());
        if (node == null) {
            run.state.add("node " + name + " absent");
            run.exists = DryRunCheck.fail(EXISTS, "node " + name + " not found", false);
            return;
        }
        boolean unschedulable = unschedulable(node);
        run.state.add(Inspection.line("node " + name, node.getMetadata()) + " unschedulable=" + unschedulable);
        String already = cordon == unschedulable ? " and is " + (cordon ? "unschedulable" : "schedulable") + " already"
                : "";
        run.exists = DryRunCheck.pass(EXISTS, "node " + name + " exists" + already);
    }

    /**
     * drain_node: the node exists; every pod on it that the drain evicts (not a DaemonSet's, not a
     * mirror pod, not finished) has a controller (a bare pod would be gone for good: blocked, as
     * kubectl drain refuses it without --force), and the budgets covering them allow it (else the
     * evictions wait: overridable). The fingerprint holds the node and each pod on it, so a pod
     * scheduled there since the approval voids it.
     */
    static void drainNode(Inspection run) {
        if (run.hidden.contains("node")) {
            run.exists = DryRunCheck.fail(EXISTS, run.hiddenReason(), true);
            run.pdb = DryRunCheck.fail(PDB, run.hiddenReason(), true);
            return;
        }
        String name = run.param("node");
        Node node = run.reads.read("node " + name, () -> run.reads.client().nodes().withName(name).get());
        if (node == null) {
            run.missing("node " + name);
            return;
        }
        boolean unschedulable = unschedulable(node);
        run.state.add(Inspection.line("node " + name, node.getMetadata()) + " unschedulable=" + unschedulable);
        List<Pod> evicted = Pods.evictedFrom(name,
                run.reads.read("pods on node " + name,
                        () -> run.reads.client().pods().inAnyNamespace().list().getItems()));
        evicted.forEach(p -> run.state.add(Inspection.line("pod " + p.getMetadata().getNamespace() + "/"
                + p.getMetadata().getName(), p.getMetadata())));
        List<Pod> bare = Pods.bare(evicted);
        if (!bare.isEmpty()) {
            run.exists = DryRunCheck.fail(EXISTS, "node " + name + " runs " + Pods.named(bare)
                    + " that no controller owns: evicting it deletes it for good", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: the drain is refused", true);
            return;
        }
        run.exists = DryRunCheck.pass(EXISTS, "node " + name + " exists with " + evicted.size() + " pods to evict"
                + (unschedulable ? "; it is cordoned already" : ""));
        run.pdb = BudgetCheck.drain(run, name, evicted);
    }

    static void namespace(Inspection run) {
        run.pdb = DryRunCheck.pass(PDB, "no budget applies: deleting a namespace does not go through evictions");
        if (run.hidden.contains("namespace")) {
            run.exists = DryRunCheck.fail(EXISTS, run.hiddenReason(), true);
            return;
        }
        String name = run.param("namespace");
        Namespace namespace = run.reads.read("namespace " + name,
                () -> run.reads.client().namespaces().withName(name).get());
        if (namespace == null) {
            run.state.add("namespace " + name + " absent");
            run.exists = DryRunCheck.fail(EXISTS, "namespace " + name + " not found", false);
            return;
        }
        String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
        run.state.add(Inspection.line("namespace " + name, namespace.getMetadata()) + " phase=" + phase);
        run.exists = DryRunCheck.pass(EXISTS, "namespace " + name + " exists"
                + ("Terminating".equals(phase) ? " and is terminating already" : ""));
    }

    /** {@code spec.unschedulable} (cordoned). */
    static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }
}
