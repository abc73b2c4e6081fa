package io.awoooi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanTimeTest {
    private static final Instant NOW = Instant.parse("2024-05-14T08:53:41.123456789Z");

    @Test
    void at_minutesInUtc_noSecondsNoNanoseconds() {
        assertThat(HumanTime.at(Instant.parse("2024-05-14T08:41:10.123456789Z"))).isEqualTo("2024-05-14 08:41 UTC");
        assertThat(HumanTime.clock(Instant.parse("2024-05-14T08:41:59Z"))).isEqualTo("08:41 UTC");
    }

    @Test
    void agoAndIn_roundedDownToMinutesHoursDays() {
        assertThat(HumanTime.ago(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(HumanTime.ago(NOW.minus(Duration.ofMinutes(12).plusSeconds(31)), NOW)).isEqualTo("12 min ago");
        assertThat(HumanTime.ago(NOW.minus(Duration.ofMinutes(185)), NOW)).isEqualTo("3 h 5 min ago");
        assertThat(HumanTime.ago(NOW.minus(Duration.ofHours(24)), NOW)).isEqualTo("1 day ago");
        assertThat(HumanTime.ago(NOW.minus(Duration.ofHours(52)), NOW)).isEqualTo("2 days 4 h ago");
        assertThat(HumanTime.in(NOW.plus(Duration.ofMinutes(30)), NOW)).isEqualTo("in 30 min");
        assertThat(HumanTime.in(NOW.minus(Duration.ofMinutes(2)), NOW)).isEqualTo("2 min ago");
        assertThat(HumanTime.ago(NOW.plus(Duration.ofMinutes(2)), NOW)).isEqualTo("in 2 min");
        assertThat(HumanTime.atIn(NOW.plus(Duration.ofMinutes(30)), NOW)).isEqualTo("2024-05-14 09:23 UTC (in 30 min)");
    }
}
