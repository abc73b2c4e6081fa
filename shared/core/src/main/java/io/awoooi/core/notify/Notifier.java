package io.awoooi.core.notify;

import io.awoooi.core.approval.Approver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends a notification to an approver on every configured channel that can reach them. A channel
 * that fails does not stop the others, and never fails the caller: a notification is a courtesy,
 * the request's state is what counts. Each attempt is reported back.
 */
public final class Notifier {
    private final List<NotificationChannel> channels;

    public Notifier(List<NotificationChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    public static Notifier none() {
        return new Notifier(List.of());
    }

    /** One attempt: which channel, whether it delivered, and the failure's message if not. */
    public record Delivery(String channel, String approverId, boolean delivered, String error) {
    }

    public List<Delivery> send(Approver approver, Notification notification) {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(notification, "notification");
        List<Delivery> out = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            try {
                // the look-up is the channel's code too: its failure must not stop the other channels
                var address = channel.addressOf(approver);
                if (address.isEmpty()) {
                    continue;
                }
                channel.deliver(address.get(), notification);
                out.add(new Delivery(channel.name(), approver.id(), true, null));
            } catch (RuntimeException e) {
                out.add(new Delivery(channel.name(), approver.id(), false,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return out;
    }
}
