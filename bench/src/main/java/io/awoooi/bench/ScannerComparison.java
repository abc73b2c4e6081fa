package io.awoooi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of {@code PiiScanner} in one JVM, for a before/after comparison on a busy machine where
 * JMH's intervals are too wide to tell a few percent (docs/benchmarks.md). Each build is loaded from
 * its own class path (a jar such as {@code benchmarks.jar} of the old commit, or a classes folder) in
 * its own class loader; the two take turns in blocks of {@code blockMillis} on one thread, the first
 * of each round alternating, after {@code rounds / 5} rounds of warm-up. Each block's speed is bytes
 * per second of <em>thread CPU time</em>, which leaves out the time the thread waited for a core.
 * Reported: the median, first and third quartile of the blocks, per build, and the ratio of medians.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.awoooi.bench.ScannerComparison OLD.jar NEW.jar 4096 [rounds] [blockMillis]
 * </pre>
 *
 * The input is a webhook body of about that many bytes ({@link AlertPayloads}, seed 20261125) or the
 * name of a pathological input of {@link PiiScanPathologicalBenchmark} ({@code at-run}, ...).
 */
public final class ScannerComparison {
    private ScannerComparison() {
    }

    /** The figures of one comparison, in MB/s of thread CPU time (MB = 10^6 bytes). */
    public record Result(String input, int length, double[] oldQuartiles, double[] newQuartiles) {
        /** New median over old median: above 1 the new build is faster. */
        public double ratio() {
            return newQuartiles[1] / oldQuartiles[1];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s (%d chars): old %.1f MB/s (%.1f .. %.1f), new %.1f MB/s (%.1f .. %.1f), new/old %.3f",
                    input, length, oldQuartiles[1], oldQuartiles[0], oldQuartiles[2], newQuartiles[1],
                    newQuartiles[0], newQuartiles[2], ratio());
        }
    }

    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        if (args.length < 3) {
            System.err.println("usage: ScannerComparison OLD_CLASSPATH NEW_CLASSPATH INPUT [rounds] [blockMillis]");
            System.exit(2);
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int blockMillis = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        System.out.println(compare(Path.of(args[0]), Path.of(args[1]), args[2], rounds, blockMillis));
    }

    /** Compares the scanner on {@code oldPath} with the one on {@code newPath} on one input. */
    public static Result compare(Path oldPath, Path newPath, String input, int rounds, int blockMillis)
            throws ReflectiveOperationException, MalformedURLException {
        if (rounds < 1 || blockMillis < 1) {
            throw new IllegalArgumentException("rounds and blockMillis must be positive");
        }
        String text = Character.isDigit(input.charAt(0)) ? AlertPayloads.webhook(Integer.parseInt(input), 20261125L)
                : PiiScanPathologicalBenchmark.input(input);
        Scanner before = Scanner.load(oldPath);
        Scanner after = Scanner.load(newPath);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] oldSpeeds = new double[rounds];
        double[] newSpeeds = new double[rounds];
        for (int round = -Math.max(1, rounds / 5); round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                boolean old = (turn == 0) == (round % 2 == 0);
                double speed = (old ? before : after).speed(text, blockMillis, threads);
                if (round >= 0) {
                    (old ? oldSpeeds : newSpeeds)[round] = speed;
                }
            }
        }
        return new Result(input, text.length(), quartiles(oldSpeeds), quartiles(newSpeeds));
    }

    private static double[] quartiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new double[] {sorted[n / 4], sorted[n / 2], sorted[Math.min(n - 1, 3 * n / 4)]};
    }

    /** One build's {@code PiiScanner}, in a class loader of its own (parent: the platform loader). */
    private record Scanner(Object scanner, Method scan) {
        @SuppressWarnings("resource") // the loader lives as long as the comparison's JVM
        static Scanner load(Path classPath) throws ReflectiveOperationException, MalformedURLException {
            URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass("io.awoooi.core.privacy.PiiScanner");
            return new Scanner(type.getConstructor().newInstance(), type.getMethod("scan", CharSequence.class));
        }

        /** Scans {@code text} for {@code blockMillis} of wall time: MB per second of this thread's CPU time. */
        double speed(String text, int blockMillis, ThreadMXBean threads) throws ReflectiveOperationException {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            long bytes = 0;
            long found = 0;
            while (System.nanoTime() - wallStart < blockMillis * 1_000_000L) {
                found += ((List<?>) scan.invoke(scanner, text)).size();
                bytes += text.length();
            }
            long cpu = Math.max(1, threads.getCurrentThreadCpuTime() - cpuStart);
            if (found < 0) {
                throw new IllegalStateException("unreachable: keeps the scans from being optimised away");
            }
            return bytes / (cpu / 1e9) / 1e6;
        }
    }
}
