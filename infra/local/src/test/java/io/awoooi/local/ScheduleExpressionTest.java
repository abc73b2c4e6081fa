package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant T = Instant.parse("2024-05-14T08:41:10Z"); // a Tuesday

    @Test
    void parse_rates_periods() {
        // GIVEN rate expressions / WHEN parsed / THEN their periods, and the next firing one period on
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isEqualTo(new RateExpression(Duration.ofMinutes(1)));
        assertThat(ScheduleExpression.parse("rate(5 minutes)")).isEqualTo(new RateExpression(Duration.ofMinutes(5)));
        assertThat(ScheduleExpression.parse("rate(2 hours)")).isEqualTo(new RateExpression(Duration.ofHours(2)));
        assertThat(ScheduleExpression.parse("rate(1 day)")).isEqualTo(new RateExpression(Duration.ofDays(1)));
        assertThat(ScheduleExpression.parse("rate(5 minutes)").next(T)).hasValue(T.plusSeconds(300));
    }

    @Test
    void parse_badRates_clearErrors() {
        // GIVEN malformed rates / WHEN parsed / THEN each is rejected with its reason
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)")).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 weeks)")).hasMessageContaining("unit");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(five minutes)"))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> ScheduleExpression.parse("every 5 minutes"))
                .hasMessageContaining("not a schedule expression");
    }

    @Test
    void next_cronEveryFifteenMinutes_nextQuarter() {
        // GIVEN cron(0/15 * * * ? *) / WHEN asked after 08:41:10 / THEN 08:45, then 09:00
        ScheduleExpression cron = ScheduleExpression.parse("cron(0/15 * * * ? *)");
        Instant next = cron.next(T).orElseThrow();
        assertThat(next).isEqualTo(Instant.parse("2024-05-14T08:45:00Z"));
        assertThat(cron.next(next)).hasValue(Instant.parse("2024-05-14T09:00:00Z"));
    }

    @Test
    void next_cronWeekdaysAtTen_nextWorkingDay() {
        // GIVEN 10:00 UTC Monday to Friday / WHEN asked on a Friday evening / THEN Monday 10:00
        ScheduleExpression cron = ScheduleExpression.parse("cron(0 10 ? * MON-FRI *)");
        assertThat(cron.next(Instant.parse("2024-05-17T18:00:00Z"))).hasValue(Instant.parse("2024-05-20T10:00:00Z"));
        assertThat(cron.next(T)).hasValue(Instant.parse("2024-05-14T10:00:00Z"));
    }

    @Test
    void next_cronNumericWeekday_sundayIsOne() {
        // GIVEN day-of-week 1 (Sunday in EventBridge) / WHEN asked on Tuesday / THEN the coming Sunday
        assertThat(ScheduleExpression.parse("cron(30 6 ? * 1 *)").next(T))
                .hasValue(Instant.parse("2024-05-19T06:30:00Z"));
    }

    @Test
    void next_cronListsRangesMonthsAndYears_firstFit() {
        // GIVEN the 1st and 15th of JAN and JUL at 00:05, only in 2025 / WHEN asked in May 2024 / THEN 2025-01-01
        ScheduleExpression cron = ScheduleExpression.parse("cron(5 0 1,15 JAN,JUL ? 2025)");
        assertThat(cron.next(T)).hasValue(Instant.parse("2025-01-01T00:05:00Z"));
        assertThat(cron.next(Instant.parse("2025-07-15T00:05:00Z"))).isEmpty();
        assertThat(ScheduleExpression.parse("cron(0 8-10/2 * * ? *)").next(T))
                .hasValue(Instant.parse("2024-05-14T10:00:00Z"));
    }

    @Test
    void next_cronInTimezone_localHours() {
        // GIVEN 09:00 in Berlin (UTC+2 in May) / WHEN asked at 08:41 UTC / THEN 07:00 UTC the next day
        ScheduleExpression cron = ScheduleExpression.parse("cron(0 9 * * ? *)", ZoneId.of("Europe/Berlin"));
        assertThat(cron.next(T)).hasValue(Instant.parse("2024-05-15T07:00:00Z"));
    }

    @Test
    void parse_unsupportedOrInvalidCrons_clearErrors() {
        // GIVEN crons with L, W, #, two day fields, no ? or too few fields / WHEN parsed / THEN rejected
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 L * ? *)")).hasMessageContaining("L, W and #");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 15W * ? *)")).hasMessageContaining("L, W and #");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 ? * 6#3 *)")).hasMessageContaining("L, W and #");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * MON *)")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 ? * ? *)")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 * * ?)")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(60 10 * * ? *)")).hasMessageContaining("outside 0-59");
    }

    @Test
    void parse_julAndWed_namesAreNotLOrW() {
        // GIVEN month JUL and weekday WED, which contain L and W / WHEN parsed / THEN accepted
        assertThat(ScheduleExpression.parse("cron(0 12 ? JUL WED *)").next(T))
                .hasValue(Instant.parse("2024-07-03T12:00:00Z"));
    }
}
