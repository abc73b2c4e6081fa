package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.evidence.WorkloadRef;
import io.awoooi.core.topology.ServiceId;
import io.awoooi.core.topology.WorkloadKind;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one workload record of the topology, the dry-run and the actions: one reading of the API's
 * counts per kind, and {@link Workloads} reading them by kind from the mock API server (CRUD mode).
 */
class WorkloadTest {
    private static Deployment deployment(String name, Integer replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name))
                .endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name))
                .withAnnotations(Map.of(KubernetesActions.RESTARTED_BY, "apr_1")).endMetadata().endTemplate()
                .endSpec().build();
    }

    @Test
    void of_deploymentWithoutReplicasOrStatus_isOneDesiredNoneReady() {
        // GIVEN a Deployment as written, before any controller wrote its status
        Workload w = Workload.of(deployment("cart", null));
        // THEN the API's default of 1 replica, zero counts, and its template's labels and annotations
        assertThat(w.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(w.desired()).isEqualTo(1);
        assertThat(w.ready()).isZero();
        assertThat(w.available()).isZero();
        assertThat(w.observedGeneration()).isNull();
        assertThat(w.templateLabels()).containsEntry("app", "cart");
        assertThat(w.templateAnnotations()).containsEntry(KubernetesActions.RESTARTED_BY, "apr_1");
        assertThat(w.describe()).isEqualTo("deployment shop/cart");
        assertThat(w.id()).isEqualTo(new ServiceId("shop", "cart"));
        assertThat(w.onDelete()).isFalse();
        assertThat(w.deletesClaimsWhenScaled()).isFalse();
    }

    @Test
    void of_statefulSetWithoutAvailableCount_readsReadyAsAvailable() {
        // GIVEN a StatefulSet reporting ready replicas only, OnDelete, deleting claims when scaled
        StatefulSet s = new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(3).withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenScaled("Delete")
                .endPersistentVolumeClaimRetentionPolicy()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().endVolumeClaimTemplate()
                .endSpec().withNewStatus().withReadyReplicas(2).withObservedGeneration(4L).endStatus().build();
        // WHEN read
        Workload w = Workload.of(s);
        // THEN
        assertThat(List.of(w.desired(), w.ready(), w.available())).containsExactly(3, 2, 2);
        assertThat(w.observedGeneration()).isEqualTo(4L);
        assertThat(w.onDelete()).isTrue();
        assertThat(w.deletesClaimsWhenScaled()).isTrue();
        assertThat(w.claimTemplates()).containsExactly("data");
        assertThat(w.ref()).isEqualTo(new WorkloadRef(WorkloadKind.STATEFULSET, "db", 3, 2));
        assertThat(w.apiKind()).isEqualTo("StatefulSet");
    }

    @Test
    void of_daemonSet_desiredIsTheNodesItShouldRunOn() {
        // GIVEN a DaemonSet scheduled on 4 nodes, 3 ready, none reported available
        DaemonSet d = new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("ops").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withDesiredNumberScheduled(4).withNumberReady(3).endStatus().build();
        Workload w = Workload.of(d);
        // THEN
        assertThat(List.of(w.desired(), w.ready(), w.available())).containsExactly(4, 3, 3);
        assertThat(w.kind()).isEqualTo(WorkloadKind.DAEMONSET);
    }

    @Test
    void of_anythingElse_isRefused() {
        assertThatThrownBy(
                () -> Workload.of(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a workload");
    }

    @Test
    void workloads_onTheMockServer_getAndListByKind() {
        try (MockCluster cluster = new MockCluster().with(deployment("web", 2), deployment("api", 1),
                new StatefulSetBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                        .withNewSpec().withReplicas(1).endSpec().build())) {
            var client = cluster.client();
            // WHEN / THEN a kind and name finds that object only
            assertThat(Workloads.get(client, WorkloadKind.DEPLOYMENT, "shop", "web")).get()
                    .extracting(Workload::desired).isEqualTo(2);
            assertThat(Workloads.get(client, WorkloadKind.STATEFULSET, "shop", "web")).get()
                    .extracting(Workload::kind).isEqualTo(WorkloadKind.STATEFULSET);
            assertThat(Workloads.get(client, WorkloadKind.DAEMONSET, "shop", "web")).isEmpty();
            // AND a list is by name
            assertThat(Workloads.list(client, WorkloadKind.DEPLOYMENT, "shop")).extracting(Workload::name)
                    .containsExactly("api", "web");
        }
    }
}
