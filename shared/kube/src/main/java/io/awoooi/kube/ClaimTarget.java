package io.awoooi.kube;

import static io.awoooi.kube.KubernetesDryRun.EXISTS;
import static io.awoooi.kube.KubernetesDryRun.PDB;

import io.awoooi.core.approval.DryRunCheck;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * The dry-run's target check of delete_pvc: the claim, the VolumeSnapshotClass of the snapshot taken
 * first (when asked for), and its users ({@link Pods#mounting}: the pods mounting it, which the
 * executor lists again right before the DELETE). A claim in use fails {@value KubernetesDryRun#PDB},
 * not overridably; each user is a fingerprint line.
 */
final class ClaimTarget {
    private ClaimTarget() {
    }

    static void deletePvc(Inspection run) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("pvc");
        String what = "persistentvolumeclaim " + ns + "/" + name;
        PersistentVolumeClaim claim = run.reads.read(what,
                () -> run.reads.client().persistentVolumeClaims().inNamespace(ns).withName(name).get());
        if (claim == null) {
            run.missing(what);
            return;
        }
        String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
        run.state.add(Inspection.line(what, claim.getMetadata()) + " phase=" + phase);
        Optional<String> snapshotClass = run.action.param("snapshotClass");
        if (snapshotClass.isPresent()) {
            // the snapshot is what makes the deletion recoverable: without its class, no request
            GenericKubernetesResource vsc = run.reads.read("volumesnapshotclass " + snapshotClass.get(),
                    () -> run.reads.client().genericKubernetesResources(KubernetesActions.SNAPSHOT_CLASSES)
                            .withName(snapshotClass.get()).get());
            if (vsc == null) {
                run.state.add("volumesnapshotclass " + snapshotClass.get() + " absent");
                run.exists = DryRunCheck.fail(EXISTS,
                        what + " exists, but its VolumeSnapshotClass " + snapshotClass.get()
                                + " does not: no snapshot could be taken first",
                        false);
                run.pdb = DryRunCheck.fail(PDB, "not checked: the snapshot class is missing", true);
                return;
            }
            run.state.add(Inspection.line("volumesnapshotclass " + snapshotClass.get(), vsc.getMetadata()));
        }
        run.exists = DryRunCheck.pass(EXISTS, what + " exists" + (phase == null ? "" : " (" + phase + ")")
                + snapshotClass.map(c -> "; VolumeSnapshotClass " + c + " exists: a snapshot is taken first")
                        .orElse(""));
        List<Pod> users = Pods.mounting(name, run.reads.pods(ns));
        users.forEach(
                p -> run.state.add(Inspection.line("pod " + ns + "/" + p.getMetadata().getName(), p.getMetadata())));
        run.pdb = users.isEmpty()
                ? DryRunCheck.pass(PDB, "no pod mounts the claim")
                : DryRunCheck.fail(PDB, "in use by " + Pods.named(users), false);
    }
}
