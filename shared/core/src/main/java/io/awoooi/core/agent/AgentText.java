package io.awoooi.core.agent;

import io.awoooi.core.privacy.Finding;
import io.awoooi.core.privacy.PiiScanner;
import java.util.List;

/**
 * What an agent sends, made fit to keep in the audit: at most {@code max} characters, control
 * characters as blanks, and every value the Privacy Shield's scanner recognises (an address, a
 * token, a key) replaced by {@code [removed]}. An agent reads redacted incidents only, but it may
 * have other sources: nothing it sends reaches an audit row, a log line or a card unscanned.
 */
public final class AgentText {
    private static final PiiScanner SCANNER = new PiiScanner();

    private AgentText() {
    }

    public static String scrubbed(String raw, int max) {
        if (raw == null) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        raw.codePoints().limit(4L * max).forEach(cp -> line.appendCodePoint(Character.isISOControl(cp)
                && cp != '\n' ? ' ' : cp));
        String text = line.toString();
        List<Finding> findings = SCANNER.scan(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Finding f : findings) {
            if (f.start() < at) {
                continue;
            }
            out.append(text, at, f.start()).append("[removed]");
            at = f.end();
        }
        out.append(text.substring(at));
        String cleaned = out.toString();
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max) + "…";
    }
}
