package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.action.ActionType;
import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.approval.DryRunReport;
import io.awoooi.core.execution.ActionResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** delete_pvc with snapshotClass (issue #14): a VolumeSnapshot of the claim first, then the claim. */
class DeletePvcSnapshotTest {
    private static final String REQUEST = "apr_snap00000000000000000000";
    private final MockCluster cluster = new MockCluster();
    private final LocalAccessReviews reviews = LocalAccessReviews.answer(cluster.server());
    private final KubernetesClient client = cluster.client();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static final ProposedAction DELETE = new ProposedAction(ActionType.DELETE_PVC,
            Map.of("namespace", "archive", "pvc", "old-export", "snapshotClass", "ebs-snapshots"));

    private void seed(boolean withClass) {
        cluster.with(
                new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("archive").withName("old-export")
                        .endMetadata().withNewSpec().withStorageClassName("gp3").withNewResources()
                        .addToRequests("storage", new Quantity("100Gi")).endResources().endSpec()
                        .withNewStatus().withPhase("Bound").endStatus().build());
        if (withClass) {
            GenericKubernetesResource vsc = new GenericKubernetesResourceBuilder()
                    .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotClass")
                    .withNewMetadata().withName("ebs-snapshots").endMetadata().build();
            vsc.setAdditionalProperty("driver", "ebs.csi.aws.com");
            vsc.setAdditionalProperty("deletionPolicy", "Retain");
            client.genericKubernetesResources(KubernetesActions.SNAPSHOT_CLASSES).resource(vsc).create();
        }
    }

    @Test
    void dryRun_classExists_passesAndSaysASnapshotIsTakenFirst() {
        seed(true);
        DryRunReport report = new KubernetesDryRun(client).dryRun(DELETE);
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).anyMatch(
                c -> c.reason().contains("VolumeSnapshotClass ebs-snapshots exists: a snapshot is taken first"));
    }

    @Test
    void dryRun_classGone_blocked() {
        seed(false);
        DryRunReport report = new KubernetesDryRun(client).dryRun(DELETE);
        assertThat(report.blocked()).isTrue();
        assertThat(report.failures())
                .anyMatch(c -> c.reason().contains("its VolumeSnapshotClass ebs-snapshots does not"));
    }

    @Test
    void apply_snapshotThenDelete_retryMakesNoSecondSnapshot() {
        // GIVEN
        seed(true);
        KubernetesActions actions = new KubernetesActions(client);
        // WHEN
        ActionResult result = actions.apply(DELETE, REQUEST);
        // THEN a VolumeSnapshot of the claim with the class, then the claim is gone
        assertThat(result).isInstanceOfSatisfying(ActionResult.Applied.class, a -> assertThat(a.detail())
                .contains("persistentvolumeclaim archive/old-export deleted", "(class ebs-snapshots) taken first"));
        var snapshots = client.genericKubernetesResources(KubernetesActions.SNAPSHOTS).inNamespace("archive").list()
                .getItems();
        assertThat(snapshots).singleElement().satisfies(vs -> {
            assertThat(vs.getMetadata().getName()).isEqualTo(KubernetesActions.snapshotName("old-export", REQUEST));
            assertThat(String.valueOf(vs.getAdditionalProperties().get("spec")))
                    .contains("volumeSnapshotClassName=ebs-snapshots", "persistentVolumeClaimName=old-export");
        });
        assertThat(client.persistentVolumeClaims().inNamespace("archive").withName("old-export").get()).isNull();
        assertThat(actions.alreadyApplied(DELETE, REQUEST, java.time.Instant.now())).isTrue();
        // the saving is realized: the claim is gone (an incident's health would want it Bound again)
        assertThat(actions.savingRealized(DELETE).healthy()).isTrue();
        assertThat(actions.savingRealized(DELETE).evidence()).containsExactly(
                "persistentvolumeclaim archive/old-export is gone: its storage is no longer billed");
    }
}
