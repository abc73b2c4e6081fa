package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** delete_pod's rules, one implementation for the dry-run and the executor's re-check before the DELETE. */
class BarePodsTest {
    private static final String UID = "0f6c3a52-9d1e-4b7a-8c2d-5e4f3a2b1c0d";
    private static final String APPROVED = "0f6c3a529d1e4b7a8c2d5e4f3a2b1c0d";

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("report-manual").withNamespace("archive").withUid(UID)
                .endMetadata();
    }

    @Test
    void problem_bareStaticAndControlledPods_inTheOrderChecked() {
        // GIVEN the approved bare pod: nothing stops it
        assertThat(BarePods.problem(pod().build(), APPROVED)).isEmpty();
        // WHEN another pod took the name, THEN that is the problem, whatever else holds for it
        Pod other = pod().editMetadata().withUid("11111111-2222-3333-4444-555555555555")
                .withAnnotations(Map.of(Pods.MIRROR_ANNOTATION, "x")).endMetadata().build();
        assertThat(BarePods.problem(other, APPROVED)).contains(BarePods.Problem.ANOTHER_POD);
        // WHEN it is a static pod's mirror (owned by its node), THEN static before controlled
        Pod mirror = pod().editMetadata().addNewOwnerReference().withKind("Node").withName("node-a")
                .withController(true)
                .endOwnerReference().endMetadata().build();
        assertThat(BarePods.problem(mirror, APPROVED)).contains(BarePods.Problem.STATIC_POD);
        // WHEN a controller owns it now
        Pod owned = pod().editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName("report-7d9")
                .withController(true).endOwnerReference().endMetadata().build();
        assertThat(BarePods.problem(owned, APPROVED)).contains(BarePods.Problem.CONTROLLED);
    }

    @Test
    void inSystemNamespace_kubeNamespaces_only() {
        assertThat(BarePods.inSystemNamespace("kube-system")).isTrue();
        assertThat(BarePods.inSystemNamespace("archive")).isFalse();
    }
}
