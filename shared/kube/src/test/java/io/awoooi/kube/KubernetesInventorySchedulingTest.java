package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.finops.ClusterInventory;
import io.awoooi.kube.finops.KubernetesInventory;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the FinOps inventory reads for the scheduler's rules (issue #14): nodes' Ready condition,
 * taints and zone, pods' tolerations, uid and static-pod mark, and the zones of the volumes their
 * claims are bound to; and a pod's age from the earlier of its creation and the kubelet's start time.
 */
class KubernetesInventorySchedulingTest {
    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void read_nodesPodsAndVolumes_carryWhatTheSchedulerWouldCheck() {
        // GIVEN a tainted Ready node in zone a, a node without a Ready condition, a static pod tolerating the
        // taint (and the default not-ready toleration for 300 s), a zonal volume bound to its claim, one of no zone
        cluster.with(new NodeBuilder().withNewMetadata().withName("gpu-1")
                .withLabels(Map.of("topology.kubernetes.io/zone", "us-east-1a")).endMetadata()
                .withNewSpec().addNewTaint().withKey("dedicated").withValue("gpu").withEffect("NoSchedule").endTaint()
                .endSpec().withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withAllocatable(Map.of("cpu", new Quantity("8"))).endStatus().build(),
                new NodeBuilder().withNewMetadata().withName("new-1").endMetadata().build(),
                new PersistentVolumeBuilder().withNewMetadata().withName("pv-zonal").endMetadata().withNewSpec()
                        .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                        .withKey("topology.ebs.csi.aws.com/zone").withOperator("In").withValues("us-east-1a")
                        .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec().build(),
                new PersistentVolumeBuilder().withNewMetadata().withName("pv-nfs").endMetadata().withNewSpec().endSpec()
                        .build(),
                new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("shop").withName("data")
                        .endMetadata()
                        .withNewSpec().withVolumeName("pv-zonal").endSpec().withNewStatus().withPhase("Bound")
                        .endStatus()
                        .build(),
                new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("shop").withName("shared")
                        .endMetadata()
                        .withNewSpec().withVolumeName("pv-nfs").endSpec().withNewStatus().withPhase("Bound").endStatus()
                        .build(),
                new PodBuilder().withNewMetadata().withNamespace("shop").withName("etcd-gpu-1")
                        .addToAnnotations("kubernetes.io/config.mirror", "abc").endMetadata()
                        .withNewSpec().withNodeName("gpu-1").addNewToleration().withKey("dedicated")
                        .withOperator("Exists")
                        .endToleration().addNewToleration().withKey("node.kubernetes.io/not-ready")
                        .withOperator("Exists")
                        .withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
                        .endSpec().withNewStatus().withPhase("Running").withStartTime("2026-11-24T08:00:00Z")
                        .endStatus()
                        .build());
        // WHEN
        ClusterInventory inventory = new KubernetesInventory(cluster.client()).read();
        // THEN
        assertThat(inventory.readable(ClusterInventory.VOLUMES)).isTrue();
        ClusterInventory.Node gpu = inventory.nodes().stream().filter(n -> n.name().equals("gpu-1")).findFirst()
                .orElseThrow();
        assertThat(gpu.ready()).isTrue();
        assertThat(gpu.acceptsPods()).isTrue();
        assertThat(gpu.zone()).contains("us-east-1a");
        assertThat(gpu.taints()).containsExactly(new ClusterInventory.Taint("dedicated", "gpu", "NoSchedule"));
        // no Ready condition (yet): it takes no pod the plan moves
        assertThat(inventory.nodes()).filteredOn(n -> n.name().equals("new-1")).singleElement()
                .satisfies(n -> assertThat(n.acceptsPods()).isFalse());
        ClusterInventory.Pod etcd = inventory.pods().get(0);
        assertThat(etcd.staticPod()).isTrue();
        assertThat(etcd.uid()).isNotEmpty();
        assertThat(etcd.tolerations()).containsExactly(new ClusterInventory.Toleration("dedicated", "Exists", "", ""),
                new ClusterInventory.Toleration("node.kubernetes.io/not-ready", "Exists", "", "NoExecute", true));
        assertThat(etcd.tolerates(gpu.taints())).isTrue();
        // the CRUD store stamped its creation now; the kubelet's start time is earlier: that is its age
        assertThat(etcd.createdAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(inventory.claims()).extracting(ClusterInventory.Claim::name, ClusterInventory.Claim::zones)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("data", Set.of("us-east-1a")),
                        org.assertj.core.groups.Tuple.tuple("shared", Set.of()));
    }

    @Test
    void read_volumesForbidden_reportedUnreadable() {
        // GIVEN the PersistentVolume list is refused
        cluster.server().expect().get().withPath("/api/v1/persistentvolumes?limit=500").andReturn(403, "no").always();
        // WHEN
        ClusterInventory inventory = new KubernetesInventory(cluster.client()).read();
        // THEN the plan knows the volumes' zones are unknown (and says so), never "no zone"
        assertThat(inventory.unreadable()).containsEntry(ClusterInventory.VOLUMES, "HTTP 403");
    }
}
