package io.awoooi.core.privacy;

/**
 * The ASCII character classes of the scanner, one table lookup each; every character from 128 up is
 * "other" (the recognizers treat non-ASCII letters as separators, except in an email's local part).
 */
final class Chars {
    // ---- character classes (ASCII only; everything >= 128 is "other") ----
    static final int DIGIT = 1;
    static final int HEX = 1 << 1;
    static final int ALPHA = 1 << 2;
    static final int UPPER = 1 << 3;
    static final int ALNUM = 1 << 4;
    /** [A-Za-z0-9+/]: the alphabet of AWS secret access keys. */
    static final int B64 = 1 << 5;
    /** [A-Za-z0-9_-]: base64url, JWT segments and Google API keys. */
    static final int B64URL = 1 << 6;
    /** [A-Za-z0-9._%+-]: email local part (the usual subset of RFC 5322 atext). */
    static final int LOCAL = 1 << 7;
    /** [A-Za-z0-9-._~+/=]: RFC 6750 b64token. */
    static final int BEARER_CHAR = 1 << 8;
    /** Characters that end an unquoted key=value value. */
    static final int VALUE_END = 1 << 9;
    /** [A-Za-z0-9_.-]: a key of key=value. */
    static final int KEY = 1 << 10;
    /** [A-Za-z0-9_.~-]: an IPv6 zone id. */
    static final int ZONE = 1 << 11;

    static final int[] CLS = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            int f = 0;
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            if (digit) {
                f |= DIGIT | HEX;
            }
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                f |= HEX;
            }
            if (upper || lower) {
                f |= ALPHA;
            }
            if (upper) {
                f |= UPPER;
            }
            boolean alnum = digit || upper || lower;
            if (alnum) {
                f |= ALNUM | B64 | B64URL | LOCAL | BEARER_CHAR | KEY | ZONE;
            }
            if (c == '+' || c == '/') {
                f |= B64;
            }
            if (c == '_' || c == '-') {
                f |= B64URL | KEY | ZONE;
            }
            if (c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
                f |= LOCAL;
            }
            if ("-._~+/=".indexOf(c) >= 0) {
                f |= BEARER_CHAR;
            }
            if (c <= ' ' || c == 127 || "&\"',;\\<>)]}`".indexOf(c) >= 0) {
                f |= VALUE_END;
            }
            if (c == '.') {
                f |= KEY | ZONE;
            }
            if (c == '~') {
                f |= ZONE;
            }
            CLS[c] = f;
        }
    }

    private Chars() {
    }

    private static boolean is(char c, int cls) {
        return c < 128 && (CLS[c] & cls) != 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return is(c, HEX);
    }

    static boolean isAlpha(char c) {
        return is(c, ALPHA);
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAlnum(char c) {
        return is(c, ALNUM);
    }

    static boolean isB64(char c) {
        return is(c, B64);
    }

    static boolean isB64url(char c) {
        return is(c, B64URL);
    }

    /** A local-part character, including non-ASCII letters and digits (RFC 6531: jörg@example.de). */
    static boolean isLocalOrIntl(char c) {
        return c < 128 ? (CLS[c] & LOCAL) != 0 : Character.isLetterOrDigit(c);
    }

    static boolean isKeyChar(char c) {
        return is(c, KEY);
    }

    static boolean isZone(char c) {
        return is(c, ZONE);
    }
}
