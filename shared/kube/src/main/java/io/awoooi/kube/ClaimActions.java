package io.awoooi.kube;

import static io.awoooi.kube.KubernetesActions.SNAPSHOTS;
import static io.awoooi.kube.KubernetesActions.snapshotName;
import static io.awoooi.kube.Mutations.require;

import io.awoooi.core.execution.ActionResult;
import io.awoooi.kube.Mutations.Refusal;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * delete_pvc against the API (see {@link KubernetesActions}): with a snapshot class, a VolumeSnapshot
 * first; the claim's users ({@link Pods#mounting}) listed again right before the DELETE, which
 * carries the claim's resourceVersion.
 */
final class ClaimActions {
    private final KubernetesClient client;

    ClaimActions(KubernetesClient client) {
        this.client = client;
    }

    ActionResult deletePvc(String ns, String name, java.util.Optional<String> snapshotClass, String requestId) {
        if (snapshotClass.isEmpty()) {
            return deletePvc(ns, name);
        }
        String what = "persistentvolumeclaim " + ns + "/" + name;
        require(what, client.persistentVolumeClaims().inNamespace(ns).withName(name));
        String snapshot = snapshotName(name, requestId);
        var snapshots = client.genericKubernetesResources(SNAPSHOTS).inNamespace(ns);
        if (snapshots.withName(snapshot).get() == null) { // a retry finds the one its first attempt made
            GenericKubernetesResource vs = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshot")
                    .withNewMetadata().withName(snapshot).withNamespace(ns)
                    .addToAnnotations("awoooi.io/requested-by", requestId).endMetadata().build();
            vs.setAdditionalProperty("spec", Map.of("volumeSnapshotClassName", snapshotClass.get(),
                    "source", Map.of("persistentVolumeClaimName", name)));
            snapshots.resource(vs).create();
        }
        // the snapshot controller holds the claim (finalizer pvc-as-source-protection) until the
        // snapshot is cut, so deleting it now cannot lose the data the snapshot is taken of
        ActionResult deleted = deletePvc(ns, name);
        return new ActionResult.Applied(((ActionResult.Applied) deleted).detail() + "; VolumeSnapshot " + ns + "/"
                + snapshot + " (class " + snapshotClass.get() + ") taken first");
    }

    ActionResult deletePvc(String ns, String name) {
        String what = "persistentvolumeclaim " + ns + "/" + name;
        PersistentVolumeClaim claim = require(what, client.persistentVolumeClaims().inNamespace(ns).withName(name));
        // re-checked right before the delete: the dry-run's answer may be minutes old
        List<Pod> users = Pods.mounting(name, client.pods().inNamespace(ns).list().getItems());
        if (!users.isEmpty()) {
            throw new Refusal(409, what + " is in use by " + Pods.named(users));
        }
        List<StatusDetails> deleted = client.persistentVolumeClaims().inNamespace(ns).resource(claim)
                .lockResourceVersion(claim.getMetadata().getResourceVersion())
                .delete();
        if (deleted.isEmpty()) {
            throw new Refusal(404, what + " not found");
        }
        return new ActionResult.Applied(what + " deleted; no pod mounted it");
    }
}
