package io.awoooi.core.incident;

/** The state store could not be reached or refused for a transient reason; a retry may succeed. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
