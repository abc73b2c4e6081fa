package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one owner rule the dry-run and the actions share. */
class PodOwnersTest {
    private static ObjectMeta pod(String controllerKind, String controllerName, Map<String, String> labels) {
        ObjectMetaBuilder b = new ObjectMetaBuilder().withName("p").withNamespace("shop").withLabels(labels);
        if (controllerKind != null) {
            b.withOwnerReferences(new OwnerReferenceBuilder().withKind(controllerKind).withName(controllerName)
                    .withController(true).build());
        }
        return b.build();
    }

    private static PodOwners.Candidate candidate(WorkloadKind kind, String name, String app) {
        return new PodOwners.Candidate(kind, name,
                new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build());
    }

    @Test
    void of_replicaSetOfADeployment_isTheDeployment() {
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("api-7d9").withNamespace("shop")
                .addNewOwnerReference().withKind("Deployment").withName("api").withController(true).endOwnerReference()
                .endMetadata().build();
        assertThat(PodOwners.of(pod("ReplicaSet", "api-7d9", Map.of()), n -> n.equals("api-7d9") ? rs : null, List::of))
                .contains(new PodOwners.Owner(WorkloadKind.DEPLOYMENT, "api"));
    }

    @Test
    void of_controllersWithoutAWorkload_noOwner() {
        // GIVEN a ReplicaSet nobody controls (or that is gone), a Job's pod
        assertThat(PodOwners.of(pod("ReplicaSet", "orphan", Map.of()), n -> null, List::of)).isEmpty();
        assertThat(PodOwners.of(pod("Job", "backfill", Map.of("app", "x")), n -> null,
                () -> List.of(candidate(WorkloadKind.DEPLOYMENT, "x", "x")))).isEmpty();
    }

    @Test
    void of_statefulSetAndDaemonSetControllers_areThemselves() {
        assertThat(PodOwners.of(pod("StatefulSet", "db", Map.of()), n -> null, List::of))
                .contains(new PodOwners.Owner(WorkloadKind.STATEFULSET, "db"));
        assertThat(PodOwners.of(pod("DaemonSet", "agent", Map.of()), n -> null, List::of))
                .contains(new PodOwners.Owner(WorkloadKind.DAEMONSET, "agent"));
    }

    @Test
    void of_barePodSelectedByMany_deploymentsFirstThenByName() {
        // GIVEN a pod without a controller that a StatefulSet and two Deployments select
        List<PodOwners.Candidate> all = List.of(candidate(WorkloadKind.STATEFULSET, "a-set", "web"),
                candidate(WorkloadKind.DEPLOYMENT, "web-b", "web"), candidate(WorkloadKind.DEPLOYMENT, "web-a", "web"),
                candidate(WorkloadKind.DEPLOYMENT, "other", "api"));
        // WHEN / THEN the Deployment first by name; nobody selecting it: no owner
        assertThat(PodOwners.of(pod(null, null, Map.of("app", "web")), n -> null, () -> all))
                .contains(new PodOwners.Owner(WorkloadKind.DEPLOYMENT, "web-a"));
        assertThat(PodOwners.of(pod(null, null, Map.of("app", "batch")), n -> null, () -> all))
                .isEqualTo(Optional.empty());
    }
}
