package io.awoooi.core.failure;

/** Usage could not be read (metrics backend unreachable, a query refused); the message says why, without values. */
public final class UsageUnavailableException extends DependencyUnavailableException {
    public UsageUnavailableException(String message) {
        super(message, null);
    }

    public UsageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String dependency() {
        return "the metrics backend";
    }
}
