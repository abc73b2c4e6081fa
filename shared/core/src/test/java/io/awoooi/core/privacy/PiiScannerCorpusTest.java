package io.awoooi.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.LabelledCorpus.Sample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per type on the labelled corpus (exact span and type = true positive).
 * Prints the table; asserts recall >= 0.99 and precision >= 0.98 for IP, EMAIL, UUID, JWT and the
 * key/token types, and >= 0.95 / 0.95 for the others.
 */
class PiiScannerCorpusTest {
    private static final Set<PiiType> STRICT = EnumSet.of(PiiType.IP, PiiType.EMAIL, PiiType.UUID, PiiType.JWT,
            PiiType.AWS_KEY, PiiType.AWS_SECRET, PiiType.GITHUB_TOKEN, PiiType.SLACK_TOKEN, PiiType.STRIPE_KEY,
            PiiType.GOOGLE_API_KEY);
    private static final Set<PiiType> RELAXED = EnumSet.of(PiiType.PHONE, PiiType.CARD, PiiType.SECRET,
            PiiType.BEARER, PiiType.CREDENTIALS, PiiType.MAC, PiiType.PRIVATE_KEY);
    private static final int MIN_POSITIVES_PER_TYPE = 20;

    private static final Map<PiiType, int[]> COUNTS = new EnumMap<>(PiiType.class); // tp, fp, fn
    private static final List<String> MISSES = new ArrayList<>();
    private static int samples;
    private static int nearMissSamples;

    @BeforeAll
    static void scanTheCorpus() {
        List<Sample> corpus = LabelledCorpus.load("/privacy/corpus-handwritten.txt", "/privacy/corpus-blind.txt",
                "/privacy/corpus-generated.txt",
                "/privacy/corpus-boundaries.txt");
        PiiScanner scanner = new PiiScanner();
        for (PiiType t : PiiType.values()) {
            COUNTS.put(t, new int[3]);
        }
        long t0 = System.nanoTime();
        for (Sample sample : corpus) {
            samples++;
            if (sample.expected().isEmpty()) {
                nearMissSamples++;
            }
            List<Finding> actual = scanner.scan(sample.text());
            Set<Finding> expected = new HashSet<>(sample.expected());
            for (Finding f : actual) {
                if (expected.remove(f)) {
                    COUNTS.get(f.type())[0]++;
                } else {
                    COUNTS.get(f.type())[1]++;
                    MISSES.add(sample.id() + " FP " + f.type() + " [" + f.valueIn(sample.text()) + "]");
                }
            }
            for (Finding f : expected) {
                COUNTS.get(f.type())[2]++;
                MISSES.add(sample.id() + " FN " + f.type() + " [" + f.valueIn(sample.text()) + "]");
            }
        }
        long micros = (System.nanoTime() - t0) / 1000;
        System.out.println(table(micros));
        MISSES.forEach(m -> System.out.println("  " + m));
    }

    private static String table(long micros) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%nPiiScanner corpus: %d samples (%d with nothing to find), scanned in %d us%n",
                samples, nearMissSamples, micros));
        sb.append(String.format("%-15s %5s %5s %5s %9s %7s%n", "type", "tp", "fp", "fn", "precision", "recall"));
        int[] total = new int[3];
        for (PiiType t : PiiType.values()) {
            int[] c = COUNTS.get(t);
            if (c[0] + c[1] + c[2] == 0) {
                continue;
            }
            sb.append(String.format("%-15s %5d %5d %5d %9.3f %7.3f%n", t, c[0], c[1], c[2], precision(t), recall(t)));
            for (int k = 0; k < 3; k++) {
                total[k] += c[k];
            }
        }
        sb.append(String.format("%-15s %5d %5d %5d %9.3f %7.3f%n", "ALL", total[0], total[1], total[2],
                ratio(total[0], total[0] + total[1]), ratio(total[0], total[0] + total[2])));
        return sb.toString();
    }

    private static double precision(PiiType t) {
        int[] c = COUNTS.get(t);
        return ratio(c[0], c[0] + c[1]);
    }

    private static double recall(PiiType t) {
        int[] c = COUNTS.get(t);
        return ratio(c[0], c[0] + c[2]);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    @Test
    void corpus_isLargeAndCoversEveryTextType_enoughPositivesAndNearMisses() {
        // GIVEN the labelled corpus  WHEN it was scanned  THEN it is big enough for the bars to mean something
        assertThat(samples).isGreaterThanOrEqualTo(500);
        assertThat(nearMissSamples).isGreaterThanOrEqualTo(100);
        for (PiiType t : union()) {
            int[] c = COUNTS.get(t);
            assertThat(c[0] + c[2]).as("labelled %s findings", t).isGreaterThanOrEqualTo(MIN_POSITIVES_PER_TYPE);
        }
    }

    @Test
    void strictTypes_scanCorpus_recallAtLeast99PrecisionAtLeast98() {
        for (PiiType t : STRICT) {
            assertThat(recall(t)).as("recall of %s", t).isGreaterThanOrEqualTo(0.99);
            assertThat(precision(t)).as("precision of %s", t).isGreaterThanOrEqualTo(0.98);
        }
    }

    @Test
    void otherTypes_scanCorpus_recallAndPrecisionAtLeast95() {
        for (PiiType t : RELAXED) {
            assertThat(recall(t)).as("recall of %s", t).isGreaterThanOrEqualTo(0.95);
            assertThat(precision(t)).as("precision of %s", t).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void kubernetesTypes_scanCorpus_neverReported() {
        for (PiiType t : EnumSet.of(PiiType.POD, PiiType.NAMESPACE, PiiType.SERVICE, PiiType.DEPLOYMENT,
                PiiType.NODE)) {
            assertThat(COUNTS.get(t)[1]).as("%s findings", t).isZero();
        }
    }

    private static Set<PiiType> union() {
        Set<PiiType> all = EnumSet.copyOf(STRICT);
        all.addAll(RELAXED);
        return all;
    }
}
