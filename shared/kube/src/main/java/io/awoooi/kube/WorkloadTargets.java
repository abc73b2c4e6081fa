package io.awoooi.kube;

import static io.awoooi.kube.KubernetesDryRun.BOUNDS;
import static io.awoooi.kube.KubernetesDryRun.EXISTS;
import static io.awoooi.kube.KubernetesDryRun.PDB;

import io.awoooi.core.action.ResourceChange;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The dry-run's target checks of the workload actions: rollout_restart, restore_fields,
 * rollout_undo ({@link Rollouts}: the revision to go back to, not the template running, not
 * paused), set_resources ({@link ContainerResources}: the container and the bounds of the raise)
 * and the scale actions ({@link Workload#deletesClaimsWhenScaled()}). The executor applies the same
 * helpers again right before it patches.
 */
final class WorkloadTargets {
    private WorkloadTargets() {
    }

    static void rolloutRestart(Inspection run) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("workload");
        Workload workload = run.reads.workload(run.kind(), ns, name);
        if (workload == null) {
            run.missing(run.kind().id() + " " + ns + "/" + name);
            run.exists = DryRunCheck.fail(EXISTS, run.exists.reason() + run.otherKinds(ns, name), false);
            return;
        }
        run.state.add(Inspection.line(workload));
        run.exists = DryRunCheck.pass(EXISTS, workload.describe() + " exists with " + workload.desired() + " replicas");
        run.pdb = BudgetCheck.disruption(run, workload.describe(),
                BudgetCheck.covering(run, ns, run.reads.podLabelsOf(workload)), "");
    }

    /** As a rollout restart (the pods are replaced), plus the plan: the fields, their desired state, the resourceVersion. */
    static void restoreFields(Inspection run, KubernetesRestores restores) {
        rolloutRestart(run);
        if (!run.exists.passed()) {
            run.bounds = DryRunCheck.fail(BOUNDS, "not checked: " + run.exists.reason(), false);
            return;
        }
        if (restores == null) {
            run.bounds = DryRunCheck.fail(BOUNDS, "restore_fields needs the drift baselines, which this function does"
                    + " not read", false);
            return;
        }
        restores.stateLine(run.action).ifPresent(run.state::add);
        run.bounds = restores.check(run.action, BOUNDS);
    }

    /**
     * The Deployment, the ReplicaSet of the revision to go back to (owned by it; kubectl's choice
     * without toRevision: the previous revision), which must not be the template the Deployment
     * runs; a paused Deployment cannot be rolled back (kubectl refuses too). Budgets as for a
     * rollout restart: the rollback replaces the pods.
     */
    static void rolloutUndo(Inspection run) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("deployment");
        String what = "deployment " + ns + "/" + name;
        Deployment deployment = run.reads.read(what,
                () -> run.reads.client().apps().deployments().inNamespace(ns).withName(name).get());
        if (deployment == null) {
            run.missing(what);
            return;
        }
        Workload workload = Workload.of(deployment);
        run.state.add(Inspection.line(workload));
        List<ReplicaSet> owned = Rollouts.owned(deployment, run.reads.replicaSets(ns));
        OptionalLong toRevision = Rollouts.toRevision(run.action);
        String at = Rollouts.revision(deployment).stream().mapToObj(r -> " at revision " + r).findFirst().orElse("");
        Optional<ReplicaSet> target = Rollouts.target(owned, toRevision);
        if (target.isEmpty()) {
            String revision = toRevision.isPresent() ? "revision " + toRevision.getAsLong() : "previous revision";
            run.state.add(revision + " of " + what + " absent");
            run.exists = DryRunCheck.fail(EXISTS, what + at + " has no " + revision + " to roll back to ("
                    + (owned.isEmpty() ? "no ReplicaSet of it holds a revision"
                            : "revisions: " + Rollouts.revisions(owned))
                    + ")", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: no " + revision + " of " + what, true);
            return;
        }
        ReplicaSet rs = target.get();
        long revision = Rollouts.revision(rs).orElseThrow();
        String held = "replicaset " + ns + "/" + rs.getMetadata().getName();
        run.state.add(Inspection.line(held, rs.getMetadata()) + " revision=" + revision + " target");
        boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
        if (Rollouts.sameTemplate(run.reads.client().getKubernetesSerialization(), deployment.getSpec().getTemplate(),
                rs.getSpec().getTemplate())) {
            run.exists = DryRunCheck.fail(EXISTS, what + at + " runs the template of revision " + revision + " (" + held
                    + ") already: nothing to roll back", false);
        } else if (paused) {
            run.exists = DryRunCheck.fail(EXISTS, what + " is paused: a paused Deployment is not rolled back (resume it"
                    + " first)", false);
        } else {
            String images = Rollouts.imageChanges(deployment.getSpec().getTemplate(), rs.getSpec().getTemplate());
            run.exists = DryRunCheck.pass(EXISTS, what + " exists with " + workload.desired() + " replicas" + at
                    + "; revision " + revision + " is " + held + (images.isEmpty() ? "" : " (images: " + images + ")"));
        }
        run.pdb = BudgetCheck.disruption(run, workload.describe(),
                BudgetCheck.covering(run, ns, run.reads.podLabelsOf(workload)), "");
    }

    /**
     * The workload of the kind, its container, and the change against the container's resources
     * now ({@link ResourceChange}: a failure nobody may override); the fingerprint states the
     * container's resources. Budgets as for a rollout restart: the change replaces the pods.
     */
    static void setResources(Inspection run) {
        if (run.namespacedNameHidden()) {
            run.bounds = DryRunCheck.fail(BOUNDS, "not checked: " + run.hiddenReason(), true);
            return;
        }
        String ns = run.param("namespace");
        String name = run.param("workload");
        ContainerResources.Wanted wanted = ContainerResources.Wanted.of(run.action);
        Workload workload = run.reads.workload(run.kind(), ns, name);
        if (workload == null) {
            String what = run.kind().id() + " " + ns + "/" + name;
            run.missing(what);
            run.exists = DryRunCheck.fail(EXISTS, run.exists.reason() + run.otherKinds(ns, name), false);
            run.bounds = DryRunCheck.fail(BOUNDS, "not checked: " + what + " not found", true);
            return;
        }
        run.state.add(Inspection.line(workload));
        int index = ContainerResources.indexOf(workload.template(), wanted.container());
        String container = "container " + ns + "/" + name + "/" + wanted.container();
        if (index < 0) {
            run.state.add(container + " absent");
            run.exists = DryRunCheck.fail(EXISTS, workload.describe() + " has no container " + wanted.container()
                    + " (containers: " + ContainerResources.names(workload.template()) + ")", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: no container " + wanted.container(), true);
            run.bounds = DryRunCheck.fail(BOUNDS, "not checked: no container " + wanted.container(), true);
            return;
        }
        var c = ContainerResources.containers(workload.template()).get(index);
        run.state.add(container + " resources " + ContainerResources.line(c));
        ResourceChange change = wanted.against(c);
        run.exists = DryRunCheck.pass(EXISTS, workload.describe() + " exists with " + workload.desired()
                + " replicas and container " + wanted.container() + " (" + wanted.resource().id() + " limit "
                + change.limit().map(Object::toString).orElse("not set") + ", request "
                + change.request().map(Object::toString).orElse("not set") + ")"
                + (workload.onDelete() ? "; its update strategy is OnDelete: pods take the new value only when"
                        + " deleted" : ""));
        run.bounds = change.problem().map(problem -> DryRunCheck.fail(BOUNDS, problem, false))
                .orElseGet(() -> DryRunCheck.pass(BOUNDS, change.describe()));
        run.pdb = BudgetCheck.disruption(run, workload.describe(),
                BudgetCheck.covering(run, ns, run.reads.podLabelsOf(workload)), "");
    }

    /**
     * scale_deployment, scale_statefulset: the workload, and budgets by minAvailable. A StatefulSet
     * whose claim retention policy deletes the claims of the replicas scaled away
     * ({@code persistentVolumeClaimRetentionPolicy.whenScaled: Delete}) is blocked when scaled down:
     * the action promises its claims stay.
     */
    static void scale(Inspection run, WorkloadKind kind, String parameter) {
        if (run.namespacedNameHidden()) {
            return;
        }
        String ns = run.param("namespace");
        String name = run.param(parameter);
        Workload workload = run.reads.workload(kind, ns, name);
        if (workload == null) {
            run.missing(kind.id() + " " + ns + "/" + name);
            return;
        }
        run.state.add(Inspection.line(workload));
        int current = workload.desired();
        int wanted = Integer.parseInt(run.param("replicas"));
        if (losesClaims(workload, wanted)) {
            run.state.add(workload.describe() + " whenScaled=Delete");
            run.exists = DryRunCheck.fail(EXISTS, workload.describe() + " deletes the claims of the replicas scaled"
                    + " away (persistentVolumeClaimRetentionPolicy.whenScaled: Delete): their data would go", false);
            run.pdb = DryRunCheck.fail(PDB, "not checked: the scale is refused", true);
            return;
        }
        run.exists = DryRunCheck.pass(EXISTS, workload.describe() + " exists with " + current + " replicas");
        run.pdb = BudgetCheck.scaling(run, workload, current, wanted);
    }

    /**
     * Scaling down to {@code wanted} replicas deletes the claims of the replicas scaled away: the
     * dry-run blocks it and the executor refuses it (the scale actions promise the claims stay).
     */
    static boolean losesClaims(Workload workload, int wanted) {
        return wanted < workload.desired() && workload.deletesClaimsWhenScaled();
    }
}
