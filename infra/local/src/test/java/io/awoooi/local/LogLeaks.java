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
                if (!value.isEmpty() && lines[i].contains(value)) {
                    leaks.add("line " + (i + 1) + " carries a vault value of " + value.length() + " chars");
                }
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError("personal data reached the logs: " + leaks);
        }
    }
}
