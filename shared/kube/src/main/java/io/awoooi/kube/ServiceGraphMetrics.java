package io.awoooi.kube;

import java.util.List;

/**
 * Port for observed service-to-service calls (the service graph of a tracing backend, e.g. the
 * Tempo/Grafana Agent metric {@code traces_service_graph_request_total} in Prometheus).
 * Implementations throw {@link ServiceGraphUnavailableException} when the source cannot be read;
 * topology discovery then falls back to the edges declared in the cluster.
 */
public interface ServiceGraphMetrics {
    /** The client/server pairs with traffic right now, without duplicates. */
    List<ServiceGraphEdge> edges();
}
