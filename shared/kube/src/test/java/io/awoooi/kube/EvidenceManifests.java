package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;

/** Manifests for the evidence tests: ReplicaSets, events, nodes, claims and container states. */
final class EvidenceManifests {
    private EvidenceManifests() {
    }

    /**
     * A ReplicaSet of the Deployment {@code deployment} (owner {@code ownerUid}) at {@code revision},
     * with one container "main" running {@code image}, created at {@code created}, {@code ready} pods Ready.
     */
    static ReplicaSet replicaSet(String ns, String deployment, String ownerUid, String hash, long revision,
            String image,
            Instant created, int ready) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(ns).withName(deployment + "-" + hash)
                .withCreationTimestamp(created.toString())
                .addToLabels(Manifests.NAME_LABEL, deployment).addToLabels("pod-template-hash", hash)
                .addToAnnotations(RolloutHistory.REVISION_ANNOTATION, String.valueOf(revision))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(deployment)
                .withUid(ownerUid).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withReplicas(ready)
                .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, deployment)
                .addToMatchLabels("pod-template-hash", hash)
                .endSelector()
                .withNewTemplate().withNewMetadata().addToLabels(Manifests.NAME_LABEL, deployment)
                .addToLabels("pod-template-hash", hash).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).addNewPort().withContainerPort(8080)
                .endPort()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(ready).withReadyReplicas(ready).withAvailableReplicas(ready).endStatus()
                .build();
    }

    /** A v1 event about {@code kind/object} in {@code ns}, last seen at {@code lastSeen}. */
    static Event event(String ns, String name, String kind, String object, String reason, String type, String message,
            Instant lastSeen, int count) {
        return new EventBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace("Node".equals(kind) ? null : ns)
                .endInvolvedObject()
                .withReason(reason).withType(type).withMessage(message).withCount(count)
                .withLastTimestamp(lastSeen == null ? null : lastSeen.toString())
                .build();
    }

    /** A node whose Ready condition is {@code ready} ("True", "False", "Unknown") since {@code since}. */
    static Node node(String name, String ready, Instant since, boolean unschedulable, String... truePressures) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready).withLastTransitionTime(since.toString())
                .endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
                .endStatus();
        for (String pressure : truePressures) {
            b.editStatus().addNewCondition().withType(pressure).withStatus("True").endCondition().endStatus();
        }
        return b.build();
    }

    static PersistentVolumeClaim claim(String ns, String name, String phase, String capacity, String storageClass) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withStorageClassName(storageClass).withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(capacity)).endResources().endSpec()
                .withNewStatus().withPhase(phase).addToCapacity("storage", new Quantity(capacity)).endStatus()
                .build();
    }

    /** A Ready running container "main" whose previous run ended with {@code reason}/{@code exitCode} at {@code finishedAt}. */
    static ContainerStatus restartedContainer(int restarts, String reason, int exitCode, Instant finishedAt) {
        return new ContainerStatusBuilder().withName("main").withImage("img").withReady(true).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(finishedAt.plusSeconds(5).toString()).endRunning()
                .endState()
                .withNewLastState().withNewTerminated().withReason(reason).withExitCode(exitCode)
                .withFinishedAt(finishedAt.toString()).endTerminated().endLastState()
                .build();
    }

    /** A Ready pod of {@code app} with this container status, on {@code node}. */
    static PodBuilder podWith(String ns, String name, String app, String node, ContainerStatus container) {
        return new PodBuilder(Manifests.pod(ns, name, app, 0))
                .editSpec().withNodeName(node).endSpec()
                .editStatus().withContainerStatuses(container).endStatus();
    }
}
