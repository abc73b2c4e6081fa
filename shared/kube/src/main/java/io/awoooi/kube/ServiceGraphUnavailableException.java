package io.awoooi.kube;

/** The service-graph source (Prometheus) could not be read; the message carries no label values. */
public class ServiceGraphUnavailableException extends RuntimeException {
    public ServiceGraphUnavailableException(String message) {
        super(message);
    }

    public ServiceGraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
