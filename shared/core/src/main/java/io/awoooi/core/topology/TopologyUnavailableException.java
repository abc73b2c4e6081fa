package io.awoooi.core.topology;

/** The cluster (or Prometheus) could not be read for now; a retry may succeed. */
public class TopologyUnavailableException extends RuntimeException {
    public TopologyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
