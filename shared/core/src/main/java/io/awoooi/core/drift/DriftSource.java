package io.awoooi.core.drift;

import java.util.List;

/** Port: the cluster as the drift scan reads it (fabric8 adapter in shared/kube). */
public interface DriftSource {
    /** The namespaces to scan. @throws DriftSourceException when the API cannot list them */
    List<String> namespaces();

    /**
     * The Deployments, StatefulSets and DaemonSets of a namespace, each with whether an HPA scales it.
     * @throws DriftSourceException when the API fails; the scan reports the namespace as not scanned
     */
    List<LiveWorkload> workloads(String namespace);

    /**
     * One workload as it is now (an Accept stores it as the baseline, a restore checks it), with
     * whether an HPA scales it; empty when it does not exist.
     * @throws DriftSourceException when the API fails
     */
    java.util.Optional<LiveWorkload> workload(WorkloadRef ref);

    /** The API failed; {@code reason} is safe to show (no object content). */
    final class DriftSourceException extends RuntimeException {
        public DriftSourceException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
