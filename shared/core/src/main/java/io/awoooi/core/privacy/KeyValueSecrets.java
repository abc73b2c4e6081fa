package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.CLS;
import static io.awoooi.core.privacy.Chars.VALUE_END;
import static io.awoooi.core.privacy.Chars.isAlpha;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isKeyChar;
import static io.awoooi.core.privacy.Chars.isUpper;

/**
 * The SECRET family: the value of {@code key=value}, {@code key: value} and {@code "key": "value"}
 * (also JSON-escaped) whose key names a password, secret, token or API key; and the same rules for a
 * value kept apart from its key (a label map: {@link #namesSecret()}, {@link #wholeValueIsSecret()}).
 */
final class KeyValueSecrets extends Recognizers {
    private static final int MAX_KEY = 64;
    private static final int MAX_QUOTED_VALUE = 16_384;

    KeyValueSecrets(ScanCursor cursor) {
        super(cursor);
    }

    /**
     * The key before a separator at {@code sepPos}, scanned backwards over spaces, closing quotes and
     * their escapes: {@code (ks << 32) | ke}, or -1 when there is none.
     */
    private long keyBefore(int sepPos) {
        final String s = this.s;
        int j = sepPos - 1;
        while (j >= 0 && sepPos - j <= 4 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
        }
        int quotes = 0;
        while (j >= 0 && quotes < 8 && (s.charAt(j) == '"' || s.charAt(j) == '\'' || s.charAt(j) == '\\')) {
            j--;
            quotes++;
        }
        int ke = j + 1;
        while (j >= 0 && ke - j <= MAX_KEY && isKeyChar(s.charAt(j))) {
            j--;
        }
        int ks = j + 1;
        return ks < ke ? (long) ks << 32 | ke : -1;
    }

    /**
     * This text is a key (of a label, an annotation, a JSON field): does a value under it count as a
     * SECRET? Yes when any part of it holds a keyword: a superset of {@link #keyValue}'s rule, which
     * reads only the identifier right before {@code =} or {@code :} ({@code password_fe80::1} names
     * a secret here, while in text only {@code 1} would be read as the key).
     */
    boolean namesSecret() {
        return hasSecretKeyword(0, n);
    }

    /**
     * This text is a value under a key that names a secret: the whole value, without trailing
     * whitespace, is a SECRET candidate, as {@link #keyValue} finds the quoted value of
     * {@code "password": "..."} (empty, null/true/false, masked and label values excepted).
     */
    void wholeValueIsSecret() {
        int e = n;
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t' || s.charAt(e - 1) == '\r'
                || s.charAt(e - 1) == '\n')) {
            e--;
        }
        if (e > 0 && !isLiteral(0, e)) {
            cursor.add(PiiType.SECRET, 0, e);
        }
    }

    /** At the separator of a possible {@code key=value} or {@code key: value}. */
    void keyValue(int sepPos, char sep) {
        final String s = this.s;
        final int n = this.n;
        // ---- the key, backwards: skip spaces, closing quotes and their escapes ----
        long key = keyBefore(sepPos);
        if (key < 0) {
            return;
        }
        int ks = (int) (key >>> 32);
        int ke = (int) key;
        if (!hasSecretKeyword(ks, ke)) {
            return;
        }
        // ---- the value ----
        int p = sepPos + 1;
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        if (p >= n) {
            return;
        }
        int vs;
        int ve;
        int bs = p;
        while (bs < n && s.charAt(bs) == '\\') {
            bs++;
        }
        char q = bs < n ? s.charAt(bs) : 0;
        if (q == '"' || q == '\'') {
            int slashes = bs - p;
            vs = bs + 1;
            ve = closingQuote(vs, slashes, q);
            if (ve < 0) {
                return;
            }
            // "...-----END PRIVATE KEY-----\n": trailing (escaped) whitespace is not part of it
            while (ve > vs) {
                char c = s.charAt(ve - 1);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    ve--;
                } else if (ve - 2 >= vs && s.charAt(ve - 2) == '\\' && (c == 'n' || c == 'r' || c == 't')) {
                    ve -= 2;
                } else {
                    break;
                }
            }
        } else {
            if (bs > p) {
                return; // an escape such as \n: no value
            }
            char c0 = s.charAt(p);
            if (c0 == '{' || c0 == '[' || c0 == '(' || c0 < 128 && (CLS[c0] & VALUE_END) != 0
                    || s.startsWith("${", p)) {
                return; // structure or a placeholder: "(sensitive value)", "${DB_PASSWORD}"
            }
            vs = p;
            ve = p;
            while (ve < n) {
                char c = s.charAt(ve);
                if (c < 128 && (CLS[c] & VALUE_END) != 0) {
                    break;
                }
                ve++;
            }
            if (ve - vs > 1 && s.charAt(ve - 1) == '.') {
                ve--; // end of a sentence
            }
            // prose ("invalid token: expired") vs. a field ("token: abc123", "X-Api-Key: abc", a YAML line)
            if (sep == ':' && isWord(vs, ve) && !identifierKey(ks, ke) && !fieldStart(ks)) {
                return;
            }
        }
        if (ve <= vs || isLiteral(vs, ve)) {
            return;
        }
        cursor.add(PiiType.SECRET, vs, ve);
    }

    /** End of a quoted value opened by {@code slashes} backslashes and the quote q, or -1. */
    private int closingQuote(int vs, int slashes, char q) {
        final String s = this.s;
        int lim = Math.min(n, vs + MAX_QUOTED_VALUE);
        for (int k = vs; k < lim; k++) {
            char c = s.charAt(k);
            if (slashes == 0) {
                if (c == '\\') {
                    k++;
                } else if (c == q) {
                    return k;
                } else if (c == '\n' && q == '\'') {
                    return -1;
                }
            } else if (c == '\\') {
                int r = k;
                while (r < lim && s.charAt(r) == '\\') {
                    r++;
                }
                if (r < lim && s.charAt(r) == q && r - k == slashes) {
                    return k;
                }
                k = r - 1;
            }
        }
        return -1;
    }

    private boolean isWord(int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isAlpha(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** db_password, X-Api-Key, spring.datasource.password, clientSecret: not a word of prose. */
    private boolean identifierKey(int ks, int ke) {
        for (int k = ks; k < ke; k++) {
            char c = s.charAt(k);
            if (c == '_' || c == '-' || c == '.' || (isUpper(c) && k > ks && s.charAt(k - 1) >= 'a' && s.charAt(k - 1) <= 'z')) {
                return true;
            }
        }
        return false;
    }

    /** The key starts a field (line start, after '{', ',' ...), rather than ending a phrase. */
    private boolean fieldStart(int ks) {
        int j = ks - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
        }
        if (j < 0) {
            return true;
        }
        char c = s.charAt(j);
        if ("\n\r{|([\"'`".indexOf(c) >= 0) {
            return true;
        }
        return j >= 1 && s.charAt(j - 1) == '\\' && (c == 'n' || c == 'r' || c == 't');
    }

    /** null, true, false, "****" (masked) or a label of the Privacy Shield ("[SECRET_1]"): not a value. */
    private boolean isLiteral(int vs, int ve) {
        int len = ve - vs;
        if (len == 4 && (cursor.matchesIgnoreCase(vs, ve, "null") || cursor.matchesIgnoreCase(vs, ve, "true"))) {
            return true;
        }
        if (len == 5 && cursor.matchesIgnoreCase(vs, ve, "false")) {
            return true;
        }
        if (isLabel(vs, ve)) {
            return true;
        }
        for (int k = vs; k < ve; k++) {
            if (s.charAt(k) != '*') {
                return false;
            }
        }
        return true; // "****": already masked
    }

    /** [vs, ve) is a pseudonym such as {@code [IP_1]}: '[', A-Z and '_', '_', 1-7 digits, ']'. */
    private boolean isLabel(int vs, int ve) {
        if (ve - vs < 5 || s.charAt(vs) != '[' || s.charAt(ve - 1) != ']' || !isUpper(s.charAt(vs + 1))) {
            return false;
        }
        int k = ve - 2;
        while (k > vs && isDigit(s.charAt(k))) {
            k--;
        }
        int digits = ve - 2 - k;
        if (digits < 1 || digits > 7 || s.charAt(k + 1) == '0' || s.charAt(k) != '_' || k == vs + 1) {
            return false;
        }
        for (int j = vs + 1; j < k; j++) {
            char c = s.charAt(j);
            if (!isUpper(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * The key contains password, passwd, pwd, secret, token, apikey, api_key, api-key, access_key
     * (accesskey, access-key), private_key (privatekey, private-key); client_secret is covered by
     * secret. Case-insensitive.
     */
    private boolean hasSecretKeyword(int ks, int ke) {
        final String s = this.s;
        for (int k = ks; k < ke; k++) {
            switch (s.charAt(k) | 0x20) {
                case 'p' -> {
                    if (cursor.matchesIgnoreCase(k, ke, "password") || cursor.matchesIgnoreCase(k, ke, "passwd")
                            || cursor.matchesIgnoreCase(k, ke, "pwd")
                            || cursor.matchesIgnoreCase(k, ke, "private") && keySuffix(k + 7, ke)) {
                        return true;
                    }
                }
                case 's' -> {
                    if (cursor.matchesIgnoreCase(k, ke, "secret")) {
                        return true;
                    }
                }
                case 't' -> {
                    if (cursor.matchesIgnoreCase(k, ke, "token")) {
                        return true;
                    }
                }
                case 'a' -> {
                    if (cursor.matchesIgnoreCase(k, ke, "api") && keySuffix(k + 3, ke)
                            || cursor.matchesIgnoreCase(k, ke, "access") && keySuffix(k + 6, ke)) {
                        return true;
                    }
                }
                default -> {
                    // not the first letter of a keyword
                }
            }
        }
        return false;
    }

    /** "key", "_key" or "-key" at k. */
    private boolean keySuffix(int k, int ke) {
        if (k < ke && (s.charAt(k) == '_' || s.charAt(k) == '-')) {
            k++;
        }
        return cursor.matchesIgnoreCase(k, ke, "key");
    }
}
