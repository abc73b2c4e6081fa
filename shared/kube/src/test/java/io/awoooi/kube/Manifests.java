package io.awoooi.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.HashMap;
import java.util.Map;

/** Small manifest builders for the tests: every workload selects its pods by app.kubernetes.io/name. */
final class Manifests {
    static final String NAME_LABEL = "app.kubernetes.io/name";

    private Manifests() {
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    /** A Deployment with {@code available} of {@code replicas} available; image and port as given. */
    static Deployment deployment(String ns, String name, String image, int port, int replicas, int available,
            Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> podLabels = new HashMap<>(labels);
        podLabels.put(NAME_LABEL, name);
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).withAnnotations(annotations)
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels(NAME_LABEL, name).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).addNewPort().withContainerPort(port)
                .endPort()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
                .endStatus()
                .build();
    }

    static Deployment deployment(String ns, String name, String image, int port) {
        return deployment(ns, name, image, port, 1, 1, Map.of(), Map.of());
    }

    static Deployment deployment(String ns, String name, Map<String, String> annotations) {
        return deployment(ns, name, "ghcr.io/example/" + name + ":1", 8080, 1, 1, Map.of(), annotations);
    }

    static StatefulSet statefulSet(String ns, String name, String image, int port, int replicas, int ready) {
        return new StatefulSetBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels(NAME_LABEL, name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels(NAME_LABEL, name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).addNewPort().withContainerPort(port)
                .endPort()
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .endStatus()
                .build();
    }

    /** A Service selecting pods labelled app.kubernetes.io/name=selects (null: no selector). */
    static Service service(String ns, String name, String selects, int port, Map<String, String> annotations) {
        ServiceBuilder b = new ServiceBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).withAnnotations(annotations).endMetadata()
                .withNewSpec().addNewPort().withPort(port).withTargetPort(new IntOrString(port)).endPort().endSpec();
        if (selects != null) {
            b.editSpec().addToSelector(NAME_LABEL, selects).endSpec();
        }
        return b.build();
    }

    static Service service(String ns, String name, String selects, int port) {
        return service(ns, name, selects, port, Map.of());
    }

    /** A running, Ready pod of the workload {@code app}. */
    static Pod pod(String ns, String name, String app, int restarts) {
        return podBuilder(ns, name, app, true, restarts, null).build();
    }

    /** A pod whose container waits with {@code reason} (CrashLoopBackOff, ImagePullBackOff, ...), not Ready. */
    static Pod waitingPod(String ns, String name, String app, String reason, int restarts) {
        return podBuilder(ns, name, app, false, restarts, reason).build();
    }

    static PodBuilder podBuilder(String ns, String name, String app, boolean ready, int restarts,
            String waitingReason) {
        ContainerStatusBuilder container = new ContainerStatusBuilder().withName("main").withImage("img")
                .withReady(ready).withRestartCount(restarts);
        if (waitingReason != null) {
            container.withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState();
        } else {
            container.withNewState().withNewRunning().withStartedAt("2026-11-25T00:00:00Z").endRunning().endState();
        }
        return new PodBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).addToLabels(NAME_LABEL, app).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addToContainerStatuses(container.build())
                .endStatus();
    }
}
