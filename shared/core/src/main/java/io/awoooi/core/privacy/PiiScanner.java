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
        return scanValue(text, false);
    }

    /**
     * Whether a value stored under {@code key} (an alert label or annotation, a JSON field) is a
     * secret as a whole: the key holds password, passwd, pwd, secret, token, api key, access key or
     * private key (case-insensitive; {@code db_password}, {@code X-Api-Key}, {@code secret}). In text,
     * {@link #scan} applies this rule to the identifier right before {@code =} or {@code :}; here any
     * part of the key counts, so a value kept apart from its key (a label map) is found at least as
     * {@link #scan} finds it once the two are written together again (a JSON body, a prompt line
     * {@code key=value}).
     */
    public boolean namesSecret(CharSequence key) {
        Objects.requireNonNull(key, "key");
        return !key.isEmpty() && new TextScan(key.toString()).namesSecret();
    }

    /**
     * The findings in a value stored under a key. With {@code underSecretKey} (see
     * {@link #namesSecret}), the whole value without trailing whitespace is one finding, SECRET or
     * the more specific type that spans exactly it (a JWT, a GitHub token ...), unless it is empty,
     * {@code null}/{@code true}/{@code false}, masked ({@code ****}) or a label ({@code [SECRET_1]}):
     * what {@link #scan} finds in the quoted value of {@code "key": "value"}. Otherwise the same as
     * {@link #scan}.
     */
    public List<Finding> scanValue(CharSequence value, boolean underSecretKey) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            return List.of();
        }
        TextScan scan = new TextScan(value.toString());
        scan.run();
        if (underSecretKey) {
            scan.wholeValueIsSecret();
        }
        return scan.findings();
    }
}
