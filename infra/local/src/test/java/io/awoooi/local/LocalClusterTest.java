package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunCheck;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.kube.KubernetesDryRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local Kubernetes API on its own (in-process, an ephemeral loopback port; no stack). */
class LocalClusterTest {
    private LocalCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.start(null);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void start_demo_seedsTheShop() {
        // THEN the demo objects are there
        assertThat(cluster.objects()).isGreaterThan(20);
        assertThat(cluster.client().apps().statefulSets().inNamespace("shop").withName("postgres-db").get())
                .isNotNull();
    }

    @Test
    void dryRun_localCluster_passesRbacAndWritesNothing() {
        // GIVEN the resource version of the pod to restart
        String before = cluster.client().pods().inNamespace("shop").withName("order-api-7d9f8c6b5-x2kqp").get()
                .getMetadata().getResourceVersion();
        // WHEN the approval dry-run runs against the local API
        DryRunReport report = new KubernetesDryRun(cluster.client()).dryRun(new ProposedAction(ActionType.RESTART_POD,
                Map.of("namespace", "shop", "pod", "order-api-7d9f8c6b5-x2kqp")));
        // THEN the local API granted the access review, and every check passed
        assertThat(report.checks()).extracting(DryRunCheck::name, DryRunCheck::passed)
                .containsExactly(tuple("parameters", true), tuple("rbac", true), tuple("exists", true),
                        tuple("pdb", true));
        assertThat(cluster.client().pods().inNamespace("shop").withName("order-api-7d9f8c6b5-x2kqp").get()
                .getMetadata().getResourceVersion()).isEqualTo(before);
    }
}
