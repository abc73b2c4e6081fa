package io.awoooi.local;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;

/**
 * Breaks the demo cluster on purpose, the way the bundled demo starts: postgres-db-0 crash-looping
 * and not ready, its StatefulSet with no ready replica. The demo's second scenario uses it after the
 * first scenario's restart healed the database.
 */
final class DemoFaults {
    private DemoFaults() {
    }

    /** How long a pod an action just replaced may take to come back (the demo controller's passes). */
    private static final Duration COMEBACK = Duration.ofSeconds(30);

    /**
     * Breaks postgres-db-0, waiting for it when an action just deleted it (the demo controller makes it
     * again on its next pass) and reading it again when the controller wrote it meanwhile (409).
     */
    static void breakDemoDatabase(KubernetesClient k8s) {
        Instant deadline = Instant.now().plus(COMEBACK);
        while (true) {
            try {
                Pod pod = k8s.pods().inNamespace("shop").withName("postgres-db-0").get();
                if (pod != null && pod.getMetadata().getDeletionTimestamp() == null) {
                    breakIt(k8s, pod);
                    return;
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the demo cluster has no shop/postgres-db-0 pod (waited "
                        + COMEBACK.toSeconds() + " s for the demo controller to make it again)");
            }
            StressStack.sleep(Duration.ofMillis(200));
        }
    }

    private static void breakIt(KubernetesClient k8s, Pod pod) {
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
