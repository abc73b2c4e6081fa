package io.awoooi.bench;

import io.awoooi.core.privacy.Finding;
import java.util.List;

/** Replaces every finding with "[TYPE]": the scanner-side equivalent of the baseline's output. */
public final class Redaction {
    private Redaction() {
    }

    public static String replace(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            sb.append(text, at, f.start()).append('[').append(f.type().labelPrefix()).append(']');
            at = f.end();
        }
        return sb.append(text, at, text.length()).toString();
    }
}
