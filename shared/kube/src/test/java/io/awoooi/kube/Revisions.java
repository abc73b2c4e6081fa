package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * A Deployment with revisions, as the Deployment controller leaves them (the mock server runs no
 * controller): {@code cart} in {@code shop} at revision 2 (image cart:2.0.0), its ReplicaSets
 * {@code cart-5c8f7d9b6} (revision 1, cart:1.9.0) and {@code cart-7d4b9c8f5} (revision 2), and two
 * ready pods of revision 2. Container {@code api}: memory limit 512Mi, request 256Mi; cpu limit
 * 500m, request 250m; container {@code proxy}: memory limit 128Mi.
 */
final class Revisions {
    static final String NS = "shop";
    static final String CART = "cart";
    static final String REV1_HASH = "5c8f7d9b6";
    static final String REV2_HASH = "7d4b9c8f5";
    static final String IMAGE_1 = "ghcr.io/example/cart:1.9.0";
    static final String IMAGE_2 = "ghcr.io/example/cart:2.0.0";

    private Revisions() {
    }

    static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().addToLabels(Manifests.NAME_LABEL, app).endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder().withName("api").withImage(image)
                        .withNewResources()
                        .addToLimits("memory", new Quantity("512Mi")).addToLimits("cpu", new Quantity("500m"))
                        .addToRequests("memory", new Quantity("256Mi")).addToRequests("cpu", new Quantity("250m"))
                        .endResources().build())
                .addToContainers(new ContainerBuilder().withName("proxy").withImage("envoyproxy/envoy:v1.31")
                        .withNewResources().addToLimits("memory", new Quantity("128Mi")).endResources().build())
                .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();
    }

    /** cart at revision 2 with its two ReplicaSets and two ready pods; returns the Deployment as stored. */
    static Deployment seed(KubernetesClient client) {
        Deployment cart = client.resource(new DeploymentBuilder()
                .withNewMetadata().withNamespace(NS).withName(CART)
                .addToAnnotations(Rollouts.REVISION, "2").addToAnnotations("team", "checkout").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, CART).endSelector()
                .withTemplate(template(CART, IMAGE_2)).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(2)
                .withAvailableReplicas(2).endStatus()
                .build()).create();
        client.resource(replicaSet(cart, REV1_HASH, 1, IMAGE_1)).create();
        client.resource(replicaSet(cart, REV2_HASH, 2, IMAGE_2)).create();
        client.resource(pod(CART + "-" + REV2_HASH + "-x1", CART, REV2_HASH, null)).create();
        client.resource(pod(CART + "-" + REV2_HASH + "-x2", CART, REV2_HASH, null)).create();
        return client.apps().deployments().inNamespace(NS).withName(CART).get();
    }

    /** A ReplicaSet the Deployment controls, holding the revision with the image, as the controller makes it. */
    static ReplicaSet replicaSet(Deployment owner, String hash, long revision, String image) {
        PodTemplateSpec template = template(owner.getMetadata().getName(), image);
        template.getMetadata().getLabels().put(Rollouts.HASH_LABEL, hash);
        return new ReplicaSetBuilder()
                .withNewMetadata().withNamespace(NS).withName(owner.getMetadata().getName() + "-" + hash)
                .addToLabels(Manifests.NAME_LABEL, owner.getMetadata().getName()).addToLabels(Rollouts.HASH_LABEL, hash)
                .addToAnnotations(Rollouts.REVISION, Long.toString(revision))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(0)
                .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, owner.getMetadata().getName())
                .addToMatchLabels(Rollouts.HASH_LABEL, hash).endSelector()
                .withTemplate(template).endSpec()
                .build();
    }

    /** A running pod of the app made from the template with the hash; {@code terminatedBy}: its last termination's reason. */
    static Pod pod(String name, String app, String hash, String terminatedBy) {
        ContainerStatusBuilder api = new ContainerStatusBuilder().withName("api").withImage("img").withReady(true)
                .withRestartCount(terminatedBy == null ? 0 : 3)
                .withNewState().withNewRunning().withStartedAt("2026-11-25T00:00:00Z").endRunning().endState();
        if (terminatedBy != null) {
            api.withNewLastState().withNewTerminated().withReason(terminatedBy).withExitCode(137).endTerminated()
                    .endLastState();
        }
        return new PodBuilder()
                .withNewMetadata().withNamespace(NS).withName(name).addToLabels(Manifests.NAME_LABEL, app)
                .addToLabels(hash == null ? Map.of() : Map.of(Rollouts.HASH_LABEL, hash)).endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToContainerStatuses(api.build())
                .endStatus().build();
    }

    /**
     * What the Deployment controller does after a template change: a ReplicaSet for the new
     * template (revision 3), the old pods replaced by ready ones of it, the status caught up.
     */
    static String rolledOut(KubernetesClient client, String terminatedBy) {
        Deployment cart = client.apps().deployments().inNamespace(NS).withName(CART).get();
        String hash = "9a8b7c6d5";
        PodTemplateSpec template = client.getKubernetesSerialization().clone(cart.getSpec().getTemplate());
        template.getMetadata().getLabels().put(Rollouts.HASH_LABEL, hash);
        ReplicaSet rs = replicaSet(cart, hash, 3, IMAGE_2);
        rs.getSpec().setTemplate(template);
        client.resource(rs).create();
        client.pods().inNamespace(NS).withLabel(Manifests.NAME_LABEL, CART).delete();
        client.resource(pod(CART + "-" + hash + "-y1", CART, hash, terminatedBy)).create();
        client.resource(pod(CART + "-" + hash + "-y2", CART, hash, null)).create();
        caughtUp(client, cart);
        return hash;
    }

    /** The Deployment's status as its controller writes it once every replica runs the current template. */
    static void caughtUp(KubernetesClient client, Deployment cart) {
        client.apps().deployments().inNamespace(NS).withName(CART).editStatus(d -> {
            d.getStatus().setObservedGeneration(d.getMetadata().getGeneration());
            d.getStatus().setReplicas(2);
            d.getStatus().setUpdatedReplicas(2);
            d.getStatus().setReadyReplicas(2);
            d.getStatus().setAvailableReplicas(2);
            return d;
        });
    }

    /** A StatefulSet {@code ledger} with the cart template (containers api and proxy), settled at revision ledger-1. */
    static StatefulSet statefulSet(KubernetesClient client) {
        return client.resource(new StatefulSetBuilder()
                .withNewMetadata().withNamespace(NS).withName("ledger").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("ledger")
                .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, "ledger").endSelector()
                .withTemplate(template("ledger", "ghcr.io/example/ledger:1")).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withReadyReplicas(1).withUpdatedReplicas(1)
                .withCurrentRevision("ledger-1").withUpdateRevision("ledger-1").endStatus()
                .build()).create();
    }

    /** A DaemonSet {@code node-agent} with the cart template, on two nodes. */
    static DaemonSet daemonSet(KubernetesClient client) {
        return client.resource(new DaemonSetBuilder()
                .withNewMetadata().withNamespace(NS).withName("node-agent").endMetadata()
                .withNewSpec()
                .withNewSelector().addToMatchLabels(Manifests.NAME_LABEL, "node-agent").endSelector()
                .withTemplate(template("node-agent", "ghcr.io/example/agent:1")).endSpec()
                .withNewStatus().withObservedGeneration(1L).withDesiredNumberScheduled(2).withNumberReady(2)
                .withUpdatedNumberScheduled(2).withNumberAvailable(2).withCurrentNumberScheduled(2)
                .withNumberMisscheduled(0).endStatus()
                .build()).create();
    }
}
