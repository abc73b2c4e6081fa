package io.awoooi.core.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinOpsSettingsTest {

    @Test
    void fromEnvironment_nothingSet_documentedDefaults() {
        FinOpsSettings s = FinOpsSettings.fromEnvironment(Map.of());
        assertThat(s.orphanAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(s.zombieWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(s.zombieCpuFraction()).isEqualTo(0.01);
        assertThat(s.buffer().factor()).isEqualTo(1.2);
        assertThat(s.top()).isEqualTo(5);
    }

    @Test
    void fromEnvironment_values_parsed() {
        FinOpsSettings s = FinOpsSettings.fromEnvironment(Map.of("FINOPS_ORPHAN_DAYS", "14", "FINOPS_ZOMBIE_DAYS", "3",
                "FINOPS_ZOMBIE_CPU_PERCENT", "2.5", "FINOPS_SAFETY_BUFFER", "1.5", "FINOPS_TOP_RECOMMENDATIONS", "10"));
        assertThat(s.orphanAfter()).isEqualTo(Duration.ofDays(14));
        assertThat(s.zombieWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(s.zombieCpuFraction()).isEqualTo(0.025);
        assertThat(s.buffer().factor()).isEqualTo(1.5);
        assertThat(s.top()).isEqualTo(10);
    }

    @Test
    void fromEnvironment_badValue_failsNamingTheSetting() {
        assertThatThrownBy(() -> FinOpsSettings.fromEnvironment(Map.of("FINOPS_SAFETY_BUFFER", "0.8")))
                .isInstanceOf(InvalidFinOpsSettingException.class)
                .hasMessage("FINOPS_SAFETY_BUFFER: must be a number from 1.0 to 10.0");
        assertThatThrownBy(() -> FinOpsSettings.fromEnvironment(Map.of("FINOPS_ZOMBIE_DAYS", "a week")))
                .isInstanceOf(InvalidFinOpsSettingException.class)
                .hasMessageStartingWith("FINOPS_ZOMBIE_DAYS:");
    }

    @Test
    void safetyBuffer_wastedIsRequestedMinusBufferedActual_neverBelowZero() {
        SafetyBuffer b = SafetyBuffer.DEFAULT;
        // 2 - 1.5 x 1.2 = 0.2
        assertThat(b.wasted(2.0, 1.5)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        // 2 - 1.9 x 1.2 = -0.28 -> 0
        assertThat(b.wasted(2.0, 1.9)).isZero();
        assertThat(b.wasted(0, 0)).isZero();
    }
}
