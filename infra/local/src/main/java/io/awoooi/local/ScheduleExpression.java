package io.awoooi.local;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** An EventBridge schedule expression: {@code rate(...)} or {@code cron(...)}. */
sealed interface ScheduleExpression permits RateExpression, CronExpression {

    /** The first firing strictly after {@code after}; empty when there is none (a cron past its years). */
    Optional<Instant> next(Instant after);

    /** Parses rate(N unit) or cron(six fields) in UTC; IllegalArgumentException with the reason. */
    static ScheduleExpression parse(String expression) {
        return parse(expression, ZoneOffset.UTC);
    }

    /** As {@link #parse(String)}, a cron read in {@code zone} (ScheduleExpressionTimezone). */
    static ScheduleExpression parse(String expression, ZoneId zone) {
        String text = expression == null ? "" : expression.trim();
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return RateExpression.parse(text.substring(5, text.length() - 1));
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return CronExpression.parse(text.substring(5, text.length() - 1), zone);
        }
        throw new IllegalArgumentException("not a schedule expression: '" + expression
                + "' (the local runtime knows rate(N minutes|hours|days) and cron(min hour day-of-month month day-of-week year))");
    }
}
