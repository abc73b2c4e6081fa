package io.awoooi.local;

import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Test utility: fails when any vault value appears in captured log output. The failure names the
 * log line's number and the value's length, never the value, so the test report does not leak it.
 */
final class LogLeaks {
    private LogLeaks() {
    }

    static void assertNoneLogged(String logs, List<String> vaultValues) {
        List<String> leaks = new ArrayList<>();
        String[] lines = logs.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            for (String value : vaultValues) {
                // the functions log JSON: a value with a quote, a backslash or a control character
                // appears there escaped
                if (!value.isEmpty() && (lines[i].contains(value) || lines[i].contains(jsonEscaped(value)))) {
                    leaks.add("line " + (i + 1) + " carries a vault value of " + value.length() + " chars");
                }
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError("personal data reached the logs: " + leaks);
        }
    }

    /** {@code value} as it appears inside a JSON string. */
    static String jsonEscaped(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
