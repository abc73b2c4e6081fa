package io.awoooi.core.intake;

/** A notification too large for the queue even when compressed: it can never be accepted. */
public class MessageTooLargeException extends RuntimeException {
    public MessageTooLargeException(String message) {
        super(message, null, false, false);
    }
}
