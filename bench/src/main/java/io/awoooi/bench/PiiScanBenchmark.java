package io.awoooi.bench;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link PiiScanner#scan} against the one-regex-per-type baseline on Alertmanager
 * webhook bodies of about 4 KB and 64 KB. One thread = one core. Besides ops/s, the "bytes" counter
 * reports payload bytes per second (divide by 10^6 for MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PiiScanBenchmark {
    @Param({"4096", "65536"})
    public int payloadBytes;

    private String payload;
    private final PiiScanner scanner = new PiiScanner();

    /** Bytes scanned, reported by JMH as a rate next to the ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        payload = AlertPayloads.webhook(payloadBytes, 20261125L);
    }

    /** Detection only: what the scanner's API does. */
    @Benchmark
    public List<Finding> scanner(Bytes counter) {
        counter.bytes += payload.length();
        return scanner.scan(payload);
    }

    /** Detection plus building the text with every finding replaced by "[TYPE]", like the baseline. */
    @Benchmark
    public String scannerAndReplace(Bytes counter) {
        counter.bytes += payload.length();
        return Redaction.replace(payload, scanner.scan(payload));
    }

    /** One java.util.regex pattern per type, replaceAll in turn. */
    @Benchmark
    public String regexBaseline(Bytes counter) {
        counter.bytes += payload.length();
        return RegexBaseline.redact(payload);
    }
}
