package io.awoooi.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    static Stream<Arguments> quantities() {
        return Stream.of(
                // plain numbers
                Arguments.of("0", "0"),
                Arguments.of("1", "1"),
                Arguments.of("2", "2"),
                Arguments.of("1024", "1024"),
                Arguments.of("0.5", "0.5"),
                Arguments.of(".5", "0.5"),
                Arguments.of("1.", "1"),
                Arguments.of("+3", "3"),
                Arguments.of("-3", "-3"),
                Arguments.of("007", "7"),
                // decimal SI
                Arguments.of("250m", "0.25"),
                Arguments.of("1m", "0.001"),
                Arguments.of("1500m", "1.5"),
                Arguments.of("1k", "1000"),
                Arguments.of("1M", "1000000"),
                Arguments.of("1.5G", "1500000000"),
                Arguments.of("2T", "2000000000000"),
                Arguments.of("1P", "1000000000000000"),
                Arguments.of("1E", "1000000000000000000"),
                // binary SI
                Arguments.of("1Ki", "1024"),
                Arguments.of("512Mi", "536870912"),
                Arguments.of("1Gi", "1073741824"),
                Arguments.of("1.5Gi", "1610612736"),
                Arguments.of("0.5Gi", "536870912"),
                Arguments.of("16Gi", "17179869184"),
                Arguments.of("1Ti", "1099511627776"),
                Arguments.of("1Pi", "1125899906842624"),
                Arguments.of("1Ei", "1152921504606846976"),
                // decimal exponents
                Arguments.of("1e3", "1000"),
                Arguments.of("1E3", "1000"),
                Arguments.of("1e+3", "1000"),
                Arguments.of("5e-1", "0.5"),
                Arguments.of("1.5e9", "1500000000"),
                Arguments.of("12e-3", "0.012"),
                Arguments.of("1e0", "1"));
    }

    @ParameterizedTest
    @MethodSource("quantities")
    void parse_kubernetesQuantities_exactValueInBaseUnits(String text, String value) {
        // WHEN a quantity as the API server writes it is parsed
        Quantity q = Quantity.parse(text).orElseThrow(() -> new AssertionError(text + " not parsed"));

        // THEN its value is exact, in bytes or cores, and the text is kept
        assertThat(q.value()).as(text).isEqualByComparingTo(new BigDecimal(value));
        assertThat(q.text()).isEqualTo(text);
        assertThat(q.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1 Gi", " 1Gi", "1Gi ", "Gi", "m", ".", "+", "-", "+.", "1..5", "1.5.2", "1gi",
            "1GI", "1K", "1KI", "1mi", "1b", "1B", "1Gib", "1e", "1E+", "1e-", "1e1.5", "1e3m", "1e100", "1e123",
            "1ee3",
            "0x10", "1_000", "1,5", "١", "1Gi\n", "123456789012345678901234567890123", "NaN", "Infinity", "--1", "+-1"})
    void parse_notQuantities_empty(String text) {
        assertThat(Quantity.parse(text)).as("'" + text + "'").isEmpty();
    }

    @Test
    void parse_null_empty() {
        assertThat(Quantity.parse(null)).isEmpty();
        assertThat(Quantity.isPositive(null)).isFalse();
    }

    @Test
    void compare_sameAmountWrittenDifferently_equalByValue() {
        // GIVEN amounts written in different units
        Quantity gi = Quantity.parse("1Gi").orElseThrow();
        Quantity mi = Quantity.parse("1024Mi").orElseThrow();
        Quantity ki = Quantity.parse("1048576Ki").orElseThrow();
        Quantity half = Quantity.parse("0.5").orElseThrow();
        Quantity milli = Quantity.parse("500m").orElseThrow();
        Quantity g = Quantity.parse("1G").orElseThrow();

        // WHEN / THEN they compare by value; decimal and binary units differ
        assertThat(gi.sameAmount(mi)).isTrue();
        assertThat(gi.sameAmount(ki)).isTrue();
        assertThat(half.sameAmount(milli)).isTrue();
        assertThat(g.compareTo(gi)).isNegative();
        assertThat(gi.compareTo(g)).isPositive();
        assertThat(Quantity.parse("1e9").orElseThrow().sameAmount(g)).isTrue();
    }

    @Test
    void isPositive_zeroAndNegative_false() {
        assertThat(Quantity.isPositive("1m")).isTrue();
        assertThat(Quantity.isPositive("0")).isFalse();
        assertThat(Quantity.isPositive("0Gi")).isFalse();
        assertThat(Quantity.isPositive("-1Gi")).isFalse();
        assertThat(Quantity.isPositive("nope")).isFalse();
    }

    @Test
    void precision_wholeBytesAndMilliCores() {
        assertThat(Quantity.parse("1.5Gi").orElseThrow().whole()).isTrue();
        assertThat(Quantity.parse("1e3").orElseThrow().whole()).isTrue();
        assertThat(Quantity.parse("100m").orElseThrow().whole()).isFalse();
        assertThat(Quantity.parse("0.5").orElseThrow().whole()).isFalse();
        assertThat(Quantity.parse("0").orElseThrow().whole()).isTrue();
        assertThat(Quantity.parse("250m").orElseThrow().milliPrecise()).isTrue();
        assertThat(Quantity.parse("0.001").orElseThrow().milliPrecise()).isTrue();
        assertThat(Quantity.parse("0.0005").orElseThrow().milliPrecise()).isFalse();
        assertThat(Quantity.parse("1e-4").orElseThrow().milliPrecise()).isFalse();
    }

    @Test
    void timesAndRatio_forBounds() {
        Quantity mi512 = Quantity.parse("512Mi").orElseThrow();
        assertThat(mi512.times(2).sameAmount(Quantity.parse("1Gi").orElseThrow())).isTrue();
        assertThat(mi512.times(2).text()).isEqualTo("1073741824");
        assertThat(Quantity.parse("1.5Gi").orElseThrow().ratioTo(Quantity.parse("1Gi").orElseThrow()))
                .isEqualByComparingTo("1.50");
        assertThat(Quantity.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Quantity.plain(new BigDecimal("0.250"))).isEqualTo("0.25");
    }
}
