package io.awoooi.core.failure;

/** The state store could not be reached or refused for a transient reason; a retry may succeed. */
public non-sealed class StoreUnavailableException extends DependencyUnavailableException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the state store";
    }
}
