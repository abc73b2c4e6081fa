package io.awoooi.kube;

import static io.awoooi.kube.KubernetesDryRun.EXISTS;
import static io.awoooi.kube.KubernetesDryRun.PDB;

import io.awoooi.core.approval.DryRunCheck;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dry-run's target checks of the pod actions. restart_pod: the pod (and its owning workload, in
 * the fingerprint), budgets overridable. delete_pod: the pod of the uid approved, bare, not static,
 * not in a kube- namespace, not terminating ({@link BarePods}, which the executor re-checks).
 */
final class PodTargets {
    private PodTargets() {
    }

    static void restartPod(Inspection run) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("pod");
        String what = "pod " + ns + "/" + name;
        Pod pod = run.reads.read(what, () -> run.reads.client().pods().inNamespace(ns).withName(name).get());
        if (pod == null) {
            run.missing(what);
            return;
        }
        run.state.add(Inspection.line(what, pod.getMetadata()));
        Optional<Workload> owner = run.reads.ownerOf(pod);
        run.state.add(owner.map(Inspection::line).orElse("owner of " + what + " none"));
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        run.exists = DryRunCheck.pass(EXISTS, what + " exists"
                + owner.map(w -> ", owned by " + w.describe())
                        .orElse("; no controller owns it, so nothing recreates it after the restart")
                + (terminating ? "; it is terminating already" : ""));
        String subject = owner.map(Workload::describe).orElse(what);
        run.pdb = BudgetCheck.disruption(run, subject,
                BudgetCheck.covering(run, ns, List.of(Selectors.labels(pod.getMetadata()))),
                Pods.ready(pod) ? "" : "; the pod itself is not ready");
    }

    /**
     * delete_pod: the pod exists and is the one named by uid (a pod of the same name made since is
     * another pod: blocked), still bare (no controller owns it: no owner reference and no workload
     * selecting it; an owned pod is its workload's to remove), not a static pod (a mirror:
     * only its kubelet removes it), not in a kube- namespace, not terminating already. Budgets as
     * for restart_pod (a budget may select bare pods), overridable. The fingerprint holds the pod
     * (uid), "owner none", and the budgets.
     */
    static void deletePod(Inspection run) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("pod");
        String what = "pod " + ns + "/" + name;
        if (BarePods.inSystemNamespace(ns)) {
            run.state.add("namespace " + ns + " system");
            run.exists = DryRunCheck.fail(EXISTS, ns + " is a system namespace (kube-*): delete_pod deletes no pod"
                    + " there", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: a system namespace", true);
            return;
        }
        Pod pod = run.reads.read(what, () -> run.reads.client().pods().inNamespace(ns).withName(name).get());
        if (pod == null) {
            run.missing(what);
            return;
        }
        run.state.add(Inspection.line(what, pod.getMetadata()));
        Optional<BarePods.Problem> problem = BarePods.problem(pod, run.param("uid"));
        if (problem.filter(p -> p == BarePods.Problem.ANOTHER_POD).isPresent()) {
            run.exists = DryRunCheck.fail(EXISTS,
                    what + " is another pod now (another uid): the pod asked about is gone",
                    false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: another pod", true);
            return;
        }
        if (problem.filter(p -> p == BarePods.Problem.STATIC_POD).isPresent()) {
            run.exists = DryRunCheck.fail(EXISTS, what + " is a static pod (the mirror of a manifest on node "
                    + (pod.getSpec() == null ? "?" : pod.getSpec().getNodeName())
                    + "): only its kubelet removes it", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: a static pod", true);
            return;
        }
        Optional<Workload> owner = run.reads.ownerOf(pod);
        OwnerReference ref = PodOwners.controllerOf(pod.getMetadata()).orElse(null);
        run.state.add(owner.map(Inspection::line).orElse("owner of " + what + " " + (ref == null ? "none"
                : ref.getKind() + "/" + ref.getName())));
        if (problem.isPresent() || owner.isPresent()) {
            String by = owner.map(Workload::describe).orElseGet(() -> ref.getKind().toLowerCase(Locale.ROOT)
                    + " " + ns + "/" + ref.getName());
            run.exists = DryRunCheck.fail(EXISTS,
                    what + " is owned by " + by + " (it would recreate it): not a bare pod",
                    false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: not a bare pod", true);
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            run.exists = DryRunCheck.fail(EXISTS, what + " is terminating already", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: terminating", true);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        run.exists = DryRunCheck.pass(EXISTS, what + " exists" + (phase == null ? "" : " (" + phase + ")")
                + " with the uid asked about; no controller owns it: deleted, it is gone for good");
        run.pdb = BudgetCheck.disruption(run, what,
                BudgetCheck.covering(run, ns, List.of(Selectors.labels(pod.getMetadata()))), "");
    }
}
