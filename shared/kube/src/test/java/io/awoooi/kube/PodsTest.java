package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod rules the dry-run, the executor's re-checks and the demo controller share. */
class PodsTest {
    private static PodBuilder pod(String ns, String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName("node-a").endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition()
                .endStatus();
    }

    private static Pod owned(String ns, String name, String kind) {
        return pod(ns, name).editMetadata().addNewOwnerReference().withKind(kind).withName("x").withController(true)
                .endOwnerReference().endMetadata().build();
    }

    @Test
    void ready_readyButTerminatingOrFinished_isNotHealthy() {
        assertThat(Pods.ready(pod("shop", "a").build())).isTrue();
        assertThat(
                Pods.ready(pod("shop", "a").editMetadata().withDeletionTimestamp("2026-12-07T08:00:00Z").endMetadata()
                        .build()))
                .isFalse();
        assertThat(Pods.ready(pod("shop", "a").editStatus().withPhase("Succeeded").endStatus().build())).isFalse();
        assertThat(Pods.active(pod("shop", "a").editStatus().withPhase("Failed").endStatus().build())).isFalse();
    }

    @Test
    void evictedFrom_node_skipsDaemonSetAndMirrorPodsAndSortsByNamespaceAndName() {
        // GIVEN pods on node-a: a ReplicaSet's, a DaemonSet's, a mirror, a bare one, and one on another node
        List<Pod> pods = new ArrayList<>(
                List.of(owned("shop", "web-1", "ReplicaSet"), owned("kube-system", "agent", "DaemonSet"),
                        pod("kube-system", "etcd").editMetadata().withAnnotations(Map.of(Pods.MIRROR_ANNOTATION, "x"))
                                .endMetadata().build(),
                        pod("batch", "manual").build(),
                        owned("shop", "web-2", "ReplicaSet")));
        pods.add(pod("shop", "elsewhere").editSpec().withNodeName("node-b").endSpec().build());
        // WHEN / THEN the drain evicts the ReplicaSet's pods and the bare one, and the bare one is flagged
        List<Pod> evicted = Pods.evictedFrom("node-a", pods);
        assertThat(evicted).extracting(p -> p.getMetadata().getName()).containsExactly("manual", "web-1", "web-2");
        assertThat(Pods.bare(evicted)).extracting(p -> p.getMetadata().getName()).containsExactly("manual");
    }

    @Test
    void mirror_annotatedOrOwnedByItsNode_isStatic() {
        assertThat(Pods.mirror(owned("kube-system", "etcd-node-a", "Node"))).isTrue();
        assertThat(Pods.mirror(owned("shop", "web-1", "ReplicaSet"))).isFalse();
    }

    @Test
    void mounting_claim_activePodsByNameOrEphemeralVolume() {
        // GIVEN a pod mounting the claim, an ephemeral volume's claim, a finished user and a stranger
        Pod user = pod("shop", "db-1").editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("data-db").endPersistentVolumeClaim().endVolume().endSpec().build();
        Pod ephemeral = pod("shop", "db-0").editSpec().addNewVolume().withName("data").withNewEphemeral().endEphemeral()
                .endVolume().endSpec().build();
        Pod finished = new PodBuilder(user).editMetadata().withName("db-old").endMetadata()
                .editStatus().withPhase("Succeeded").endStatus().build();
        // WHEN / THEN
        assertThat(Pods.mounting("data-db", List.of(user, finished, pod("shop", "web").build())))
                .extracting(p -> p.getMetadata().getName()).containsExactly("db-1");
        assertThat(Pods.mounting("db-0-data", List.of(ephemeral))).hasSize(1);
    }

    @Test
    void named_manyPods_namesFiveAndCountsTheRest() {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pods.add(pod("shop", "p" + i).build());
        }
        assertThat(Pods.named(pods)).isEqualTo("pod p0, p1, p2, p3, p4 and 2 more");
        assertThat(Pods.named(pods.subList(0, 1))).isEqualTo("pod p0");
    }
}
