package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The PodDisruptionBudget arithmetic the dry-run, the executor and the local demo controller share,
 * checked against the disruption controller's rules (pkg/controller/disruption: getExpectedPodCount,
 * updatePdbStatus): pure, on objects as the API returns them.
 */
class DisruptionBudgetsTest {
    private static final Map<String, String> WEB = Map.of("app", "web");

    private static PodDisruptionBudget budget(LabelSelector selector, IntOrString minAvailable,
            IntOrString maxUnavailable) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withSelector(selector).withMinAvailable(minAvailable).withMaxUnavailable(maxUnavailable)
                .endSpec().build();
    }

    private static LabelSelector web() {
        return new LabelSelectorBuilder().withMatchLabels(WEB).build();
    }

    private static Pod pod(String name, Map<String, String> labels, boolean ready, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").withLabels(labels).endMetadata()
                .withNewStatus().withPhase(phase).addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
    }

    private static List<Pod> webPods(int ready, int notReady) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            pods.add(pod("web-r" + i, WEB, true, "Running"));
        }
        for (int i = 0; i < notReady; i++) {
            pods.add(pod("web-n" + i, WEB, false, "Running"));
        }
        return pods;
    }

    private static List<Workload> webDeployment(int replicas) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(web()).withNewTemplate().withNewMetadata()
                .withLabels(WEB).endMetadata().endTemplate().endSpec().build();
        return List.of(Workload.of(d));
    }

    @Nested
    class Selection {
        @Test
        void selects_emptySelector_selectsEveryPodOfTheNamespace() {
            // GIVEN a policy/v1 budget with an empty selector (unlike a workload's, it selects everything)
            PodDisruptionBudget all = budget(new LabelSelector(), new IntOrString(1), null);
            // WHEN / THEN any labels are selected
            assertThat(DisruptionBudgets.selects(all, Map.of("app", "anything"))).isTrue();
            assertThat(DisruptionBudgets.selects(all, Map.of())).isTrue();
        }

        @Test
        void selects_missingSelector_selectsNothing() {
            assertThat(DisruptionBudgets.selects(budget(null, new IntOrString(1), null), WEB)).isFalse();
        }

        @Test
        void selectedPods_finishedPods_doNotCount() {
            // GIVEN a running and a succeeded web pod, and another app's pod
            List<Pod> pods = List.of(pod("web-1", WEB, true, "Running"), pod("web-2", WEB, false, "Succeeded"),
                    pod("db-0", Map.of("app", "db"), true, "Running"));
            // WHEN / THEN only the running web pod counts
            assertThat(DisruptionBudgets.selectedPods(budget(web(), new IntOrString(1), null), pods))
                    .extracting(p -> p.getMetadata().getName()).containsExactly("web-1");
        }
    }

    @Nested
    class Compute {
        @Test
        void compute_integerMinAvailable_expectsTheSelectedPodsAndNeverAsksTheWorkloads() {
            // GIVEN minAvailable 2 over 3 ready pods (the Deployment wants 5)
            AtomicInteger asked = new AtomicInteger();
            // WHEN computed
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), new IntOrString(2), null),
                    webPods(3, 0), () -> {
                        asked.incrementAndGet();
                        return webDeployment(5);
                    });
            // THEN expected is the pods there are (the controller's len(pods)), one disruption allowed
            assertThat(status).isEqualTo(new DisruptionBudgets.Status(3, 2, 3, 1));
            assertThat(asked).hasValue(0);
        }

        @Test
        void compute_percentMinAvailable_roundsUpOfTheWorkloadsReplicas() {
            // GIVEN minAvailable 50% of a Deployment of 5 replicas, 4 pods ready
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), new IntOrString("50%"), null),
                    webPods(4, 0), () -> webDeployment(5));
            // THEN 3 must stay healthy (2.5 rounded up): one disruption allowed
            assertThat(status).isEqualTo(new DisruptionBudgets.Status(4, 3, 5, 1));
        }

        @Test
        void compute_maxUnavailable_isRelativeToTheExpectedPods() {
            // GIVEN maxUnavailable 1 of a Deployment of 3 replicas, 2 ready and 1 not ready
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), null, new IntOrString(1)),
                    webPods(2, 1), () -> webDeployment(3));
            // THEN 2 must stay healthy, 2 are: no disruption allowed
            assertThat(status).isEqualTo(new DisruptionBudgets.Status(2, 2, 3, 0));
        }

        @Test
        void compute_percentMaxUnavailable_roundsUpAndAllowsThatMany() {
            // GIVEN maxUnavailable 30% of 4 replicas, all ready: 1.2 rounded up is 2 unavailable
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), null, new IntOrString("30%")),
                    webPods(4, 0), () -> webDeployment(4));
            assertThat(status).isEqualTo(new DisruptionBudgets.Status(4, 2, 4, 2));
        }

        @Test
        void compute_moreSelectedPodsThanReplicas_expectsThePodsThereAre() {
            // GIVEN a Deployment of 1 replica but 3 selected pods (bare pods with the same labels)
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), null, new IntOrString(1)),
                    webPods(3, 0), () -> webDeployment(1));
            assertThat(status.expectedPods()).isEqualTo(3);
            assertThat(status.disruptionsAllowed()).isEqualTo(1);
        }

        @Test
        void compute_noPodExpected_allowsNoDisruption() {
            // GIVEN maxUnavailable 1 and nothing selected: the budget's first pods must be safe
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), null, new IntOrString(1)),
                    List.of(), List::of);
            assertThat(status).isEqualTo(new DisruptionBudgets.Status(0, 0, 0, 0));
        }

        @Test
        void compute_unreadableValue_countsAsAllOfTheTotal() {
            // GIVEN minAvailable "most" (neither an int nor a percent): the safe reading is all pods
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), new IntOrString("most"), null),
                    webPods(3, 0), () -> webDeployment(3));
            assertThat(status.desiredHealthy()).isEqualTo(3);
            assertThat(status.disruptionsAllowed()).isZero();
        }

        @Test
        void compute_terminatingPod_isNotHealthy() {
            // GIVEN two ready web pods, one of them being deleted
            List<Pod> pods = webPods(2, 0);
            pods.get(0).getMetadata().setDeletionTimestamp("2026-12-07T08:00:00Z");
            // WHEN minAvailable 1
            DisruptionBudgets.Status status = DisruptionBudgets.compute(budget(web(), new IntOrString(1), null), pods,
                    List::of);
            // THEN one healthy pod: no disruption allowed
            assertThat(status.currentHealthy()).isEqualTo(1);
            assertThat(status.disruptionsAllowed()).isZero();
        }
    }

    @Nested
    class Reported {
        @Test
        void reported_currentStatus_isTheStatusValue() {
            PodDisruptionBudget b = new PodDisruptionBudgetBuilder(budget(web(), new IntOrString(1), null))
                    .editMetadata().withGeneration(2L).endMetadata()
                    .withNewStatus().withDisruptionsAllowed(1).withObservedGeneration(2L).endStatus().build();
            assertThat(DisruptionBudgets.reported(b)).isEqualTo(OptionalInt.of(1));
        }

        @Test
        void reported_statusBehindTheSpecOrMissing_isEmpty() {
            PodDisruptionBudget behind = new PodDisruptionBudgetBuilder(budget(web(), new IntOrString(1), null))
                    .editMetadata().withGeneration(3L).endMetadata()
                    .withNewStatus().withDisruptionsAllowed(1).withObservedGeneration(2L).endStatus().build();
            assertThat(DisruptionBudgets.reported(behind)).isEmpty();
            assertThat(DisruptionBudgets.reported(budget(web(), new IntOrString(1), null))).isEmpty();
        }
    }

    @Nested
    class Scaling {
        @Test
        void afterScaling_belowIntegerMinAvailable_doesNotKeepTheBudget() {
            // GIVEN minAvailable 2, a workload of 3 scaled to 1
            var after = DisruptionBudgets.afterScaling(budget(web(), new IntOrString(2), null), 3, 3, 1);
            assertThat(after).contains(new DisruptionBudgets.Scaling(1, 2));
            assertThat(after.orElseThrow().keeps()).isFalse();
        }

        @Test
        void afterScaling_percentOfThePodsLeft_keepsTheBudget() {
            // GIVEN minAvailable 50%, 4 selected pods (the workload's 2 and 2 others), the workload 2 to 1
            var after = DisruptionBudgets.afterScaling(budget(web(), new IntOrString("50%"), null), 4, 2, 1);
            // THEN 3 left, 2 required
            assertThat(after).contains(new DisruptionBudgets.Scaling(3, 2));
            assertThat(after.orElseThrow().keeps()).isTrue();
        }

        @Test
        void afterScaling_maxUnavailableOnly_isNotAMinimum() {
            assertThat(DisruptionBudgets.afterScaling(budget(web(), null, new IntOrString(1)), 3, 3, 1)).isEmpty();
        }
    }

    @Test
    void scaledAndText_intAndPercent_asWritten() {
        assertThat(DisruptionBudgets.scaled(new IntOrString(2), 10)).isEqualTo(2);
        assertThat(DisruptionBudgets.scaled(new IntOrString("25%"), 10)).isEqualTo(3);
        assertThat(DisruptionBudgets.scaled(new IntOrString("x%"), 10)).isEqualTo(10);
        assertThat(DisruptionBudgets.text(new IntOrString(2))).isEqualTo("2");
        assertThat(DisruptionBudgets.text(new IntOrString("25%"))).isEqualTo("25%");
    }
}
