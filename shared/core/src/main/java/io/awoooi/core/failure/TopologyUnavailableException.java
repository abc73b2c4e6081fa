package io.awoooi.core.failure;

/** The cluster (or Prometheus) could not be read for now; a retry may succeed. */
public non-sealed class TopologyUnavailableException extends DependencyUnavailableException {
    public TopologyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the cluster";
    }
}
