package io.awoooi.core.notify;

/** The message to edit no longer exists (deleted, or the chat is gone): post a new one instead. */
public class MessageGoneException extends NotificationFailedException {
    public MessageGoneException(String message) {
        super(message);
    }
}
