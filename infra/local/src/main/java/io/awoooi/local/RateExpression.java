package io.awoooi.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code rate(N minute|minutes|hour|hours|day|days)}: every N units from when the schedule starts. */
record RateExpression(Duration period) implements ScheduleExpression {

    static RateExpression parse(String body) {
        String[] parts = body.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("rate(" + body + "): expected rate(N unit), e.g. rate(5 minutes)");
        }
        long n;
        try {
            n = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate(" + body + "): " + parts[0] + " is not a whole number");
        }
        if (n < 1) {
            throw new IllegalArgumentException("rate(" + body + "): the value must be 1 or more");
        }
        Duration unit = switch (parts[1]) {
            case "minute", "minutes" -> Duration.ofMinutes(1);
            case "hour", "hours" -> Duration.ofHours(1);
            case "day", "days" -> Duration.ofDays(1);
            default ->
                throw new IllegalArgumentException("rate(" + body + "): the unit must be minute(s), hour(s) or day(s)");
        };
        return new RateExpression(unit.multipliedBy(n));
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(period));
    }
}
