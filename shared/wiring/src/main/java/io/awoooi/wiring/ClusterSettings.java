package io.awoooi.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the wiring sees it: CLUSTER_AUTH and its companions are read by
 * {@code io.awoooi.cluster.ClusterClients} (shared/cluster/README.md); here only what the wiring itself
 * decides on.
 */
@ConfigMapping(prefix = "")
public interface ClusterSettings {
    /**
     * In-JVM tests only: the API server to use instead of the standard settings (the tests' mock API
     * server), nothing but the URL configured (the standard auto-configuration would read the
     * machine's kubeconfig and send its credentials along).
     */
    @WithName("awoooi.kubernetes.master")
    Optional<String> testApiServer();

    /** The executor's Kubernetes user, when the dry-running function's own identity is not the one that acts. */
    @WithName("executor.kubernetes.user")
    Optional<String> executorUser();

    @WithName("executor.kubernetes.groups")
    Optional<List<String>> executorGroups();
}
