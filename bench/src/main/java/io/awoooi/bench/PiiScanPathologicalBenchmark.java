package io.awoooi.bench;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long {@link PiiScanner#scan} takes on the pathological inputs of {@code PiiScannerRobustnessTest}
 * (shared/core): long runs of the characters that make recognizers look back or ahead. The test checks
 * what does not depend on the machine (every input scanned to the end, valid findings); the time is
 * measured here, where a busy machine shows as a wide interval instead of a failed build
 * (docs/benchmarks.md, "Pathological inputs").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PiiScanPathologicalBenchmark {
    /** The inputs, by name; the same as the robustness test's. */
    @Param({"at-run", "pem-headers", "password-quotes", "digit-colon", "url-userinfo", "digits", "backslashes",
            "dotted-local-part"})
    public String input;

    private String text;
    private final PiiScanner scanner = new PiiScanner();

    @Setup
    public void setUp() {
        text = input(input);
    }

    static String input(String name) {
        return switch (name) {
            case "at-run" -> "a@".repeat(50_000);
            case "pem-headers" -> "-----BEGIN PRIVATE KEY-----".repeat(2_000);
            case "password-quotes" -> "password=\"".repeat(5_000);
            case "digit-colon" -> "1:".repeat(50_000);
            case "url-userinfo" -> "x://a@".repeat(20_000);
            case "digits" -> "9".repeat(100_000);
            case "backslashes" -> "\\".repeat(100_000);
            case "dotted-local-part" -> "a.".repeat(50_000) + "@x";
            default -> throw new IllegalArgumentException("no input " + name);
        };
    }

    @Benchmark
    public List<Finding> scan() {
        return scanner.scan(text);
    }
}
