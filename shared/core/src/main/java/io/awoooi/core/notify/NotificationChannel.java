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
}
