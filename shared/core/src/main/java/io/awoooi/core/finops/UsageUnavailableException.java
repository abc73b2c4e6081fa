package io.awoooi.core.finops;

/** Usage could not be read (metrics backend unreachable, a query refused); the message says why, without values. */
public final class UsageUnavailableException extends RuntimeException {
    public UsageUnavailableException(String message) {
        super(message);
    }

    public UsageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
