package io.awoooi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awoooi.core.privacy.PiiScanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The before/after harness loads and runs both builds (no figure is checked: it depends on the machine). */
class ScannerComparisonTest {
    private static Path coreClasses() throws Exception {
        return Path.of(PiiScanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void compare_sameBuildTwiceOnAPathologicalInput_reportsBothSides() throws Exception {
        // GIVEN the scanner of this build on both sides / WHEN compared in a few short blocks
        ScannerComparison.Result result = ScannerComparison.compare(coreClasses(), coreClasses(), "digits", 2, 5);
        // THEN both sides ran on the whole input and have positive speeds
        assertThat(result.length()).isEqualTo(100_000);
        assertThat(java.util.stream.DoubleStream.concat(java.util.Arrays.stream(result.oldQuartiles()),
                java.util.Arrays.stream(result.newQuartiles())).boxed().toList())
                .hasSize(6).allSatisfy(v -> assertThat(v).isPositive().isFinite());
        assertThat(result.toString()).startsWith("digits (100000 chars): old ").contains("new/old");
    }

    @Test
    void compare_webhookSize_scansTheBenchmarkPayload() throws Exception {
        ScannerComparison.Result result = ScannerComparison.compare(coreClasses(), coreClasses(), "4096", 1, 5);
        assertThat(result.length()).isEqualTo(AlertPayloads.webhook(4096, 20261125L).length());
    }

    @Test
    void compare_noRounds_refused() {
        assertThatThrownBy(() -> ScannerComparison.compare(coreClasses(), coreClasses(), "digits", 0, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
