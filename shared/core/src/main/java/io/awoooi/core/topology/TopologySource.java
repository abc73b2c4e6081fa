package io.awoooi.core.topology;

/**
 * Port: where the topology comes from (the Kubernetes API through fabric8, plus service-graph
 * metrics from Prometheus when configured). Transient failures throw
 * {@link TopologyUnavailableException}.
 *
 * <p>Any method may throw a {@link io.awoooi.core.failure.DependencyUnavailableException}
 * ({@link io.awoooi.core.failure.TopologyUnavailableException}) when the service behind the port cannot be used now: a
 * retry may succeed; callers answer 503 or let the message be redelivered.
 */
public interface TopologySource {
    TopologySnapshot snapshot();
}
