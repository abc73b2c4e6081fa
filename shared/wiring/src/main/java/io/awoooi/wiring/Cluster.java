package io.awoooi.wiring;

import io.awoooi.cluster.ClusterClients;
import io.awoooi.kube.KubernetesDryRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Kubernetes client (CLUSTER_AUTH = auto | eks | secret: shared/cluster/README.md; fail-fast
 * settings) and the dry-run that asks whether the executor, not the function that runs it, may act
 * (EXECUTOR_KUBERNETES_USER, EXECUTOR_KUBERNETES_GROUPS). Its own class: intake and redaction carry
 * no fabric8, and ArC drops this class there.
 */
@Singleton
public class Cluster {

    @Produces
    @Singleton
    KubernetesClient kubernetes(ClusterSettings settings) {
        return settings.testApiServer().filter(u -> !u.isBlank()).map(ClusterClients::forApiServer)
                .orElseGet(() -> ClusterClients.fromSettings(Environment.lookup()));
    }

    @Produces
    @Singleton
    KubernetesDryRun dryRun(KubernetesClient kubernetes, ClusterSettings settings) {
        return new KubernetesDryRun(kubernetes, settings.executorUser().filter(u -> !u.isBlank())
                .map(u -> new KubernetesDryRun.Executor(u, settings.executorGroups().orElse(List.of()))));
    }
}
