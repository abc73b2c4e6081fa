package io.awoooi.notify;

import io.awoooi.core.notify.NotificationFailedException;
import java.util.function.Supplier;

/** Reads a channel's secret (webhook URL, bot token) at delivery time, so a rotation is picked up. */
final class Secrets {
    private Secrets() {
    }

    /** The value, or a failure that names the channel and the kind of trouble, never the value. */
    static String get(String channel, Supplier<String> secret) {
        String value;
        try {
            value = secret.get();
        } catch (RuntimeException e) {
            throw new NotificationFailedException(channel + ": its secret could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (value == null || value.isBlank()) {
            throw new NotificationFailedException(channel + ": its secret is empty");
        }
        return value.strip();
    }
}
