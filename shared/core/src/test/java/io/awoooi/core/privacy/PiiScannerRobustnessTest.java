package io.awoooi.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Invariants on arbitrary input: no exception, spans in range, sorted, disjoint; thread-safety. */
class PiiScannerRobustnessTest {
    private static final String ALPHABET = "aeAE09 .:-@/+=\\\"'%_\n{}[]xyzBKI#&;,()<>~\t\u00e9";
    private static final String[] PIECES = {"10.0.0.1", "::", "fe80::1", "@", "%40", "eyJ",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----END ", "password=", "\"token\":\"", "\\\"", "\\n", "\\u00", "https://", "u:p@", "+49 ", "4111 1111 ",
            "AKIA", "ghp_", "xoxb-", "sk_live_", "AIza", "Bearer ", "curl -u ", "aws_secret_access_key=",
            "550e8400-e29b-"};

    @Test
    void scan_randomText_invariantsHold() {
        // GIVEN 20,000 random strings built from characters and fragments that trigger recognizers
        Random random = new Random(42);
        PiiScanner scanner = new PiiScanner();
        for (int round = 0; round < 20_000; round++) {
            String text = randomText(random);
            // WHEN scanned
            List<Finding> findings = scanner.scan(text);
            // THEN every finding is inside the text, and they are sorted and disjoint
            int previousEnd = 0;
            for (Finding f : findings) {
                assertThat(f.start()).as("in %s", text).isGreaterThanOrEqualTo(previousEnd);
                assertThat(f.end()).isLessThanOrEqualTo(text.length());
                previousEnd = f.end();
            }
        }
    }

    /**
     * Long runs of the characters that make recognizers look back or ahead. How fast they are scanned
     * is a figure of {@code PiiScanPathologicalBenchmark} (bench, docs/benchmarks.md), not of this
     * test: a wall-clock bound here would fail on a busy machine and prove nothing on an idle one.
     * What is checked here does not depend on the machine: every input is scanned to the end with
     * findings inside the text, sorted and disjoint, and the same findings the second time.
     */
    static final String[] PATHOLOGICAL = {"a@".repeat(50_000), "-----BEGIN PRIVATE KEY-----".repeat(2_000),
            "password=\"".repeat(5_000), "1:".repeat(50_000), "x://a@".repeat(20_000), "9".repeat(100_000),
            "\\".repeat(100_000), "a.".repeat(50_000) + "@x"};

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // only keeps a scanner that never ends from hanging the build
    void scan_pathologicalRepeats_scannedToTheEndWithValidFindings() {
        // GIVEN long runs of the characters that make recognizers look back or ahead
        PiiScanner scanner = new PiiScanner();
        for (String input : PATHOLOGICAL) {
            // WHEN each is scanned (twice)
            List<Finding> findings = scanner.scan(input);
            // THEN the findings are inside the text, sorted and disjoint, and the same each time
            int previousEnd = 0;
            for (Finding f : findings) {
                assertThat(f.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(f.end()).isLessThanOrEqualTo(input.length());
                previousEnd = f.end();
            }
            assertThat(scanner.scan(input)).isEqualTo(findings);
        }
    }

    @Test
    void scan_sharedInstanceAcrossThreads_sameResults() throws Exception {
        // GIVEN one scanner shared by four threads
        PiiScanner scanner = new PiiScanner();
        String text = "user alice@example.com from 10.0.0.1 token=abc123 " + "x".repeat(1000);
        List<Finding> expected = scanner.scan(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 2_000; k++) {
                        if (!scanner.scan(text).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            // WHEN all scan concurrently  THEN every result equals the single-threaded one
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int p = 0; p < parts; p++) {
            if (random.nextInt(3) == 0) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            } else {
                int len = 1 + random.nextInt(12);
                for (int k = 0; k < len; k++) {
                    sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
        }
        return sb.toString();
    }
}
