package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueRedriveTest {

    @Test
    void pair_answersToItsShortNameAndBothLogicalIdsInAnyCase() {
        // GIVEN the raw-alerts pair
        QueueRedrive.Pair pair = new QueueRedrive.Pair("RawAlertsDLQ", "RawAlertsQueue", "u1", "u2", true);
        // WHEN / THEN
        assertThat(pair.shortName()).isEqualTo("raw-alerts");
        assertThat(pair).hasToString("raw-alerts (RawAlertsDLQ -> RawAlertsQueue)");
        for (String name : new String[] {"raw-alerts", "RAW-ALERTS", "raw-alerts-dlq", "RawAlertsDLQ", "rawalertsdlq",
                "RawAlertsQueue", " raw-alerts "}) {
            assertThat(pair.answersTo(name)).as(name).isTrue();
        }
        assertThat(pair.answersTo("raw")).isFalse();
        assertThat(pair.answersTo("incidents")).isFalse();
    }

    @Test
    void dashed_logicalIds() {
        assertThat(QueueRedrive.dashed("RawAlerts")).isEqualTo("raw-alerts");
        assertThat(QueueRedrive.dashed("WorkDLQ")).isEqualTo("work-dlq");
        assertThat(QueueRedrive.dashed("Verification")).isEqualTo("verification");
    }
}
