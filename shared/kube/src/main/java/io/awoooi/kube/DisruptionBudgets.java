package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * PodDisruptionBudget (policy/v1) arithmetic as the disruption controller computes the status the
 * Eviction API enforces: which pods a budget selects, how many it expects, how many must stay
 * healthy and how many disruptions it allows. The one implementation the dry-run, the executor's
 * drain and the local demo controller share (issue #13 point 4).
 *
 * <ul>
 *   <li>Selection: an empty selector selects every pod of the namespace, a missing one none (unlike
 *       a workload's selector); finished pods (Succeeded, Failed) do not count.</li>
 *   <li>maxUnavailable (int or percent of the expected pods, rounded up): desired healthy = expected
 *       minus it, at least 0.</li>
 *   <li>minAvailable as an int: desired healthy = that int, expected = the selected pods;
 *       as a percent: of the expected pods, rounded up.</li>
 *   <li>Neither: desired healthy 0, expected = the selected pods.</li>
 *   <li>Expected pods (maxUnavailable, percent minAvailable): the replicas of the workloads whose
 *       pod template the budget selects, at least the selected pods.</li>
 *   <li>Disruptions allowed = healthy (ready, not being deleted) minus desired, at least 0; 0 while
 *       the budget expects no pod (its first pods are safe before the controller catches up).</li>
 * </ul>
 * A value that is neither an int nor a percent counts as all of the total (the safe reading).
 */
public final class DisruptionBudgets {
    private DisruptionBudgets() {
    }

    /**
     * What the disruption controller writes into a budget's status.
     *
     * @param currentHealthy the selected pods that are ready and not being deleted
     */
    public record Status(int currentHealthy, int desiredHealthy, int expectedPods, int disruptionsAllowed) {
    }

    /** The pods left after scaling a workload down, and the budget's minAvailable for that many. */
    public record Scaling(int left, int required) {
        public boolean keeps() {
            return left >= required;
        }
    }

    /** policy/v1: an empty selector selects every pod of the namespace, a missing one none. */
    public static boolean selects(PodDisruptionBudget budget, Map<String, String> labels) {
        LabelSelector selector = budget.getSpec() == null ? null : budget.getSpec().getSelector();
        if (selector == null) {
            return false;
        }
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return empty || Selectors.matches(selector, labels);
    }

    /** The pods of the budget's namespace it counts: selected and not finished. */
    public static List<Pod> selectedPods(PodDisruptionBudget budget, List<Pod> pods) {
        return pods.stream().filter(Pods::active).filter(p -> selects(budget, Selectors.labels(p.getMetadata())))
                .toList();
    }

    /**
     * The budget's status computed from its namespace's pods and workloads.
     *
     * @param workloads the namespace's workloads; asked only when the budget is relative to them
     *     (maxUnavailable, or minAvailable as a percent)
     */
    public static Status compute(PodDisruptionBudget budget, List<Pod> pods, Supplier<List<Workload>> workloads) {
        List<Pod> selected = selectedPods(budget, pods);
        int healthy = (int) selected.stream().filter(Pods::ready).count();
        IntOrString minAvailable = budget.getSpec() == null ? null : budget.getSpec().getMinAvailable();
        IntOrString maxUnavailable = budget.getSpec() == null ? null : budget.getSpec().getMaxUnavailable();
        int expected;
        int desired;
        if (maxUnavailable != null) {
            expected = expectedPods(budget, selected.size(), workloads.get());
            desired = Math.max(0, expected - scaled(maxUnavailable, expected));
        } else if (minAvailable != null) {
            expected = minAvailable.getIntVal() != null ? selected.size()
                    : expectedPods(budget, selected.size(), workloads.get());
            desired = scaled(minAvailable, expected);
        } else {
            expected = selected.size();
            desired = 0;
        }
        int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
        return new Status(healthy, desired, expected, allowed);
    }

    /**
     * The disruptions the budget's status allows, when that status describes the current spec (its
     * observedGeneration is not behind); empty without a current status (as on an API server where
     * no disruption controller runs).
     */
    public static OptionalInt reported(PodDisruptionBudget budget) {
        PodDisruptionBudgetStatus status = budget.getStatus();
        Long generation = budget.getMetadata() == null ? null : budget.getMetadata().getGeneration();
        boolean current = status != null && status.getDisruptionsAllowed() != null
                && (generation == null || status.getObservedGeneration() == null
                        || status.getObservedGeneration() >= generation);
        return current ? OptionalInt.of(status.getDisruptionsAllowed()) : OptionalInt.empty();
    }

    /**
     * Scaling a workload the budget covers from {@code current} to {@code wanted} replicas (down):
     * the pods left (the budget may select more pods than the workload's; at least the workload's
     * replicas count) against minAvailable for that many. Empty without a minAvailable:
     * maxUnavailable is relative to the expected pods, so it scales with the workload.
     */
    public static Optional<Scaling> afterScaling(PodDisruptionBudget budget, int selectedPods, int current,
            int wanted) {
        IntOrString minAvailable = budget.getSpec() == null ? null : budget.getSpec().getMinAvailable();
        if (minAvailable == null) {
            return Optional.empty();
        }
        int left = Math.max(selectedPods, current) - (current - wanted);
        return Optional.of(new Scaling(left, scaled(minAvailable, left)));
    }

    /** An int, or a percentage of the total rounded up (as the disruption controller does); unreadable: all of it. */
    public static int scaled(IntOrString value, int total) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal() == null ? "" : value.getStrVal().strip();
        if (!text.endsWith("%")) {
            return total;
        }
        try {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    /** {@code 2} or {@code 50%}, as written. */
    public static String text(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal().toString() : String.valueOf(value.getStrVal());
    }

    /** The replicas of the workloads whose template the budget selects, at least the selected pods. */
    private static int expectedPods(PodDisruptionBudget budget, int selected, List<Workload> workloads) {
        int replicas = workloads.stream().filter(w -> selects(budget, w.templateLabels())).mapToInt(Workload::desired)
                .sum();
        return Math.max(replicas, selected);
    }
}
