package io.awoooi.core.privacy;

import java.util.List;
import java.util.Objects;

/**
 * Finds personal data and secrets in free text: alert labels and annotations, log lines, URLs,
 * JSON (also JSON-escaped JSON). Deterministic, typed and single-pass: a hand-written scanner walks
 * the characters once and, at each token start, asks only the few recognizers that can start with
 * that character (see {@code docs/benchmarks.md} and the class comment of {@code TextScan}).
 *
 * <p>The result is sorted by start and never overlapping. Where candidates overlap, a candidate that
 * contains the other wins; on equal spans or a partial overlap the more specific type wins:
 * PRIVATE_KEY &gt; JWT &gt; CREDENTIALS &gt; the formatted keys and tokens (AWS_KEY, AWS_SECRET,
 * GITHUB_TOKEN, SLACK_TOKEN, STRIPE_KEY, GOOGLE_API_KEY) &gt; SECRET &gt; BEARER &gt; the rest
 * (EMAIL, UUID, IP, CARD, PHONE, MAC; among these the longer wins).
 *
 * <p>Kubernetes object names ({@link PiiType#POD} ...) are never reported by the scanner.
 *
 * <p>Thread-safe: instances hold no state; each call allocates only its own small work arrays and
 * the findings. No regular expressions.
 */
public final class PiiScanner {
    public PiiScanner() {
        // all text types; nothing to configure
    }

    /** The findings in {@code text}, sorted by start, never overlapping; empty if there are none. */
    public List<Finding> scan(CharSequence text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return List.of();
        }
        TextScan scan = new TextScan(text.toString());
        scan.run();
        return scan.findings();
    }
}
