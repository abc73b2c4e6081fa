package io.awoooi.core.notify;

/** A channel could not deliver: the message names the channel and the status, never the content. */
public class NotificationFailedException extends RuntimeException {
    public NotificationFailedException(String message) {
        super(message);
    }

    public NotificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
