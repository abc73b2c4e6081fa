package io.awoooi.kube;

import io.awoooi.core.approval.DryRunCheck;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dry-run's {@value KubernetesDryRun#PDB} check: the PodDisruptionBudgets covering the pods an
 * action disrupts, with their disruptionsAllowed from a current status, else computed from the pods
 * as the disruption controller does ({@link DisruptionBudgets}). Each budget that applies is a
 * fingerprint line ({@code pdb shop/postgres-db uid=... gen=1 disruptionsAllowed=0}).
 */
final class BudgetCheck {
    private BudgetCheck() {
    }

    /** A budget with its disruptionsAllowed, from its status or computed from the pods. */
    record Budget(PodDisruptionBudget pdb, int allowed, boolean computed) {
        String name() {
            return pdb.getMetadata().getName();
        }

        String source() {
            return computed ? " (computed from its pods: the budget has no current status)" : "";
        }

        String line() {
            return Inspection.line("pdb " + pdb.getMetadata().getNamespace() + "/" + name(), pdb.getMetadata())
                    + " disruptionsAllowed=" + allowed;
        }
    }

    /**
     * The pods of {@code subject} are replaced or deleted: fails (overridably) when a budget covering
     * them allows no disruption.
     */
    static DryRunCheck disruption(Inspection run, String subject, List<Budget> covering, String note) {
        covering.forEach(b -> run.state.add(b.line()));
        List<Budget> blocking = covering.stream().filter(b -> b.allowed() < 1).toList();
        if (!blocking.isEmpty()) {
            Budget first = blocking.get(0);
            String more = blocking.size() > 1 ? " (and " + (blocking.size() - 1) + " more budgets)" : "";
            return DryRunCheck.fail(KubernetesDryRun.PDB,
                    "would take " + subject + " below its budget " + first.name() + ": "
                            + first.allowed() + " disruptions allowed" + first.source() + more + note,
                    true);
        }
        if (covering.isEmpty()) {
            return DryRunCheck.pass(KubernetesDryRun.PDB, "no PodDisruptionBudget covers " + subject);
        }
        return DryRunCheck.pass(KubernetesDryRun.PDB, covering.stream()
                .map(b -> "budget " + b.name() + " allows " + b.allowed() + " disruptions" + b.source())
                .collect(Collectors.joining("; ")));
    }

    /**
     * Scaling {@code workload} from {@code current} down to {@code wanted} replicas: fails
     * (overridably) when fewer pods than a budget's minAvailable would be left.
     */
    static DryRunCheck scaling(Inspection run, Workload workload, int current, int wanted) {
        String ns = workload.meta().getNamespace();
        List<Budget> covering = covering(run, ns, run.reads.podLabelsOf(workload));
        covering.forEach(b -> run.state.add(b.line()));
        if (wanted >= current) {
            return DryRunCheck.pass(KubernetesDryRun.PDB, "scaling from " + current + " to " + wanted
                    + " replicas takes no pod away");
        }
        List<String> broken = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Budget budget : covering) {
            int selected = DisruptionBudgets.selectedPods(budget.pdb(), run.reads.pods(ns)).size();
            DisruptionBudgets.afterScaling(budget.pdb(), selected, current, wanted).ifPresentOrElse(after -> {
                String rule = "minAvailable " + DisruptionBudgets.text(budget.pdb().getSpec().getMinAvailable()) + ", "
                        + after.left() + " pods left after scaling";
                (after.keeps() ? kept : broken).add("budget " + budget.name() + ": " + rule);
            }, () -> kept.add("budget " + budget.name() + " counts unavailable pods of the new size"));
        }
        if (!broken.isEmpty()) {
            return DryRunCheck.fail(KubernetesDryRun.PDB, "would take " + workload.describe() + " below its "
                    + String.join("; ", broken), true);
        }
        return DryRunCheck.pass(KubernetesDryRun.PDB, "scaling from " + current + " to " + wanted + " replicas "
                + (kept.isEmpty() ? "is under no PodDisruptionBudget"
                        : "keeps every budget: " + String.join("; ", kept)));
    }

    /**
     * A drain evicts {@code evicted}: fails (overridably) when a budget allows fewer disruptions than
     * the pods on the node it covers (the Eviction API refuses the rest, which then wait).
     */
    static DryRunCheck drain(Inspection run, String node, List<Pod> evicted) {
        List<String> blocked = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        Map<String, List<Pod>> byNamespace = new TreeMap<>();
        evicted.forEach(
                p -> byNamespace.computeIfAbsent(p.getMetadata().getNamespace(), k -> new ArrayList<>()).add(p));
        byNamespace.forEach((ns, pods) -> {
            for (Budget b : covering(run, ns, pods.stream().map(p -> Selectors.labels(p.getMetadata())).toList())) {
                run.state.add(b.line());
                long covered = pods.stream()
                        .filter(p -> DisruptionBudgets.selects(b.pdb(), Selectors.labels(p.getMetadata())))
                        .count();
                (b.allowed() < covered ? blocked : fine).add("budget " + ns + "/" + b.name() + " allows "
                        + b.allowed() + " disruptions for " + covered + " pods on the node" + b.source());
            }
        });
        return blocked.isEmpty()
                ? DryRunCheck.pass(KubernetesDryRun.PDB,
                        fine.isEmpty() ? "no PodDisruptionBudget covers the pods on node " + node
                                : String.join("; ", fine))
                : DryRunCheck.fail(KubernetesDryRun.PDB,
                        "evictions would wait for their budgets: " + String.join("; ", blocked)
                                + " (the Eviction API refuses what a budget does not allow; the rest is evicted)",
                        true);
    }

    /** The budgets in the namespace selecting any of the label sets, by name. */
    static List<Budget> covering(Inspection run, String ns, List<Map<String, String>> labelSets) {
        return run.reads.budgets(ns).stream()
                .filter(b -> labelSets.stream().anyMatch(labels -> DisruptionBudgets.selects(b, labels)))
                .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
                .map(b -> evaluate(run, b))
                .toList();
    }

    /** Its status when current; otherwise disruptionsAllowed the way the disruption controller computes it. */
    private static Budget evaluate(Inspection run, PodDisruptionBudget budget) {
        OptionalInt reported = DisruptionBudgets.reported(budget);
        if (reported.isPresent()) {
            return new Budget(budget, reported.getAsInt(), false);
        }
        String ns = budget.getMetadata().getNamespace();
        return new Budget(budget, DisruptionBudgets.compute(budget, run.reads.pods(ns), () -> run.reads.workloads(ns))
                .disruptionsAllowed(), true);
    }
}
