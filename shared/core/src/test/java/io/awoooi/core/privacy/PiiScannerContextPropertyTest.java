package io.awoooi.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.privacy.PiiSamples.Kind;
import io.awoooi.core.privacy.PiiSamples.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: every generated value (all forms of every text type) is found in every real-world
 * context, as a label key, a label value or inside log text. Fixed seeds, so a failure reproduces.
 */
class PiiScannerContextPropertyTest {
    private static final PiiScanner SCANNER = new PiiScanner();
    private static final int SHOWN = 40;

    @Test
    void everyKind_everyPrefixAndSuffix_foundAndCovered() {
        // GIVEN each kind of value between each prefix and each suffix (18 x 31 x 28 texts)
        PiiSamples samples = new PiiSamples(new Random(20261126L));
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Kind kind : Kind.values()) {
            for (String prefix : PiiSamples.PREFIXES) {
                for (String suffix : PiiSamples.SUFFIXES) {
                    cases++;
                    // WHEN scanned  THEN one finding of the value's type covers it (exactly, for the closed syntaxes)
                    check(prefix, samples.next(kind), suffix).ifPresent(failures::add);
                }
            }
        }
        assertThat(cases).isGreaterThan(10_000);
        assertThat(failures).as(report(failures, cases)).isEmpty();
    }

    @Test
    void randomValuesInRandomContexts_severalPerText_allFound() {
        // GIVEN texts of 1-4 values, each in a random context, joined by a space or nothing
        Random random = new Random(4242L);
        PiiSamples samples = new PiiSamples(random);
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < 3_000; c++) {
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            List<Value> values = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int k = 0; k < count; k++) {
                Value v = samples.next();
                text.append(k == 0 ? "" : " ").append(samples.prefix());
                spans.add(new int[] {text.length(), text.length() + v.text().length()});
                values.add(v);
                text.append(v.text()).append(samples.suffix());
            }
            // WHEN scanned  THEN every value is covered by a finding of its type
            List<Finding> findings = SCANNER.scan(text);
            for (int k = 0; k < count; k++) {
                int[] span = spans.get(k);
                Value v = values.get(k);
                boolean covered = findings.stream().anyMatch(f -> f.type() == v.type() && f.start() <= span[0]
                        && f.end() >= span[1]);
                if (!covered) {
                    failures.add("MISS  " + v.kind() + " " + show(text.toString()) + " -> " + describe(findings, text));
                }
            }
        }
        assertThat(failures).as(report(failures, 3_000)).isEmpty();
    }

    /** A failure description, or empty when the value is found as required. */
    static Optional<String> check(String prefix, Value value, String suffix) {
        String text = prefix + value.text() + suffix;
        int start = prefix.length();
        int end = start + value.text().length();
        List<Finding> findings = SCANNER.scan(text);
        Optional<Finding> cover = findings.stream().filter(f -> f.start() <= start && f.end() >= end).findFirst();
        if (cover.isEmpty()) {
            return Optional.of("MISS  " + value.kind() + " " + show(text) + " -> " + describe(findings, text));
        }
        Finding f = cover.get();
        if (f.type() != value.type()) {
            return Optional.of("TYPE  " + value.kind() + " " + show(text) + " -> " + describe(findings, text));
        }
        if (value.kind().exact() && (f.start() != start || f.end() != end)) {
            return Optional.of("SPAN  " + value.kind() + " " + show(text) + " -> " + describe(findings, text));
        }
        return Optional.empty();
    }

    private static String describe(List<Finding> findings, CharSequence text) {
        return findings.stream().map(f -> f.type() + "[" + show(f.valueIn(text)) + "]").toList().toString();
    }

    static String show(String s) {
        return "«" + s.replace("\n", "⏎").replace("\r", "␍").replace("\t", "⇥") + "»";
    }

    private static String report(List<String> failures, int cases) {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        failures.forEach(f -> byKind.merge(f.substring(0, f.indexOf(' ', 6)), 1L, Long::sum));
        return failures.size() + " of " + cases + " cases failed " + byKind + "; the first:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(SHOWN, failures.size())));
    }
}
