package io.awoooi.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as people read them: {@code 2024-05-14 08:41 UTC}, {@code 12 min ago}, {@code in 30 min}.
 * Minutes are the finest unit (no seconds, never nanoseconds); everything is UTC, the one zone every
 * reader of an approval card shares.
 */
public final class HumanTime {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HumanTime() {
    }

    /** {@code 2024-05-14 08:41 UTC}. */
    public static String at(Instant instant) {
        return AT.format(instant);
    }

    /** {@code 08:41 UTC}: for times of the same day as the reader's message. */
    public static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** {@code 12 min}, {@code 3 h 5 min}, {@code 2 days 4 h}, {@code less than a minute}. */
    public static String duration(Duration d) {
        Duration abs = d.abs();
        long minutes = abs.toMinutes();
        if (minutes < 1) {
            return "less than a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = abs.toHours();
        if (hours < 24) {
            long rest = minutes - hours * 60;
            return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long days = abs.toDays();
        long restHours = hours - days * 24;
        return days + (days == 1 ? " day" : " days") + (restHours == 0 ? "" : " " + restHours + " h");
    }

    /** {@code 12 min ago}; {@code just now} under a minute; a time in the future reads {@code in ...}. */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return in(then, now);
        }
        return d.toMinutes() < 1 ? "just now" : duration(d) + " ago";
    }

    /** {@code in 30 min}; a time already past reads {@code ... ago}. */
    public static String in(Instant then, Instant now) {
        Duration d = Duration.between(now, then);
        if (d.isNegative()) {
            return ago(then, now);
        }
        return d.toMinutes() < 1 ? "in less than a minute" : "in " + duration(d);
    }

    /** {@code 2024-05-14 08:41 UTC (12 min ago)}. */
    public static String atAgo(Instant then, Instant now) {
        return at(then) + " (" + ago(then, now) + ")";
    }

    /** {@code 2024-05-14 09:11 UTC (in 30 min)}. */
    public static String atIn(Instant then, Instant now) {
        return at(then) + " (" + in(then, now) + ")";
    }
}
