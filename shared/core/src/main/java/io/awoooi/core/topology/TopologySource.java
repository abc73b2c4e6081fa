package io.awoooi.core.topology;

/**
 * Port: where the topology comes from (the Kubernetes API through fabric8, plus service-graph
 * metrics from Prometheus when configured). Transient failures throw
 * {@link TopologyUnavailableException}.
 */
public interface TopologySource {
    TopologySnapshot snapshot();
}
