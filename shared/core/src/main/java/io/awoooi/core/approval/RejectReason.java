package io.awoooi.core.approval;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import java.util.List;
import java.util.Optional;

/**
 * The optional reason a person gives for a rejection, made fit to keep and to show: one line, at
 * most {@value #MAX} characters, and every value the Privacy Shield's scanner recognises (an
 * address, a token, a key) replaced by {@code [removed]}. A person typing into a form is one more
 * source of personal data; nothing they type reaches a notification, a page or the log unscanned.
 */
public final class RejectReason {
    public static final int MAX = 300;
    private static final PiiScanner SCANNER = new PiiScanner();

    private RejectReason() {
    }

    /** The cleaned reason; empty when nothing is left of it. */
    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder();
        raw.codePoints().limit(4 * MAX).forEach(cp -> line.appendCodePoint(Character.isISOControl(cp)
                || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
        String text = line.toString().replaceAll("\\s+", " ").strip();
        List<Finding> findings = SCANNER.scan(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Finding f : findings) {
            out.append(text, at, f.start()).append("[removed]");
            at = f.end();
        }
        out.append(text.substring(at));
        String cleaned = AlertFacts.cut(out.toString().strip(), MAX);
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }
}
