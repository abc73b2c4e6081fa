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

    /**
     * One attempt: which channel, whether it delivered, and the failure's message if not; whether it
     * edited a message in place, and the reference of a new message the channel can edit later.
     */
    public record Delivery(String channel, String approverId, boolean delivered, String error, boolean edited,
            java.util.Optional<String> ref) {
        public Delivery(String channel, String approverId, boolean delivered, String error) {
            this(channel, approverId, delivered, error, false, java.util.Optional.empty());
        }
    }

    public List<Delivery> send(Approver approver, Notification notification) {
        return send(approver, notification, java.util.Map.of(), c -> notification);
    }

    /**
     * Sends to an approver on every channel that reaches them: where {@code refs} names a message that
     * channel sent them earlier, that message is edited to show {@code edit.apply(channel)} (the same
     * notification unless the caller shows something else in place, e.g. the request card with a
     * fresh link); else, or when that message is gone, {@code notification} is posted and its
     * reference answered. A channel that cannot edit always posts.
     *
     * @param refs channel name to the reference of this approver's earlier message
     */
    public List<Delivery> send(Approver approver, Notification notification, java.util.Map<String, String> refs,
            java.util.function.Function<String, Notification> edit) {
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
                String ref = refs.get(channel.name());
                if (ref != null) {
                    try {
                        channel.edit(address.get(), ref, edit.apply(channel.name()));
                        out.add(new Delivery(channel.name(), approver.id(), true, null, true,
                                java.util.Optional.empty()));
                        continue;
                    } catch (MessageGoneException | UnsupportedOperationException gone) {
                        // deleted meanwhile, or a channel that no longer edits (its mode changed): post anew
                    }
                }
                var posted = channel.post(address.get(), notification);
                out.add(new Delivery(channel.name(), approver.id(), true, null, false, posted));
            } catch (RuntimeException e) {
                out.add(new Delivery(channel.name(), approver.id(), false,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return out;
    }
}
