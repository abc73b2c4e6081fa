package io.awoooi.kube;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One dry-run of one action: the action, which of its names are pseudonymized, what the checks read
 * ({@link DryRunReads}), the sorted lines the state fingerprint hashes, and the findings of the
 * target checks: {@value KubernetesDryRun#EXISTS}, {@value KubernetesDryRun#PDB} and
 * {@value KubernetesDryRun#BOUNDS}, set by the check of the action's type ({@link PodTargets},
 * {@link WorkloadTargets}, {@link ClaimTarget}, {@link ClusterTargets}) and {@link BudgetCheck}.
 */
final class Inspection {
    final ProposedAction action;
    final DryRunReads reads;
    /** Parameters whose value is a Privacy Shield label, by name (sorted). */
    final Set<String> hidden = new TreeSet<>();
    /** The fingerprint's lines. */
    final TreeSet<String> state = new TreeSet<>();
    DryRunCheck exists;
    DryRunCheck pdb;
    DryRunCheck bounds;

    Inspection(ProposedAction action, DryRunReads reads) {
        this.action = action;
        this.reads = reads;
        state.add("action " + action);
        action.params().forEach((name, value) -> action.type().parameter(name)
                .filter(p -> p.rule().isAcceptedLabel(value)).ifPresent(p -> hidden.add(name)));
    }

    /**
     * Identity and spec version, not resourceVersion: that one moves on every status write (a pod's
     * restart count, a node's heartbeat every few minutes) and would void approvals for nothing.
     * What must void one is in the lines: another object (uid), a changed spec (generation, where the
     * API keeps one), replicas, the budget's allowed disruptions, cordoning, the claim's users.
     */
    static String line(String what, ObjectMeta meta) {
        return what + " uid=" + meta.getUid() + (meta.getGeneration() == null ? "" : " gen=" + meta.getGeneration());
    }

    /** A workload's fingerprint line: identity, generation and replicas. */
    static String line(Workload workload) {
        return line(workload.describe(), workload.meta()) + " replicas=" + workload.desired();
    }

    /** {@code pod name is pseudonymized; the executor checks it after rehydration}. */
    String hiddenReason() {
        String names = String.join(" and ", hidden);
        return hidden.size() == 1
                ? names + " name is pseudonymized; the executor checks it after rehydration"
                : names + " names are pseudonymized; the executor checks them after rehydration";
    }

    String param(String name) {
        return ActionParameters.param(action, name);
    }

    WorkloadKind kind() {
        return ActionParameters.kind(action);
    }

    /** The target is missing: exists blocks, the budgets are not checked. */
    void missing(String what) {
        state.add(what + " absent");
        exists = DryRunCheck.fail(KubernetesDryRun.EXISTS, what + " not found", false);
        pdb = DryRunCheck.fail(KubernetesDryRun.PDB, "not checked: " + what + " not found", true);
    }

    /**
     * For a namespaced target with a pseudonymized namespace or name: reports exists and pdb as
     * overridable failures and returns true. With a plain namespace, that namespace is still
     * looked up (and fingerprinted): a missing namespace blocks.
     */
    boolean namespacedNameHidden() {
        if (hidden.isEmpty()) {
            return false;
        }
        pdb = DryRunCheck.fail(KubernetesDryRun.PDB, hiddenReason(), true);
        exists = DryRunCheck.fail(KubernetesDryRun.EXISTS, hiddenReason(), true);
        if (!hidden.contains("namespace")) {
            String ns = param("namespace");
            Namespace namespace;
            try {
                namespace = reads.read("namespace " + ns, () -> reads.client().namespaces().withName(ns).get());
            } catch (DryRunReads.Unreadable e) {
                return true; // reading namespaces needs a cluster-wide grant the executor may lack
            }
            if (namespace == null) {
                state.add("namespace " + ns + " absent");
                exists = DryRunCheck.fail(KubernetesDryRun.EXISTS, "namespace " + ns + " not found", false);
            } else {
                state.add(line("namespace " + ns, namespace.getMetadata()));
                exists = DryRunCheck.fail(KubernetesDryRun.EXISTS, "namespace " + ns + " exists; " + hiddenReason(),
                        true);
            }
        }
        return true;
    }

    /** {@code ; statefulset shop/postgres-db exists (kind statefulset)} when the name exists as another kind. */
    String otherKinds(String ns, String name) {
        List<String> found = new ArrayList<>();
        for (WorkloadKind other : WorkloadKind.values()) {
            if (other != kind() && reads.workload(other, ns, name) != null) {
                found.add(other.id() + " " + ns + "/" + name + " exists (kind " + other.id() + ")");
            }
        }
        return found.isEmpty() ? "" : "; " + String.join(", ", found);
    }
}
