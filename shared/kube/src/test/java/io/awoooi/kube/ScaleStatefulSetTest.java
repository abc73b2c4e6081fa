package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * scale_statefulset (issue #14: a StatefulSet whose every replica idles) against the fabric8 mock API
 * server: its claims must stay, so a retention policy that deletes them when scaled refuses it.
 */
class ScaleStatefulSetTest {
    private static final String REQUEST = "apr_scalests0000000000000000";
    private static final ProposedAction TO_ZERO = new ProposedAction(ActionType.SCALE_STATEFULSET,
            Map.of("namespace", "archive", "statefulset", "ledger", "replicas", "0"));
    private final MockCluster cluster = new MockCluster();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static StatefulSet ledger(String whenScaled) {
        StatefulSetBuilder b = new StatefulSetBuilder().withNewMetadata().withNamespace("archive").withName("ledger")
                .endMetadata().withNewSpec().withReplicas(2).withServiceName("ledger").withNewSelector()
                .addToMatchLabels("app", "ledger").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "ledger").endMetadata().withNewSpec().addNewContainer().withName("db")
                .withImage("db")
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus();
        if (whenScaled != null) {
            b.editSpec().withNewPersistentVolumeClaimRetentionPolicy().withWhenScaled(whenScaled)
                    .withWhenDeleted("Retain")
                    .endPersistentVolumeClaimRetentionPolicy().endSpec();
        }
        return b.build();
    }

    @Test
    void dryRun_claimsRetained_passesAndAsksForTheScaleSubresource() {
        // GIVEN a StatefulSet of 2 replicas that retains its claims (no policy: Retain)
        cluster.with(ledger(null));
        // WHEN
        DryRunReport report = new KubernetesDryRun(client).dryRun(TO_ZERO);
        // THEN
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.reason())
                .isEqualTo("statefulset archive/ledger exists with 2 replicas"));
        assertThat(report.checks()).anySatisfy(c -> assertThat(c.reason()).contains("patch", "statefulsets/scale"));
    }

    @Test
    void dryRunAndApply_whenScaledDelete_refusedNotOverridable() {
        // GIVEN its claims are deleted with the replicas scaled away
        cluster.with(ledger("Delete"));
        // WHEN / THEN the dry-run blocks, the executor refuses, the replicas stay
        DryRunReport report = new KubernetesDryRun(client).dryRun(TO_ZERO);
        assertThat(report.blocked()).isTrue();
        assertThat(report.failures()).anySatisfy(c -> assertThat(c.reason()).contains("whenScaled: Delete"));
        assertThat(new KubernetesActions(client).apply(TO_ZERO, REQUEST)).isInstanceOfSatisfying(
                ActionResult.Refused.class, r -> assertThat(r.httpStatus()).isEqualTo(409));
        assertThat(client.apps().statefulSets().inNamespace("archive").withName("ledger").get().getSpec().getReplicas())
                .isEqualTo(2);
        // AND scaling up is fine whatever the policy
        ProposedAction up = new ProposedAction(ActionType.SCALE_STATEFULSET,
                Map.of("namespace", "archive", "statefulset", "ledger", "replicas", "3"));
        assertThat(new KubernetesDryRun(client).dryRun(up).passed()).isTrue();
    }

    @Test
    void apply_scalesToZero_onceOnly_savingRealizedWhenNoReplicaIsLeft() {
        // GIVEN
        cluster.with(ledger("Retain"));
        KubernetesActions actions = new KubernetesActions(client);
        assertThat(actions.alreadyApplied(TO_ZERO, REQUEST, Instant.now())).isFalse();
        // WHEN
        ActionResult result = actions.apply(TO_ZERO, REQUEST);
        // THEN spec.replicas is 0; a retry finds it done
        assertThat(result).isInstanceOfSatisfying(ActionResult.Applied.class,
                a -> assertThat(a.detail())
                        .isEqualTo("statefulset archive/ledger scaled from 2 to 0 replicas; its claims stay"));
        assertThat(client.apps().statefulSets().inNamespace("archive").withName("ledger").get().getSpec().getReplicas())
                .isZero();
        assertThat(actions.alreadyApplied(TO_ZERO, REQUEST, Instant.now())).isTrue();
        // the mock runs no controller: 2 replicas still exist, so the saving is not realized yet
        assertThat(actions.savingRealized(TO_ZERO).healthy()).isFalse();
        StatefulSet now = client.apps().statefulSets().inNamespace("archive").withName("ledger").get();
        now.getStatus().setReplicas(0);
        now.getStatus().setReadyReplicas(0);
        client.apps().statefulSets().inNamespace("archive").resource(now).updateStatus();
        assertThat(actions.savingRealized(TO_ZERO).healthy()).isTrue();
        assertThat(actions.savingRealized(TO_ZERO).evidence())
                .containsExactly("statefulset archive/ledger wants 0 replicas, 0 exist");
    }
}
