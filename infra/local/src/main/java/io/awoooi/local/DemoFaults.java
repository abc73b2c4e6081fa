package io.awoooi.local;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * Breaks the demo cluster on purpose, the way the bundled demo starts: postgres-db-0 crash-looping
 * and not ready, its StatefulSet with no ready replica. The demo's second scenario uses it after the
 * first scenario's restart healed the database.
 */
final class DemoFaults {
    private DemoFaults() {
    }

    static void breakDemoDatabase(KubernetesClient k8s) {
        Pod pod = k8s.pods().inNamespace("shop").withName("postgres-db-0").get();
        if (pod == null) {
            throw new IllegalStateException("the demo cluster has no shop/postgres-db-0 pod");
        }
        String now = Instant.now().toString();
        pod.getStatus().setPhase("Running");
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (c.getType().equals("Ready") || c.getType().equals("ContainersReady")) {
                c.setStatus("False");
                c.setLastTransitionTime(now);
            }
        }
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            cs.setReady(false);
            cs.setStarted(false);
            cs.setRestartCount(7);
            cs.setState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 5m0s restarting failed container").endWaiting().build());
        }
        k8s.pods().inNamespace("shop").resource(pod).updateStatus();
        StatefulSet set = k8s.apps().statefulSets().inNamespace("shop").withName("postgres-db").get();
        set.getStatus().setReadyReplicas(0);
        set.getStatus().setAvailableReplicas(0);
        k8s.apps().statefulSets().inNamespace("shop").resource(set).updateStatus();
    }
}
