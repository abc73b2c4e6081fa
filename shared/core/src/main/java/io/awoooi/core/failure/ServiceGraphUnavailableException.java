package io.awoooi.core.failure;

/** The service-graph source (Prometheus) could not be read; the message carries no label values. */
public non-sealed class ServiceGraphUnavailableException extends DependencyUnavailableException {
    public ServiceGraphUnavailableException(String message) {
        super(message, null);
    }

    public ServiceGraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the service graph (Prometheus)";
    }
}
