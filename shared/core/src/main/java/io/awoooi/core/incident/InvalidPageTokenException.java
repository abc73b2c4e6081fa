package io.awoooi.core.incident;

/** A listing page token that this store did not issue. */
public class InvalidPageTokenException extends RuntimeException {
    public InvalidPageTokenException(String message) {
        super(message, null, false, false);
    }
}
