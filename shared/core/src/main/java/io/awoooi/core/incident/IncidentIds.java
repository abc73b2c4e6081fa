package io.awoooi.core.incident;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Incident ids that sort by creation time: "inc_" + 10 Crockford base32 characters of milliseconds
 * + 16 random ones (80 bits), ULID style. Sortable ids keep the newest-first listing cheap and make
 * ids readable in logs.
 */
public final class IncidentIds {
    /** Every id has this many characters. */
    public static final int LENGTH = 30;
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IncidentIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        char[] out = new char[26];
        long time = clock.millis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[random.nextInt(32)];
        }
        return "inc_" + new String(out);
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH || !id.startsWith("inc_")) {
            return false;
        }
        for (int i = 4; i < id.length(); i++) {
            if (new String(ALPHABET).indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
