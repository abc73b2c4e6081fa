package io.awoooi.core.notify;

import io.awoooi.core.approval.Approver;
import java.util.Optional;

/**
 * Port: one way of reaching people (Slack, Discord, email, Telegram, a generic webhook, the local
 * outbox). Adapters live outside the core.
 */
public interface NotificationChannel {
    /** {@code slack}, {@code discord}, {@code email}, {@code telegram}, {@code webhook}, {@code outbox}. */
    String name();

    /**
     * Where this channel reaches the approver (a Slack user id, an address, a chat id), or empty when
     * it cannot. A channel that is not per person (a webhook, the outbox) answers the approver id.
     */
    Optional<String> addressOf(Approver approver);

    /** @throws NotificationFailedException when the channel refused or could not be reached */
    void deliver(String address, Notification notification);

    /**
     * Delivers, and answers the message's reference when this channel can {@link #edit} it later
     * (empty from a channel that cannot: email, an incoming webhook, the outbox).
     *
     * @throws NotificationFailedException when the channel refused or could not be reached
     */
    default java.util.Optional<String> post(String address, Notification notification) {
        deliver(address, notification);
        return java.util.Optional.empty();
    }

    /**
     * Replaces a message this channel {@link #post}ed with this notification.
     *
     * @throws MessageGoneException when the message no longer exists (the caller posts anew)
     * @throws NotificationFailedException when the channel refused or could not be reached
     * @throws UnsupportedOperationException from a channel that answers no references
     */
    default void edit(String address, String ref, Notification notification) {
        throw new UnsupportedOperationException(name() + " cannot edit a message");
    }
}
