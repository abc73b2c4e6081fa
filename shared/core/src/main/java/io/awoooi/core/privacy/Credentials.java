package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.BEARER_CHAR;
import static io.awoooi.core.privacy.Chars.CLS;
import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isB64;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isUpper;

/**
 * The credentials family: the userinfo {@code user:pass} of a URL, {@code curl -u user:pass}, the token
 * after {@code Bearer}, and PEM private key blocks.
 */
final class Credentials extends Recognizers {
    private static final int MAX_PEM = 65_536;

    Credentials(ScanCursor cursor) {
        super(cursor);
    }

    /** At a '-': a PEM block whose label holds PRIVATE KEY, whole or truncated, as PRIVATE_KEY. */
    int privateKey(int i) {
        final String s = this.s;
        if (i + 16 >= n || s.charAt(i + 1) != '-' || !s.startsWith("-----BEGIN ", i)) {
            return i + 1;
        }
        int ls = i + 11;
        int p = ls;
        while (p < n && p - ls < 48 && (isUpper(s.charAt(p)) || s.charAt(p) == ' ')) {
            p++;
        }
        if (!s.startsWith("-----", p) || !contains(ls, p, "PRIVATE KEY")) {
            return i + 1;
        }
        int body = p + 5;
        int end = s.indexOf("-----END ", body);
        if (end >= 0 && end - body <= MAX_PEM) {
            int q = end + 9;
            while (q < n && q - end < 60 && (isUpper(s.charAt(q)) || s.charAt(q) == ' ')) {
                q++;
            }
            if (s.startsWith("-----", q)) {
                cursor.add(PiiType.PRIVATE_KEY, i, q + 5);
                return q + 5;
            }
        }
        // truncated: the block runs over its base64 body (and its real or escaped newlines)
        int e = body;
        while (e < n && e - body <= MAX_PEM) {
            char c = s.charAt(e);
            if (isB64(c) || c == '=' || c == '\\' || c == '\r' || c == '\n' || c == ' ' || c == ':' || c == ',' || c == '-') {
                e++;
            } else {
                break;
            }
        }
        while (e > body) {
            char c = s.charAt(e - 1);
            if (c == ' ' || c == '\r' || c == '\n' || c == '\\' || c == '-') {
                e--;
            } else if (c == 'n' && e - 2 >= body && s.charAt(e - 2) == '\\') {
                e -= 2;
            } else {
                break;
            }
        }
        cursor.add(PiiType.PRIVATE_KEY, i, e);
        return Math.max(e, i + 1);
    }

    /** {@code curl -u user:pass} / {@code --user user:pass}: CREDENTIALS, in a curl command only. */
    int curlUser(int flag, int p) {
        final String s = this.s;
        char b = cursor.before(flag);
        if (b != ' ' && b != '\t') {
            return flag + 1;
        }
        int lineStart = flag;
        while (lineStart > 0 && flag - lineStart < 256 && s.charAt(lineStart - 1) != '\n') {
            lineStart--;
        }
        if (!contains(lineStart, flag, "curl ")) {
            return flag + 1; // docker run -u 1000:1000, sort -u ...
        }
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
            p++;
        }
        int vs = p;
        int colon = -1;
        while (p < n) {
            char c = s.charAt(p);
            if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == '`') {
                break;
            }
            if (c == ':' && colon < 0) {
                colon = p;
            }
            p++;
        }
        if (colon < 0 || colon == p - 1) {
            return flag + 1;
        }
        cursor.add(PiiType.CREDENTIALS, vs, p);
        return p;
    }

    /** At the ':' of {@code scheme://}: the userinfo {@code user:pass} before the host. */
    int urlUserinfo(int i) {
        final String s = this.s;
        int a;
        if (s.startsWith("//", i + 1)) {
            a = i + 3;
        } else if (s.startsWith("\\/\\/", i + 1)) {
            a = i + 5;
        } else {
            return -1;
        }
        if (i == 0 || !isAlnum(s.charAt(i - 1))) {
            return a;
        }
        int e = a;
        int lastAt = -1;
        int lim = Math.min(n, a + 512);
        while (e < lim) {
            char c = s.charAt(e);
            if (c == '@') {
                lastAt = e;
            } else if (c == '/' || c == '?' || c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>'
                    || c == '\\' || c == '`') {
                // ('#' does not end it: an unencoded '#' in a password is more common than a fragment with '@')
                break;
            }
            e++;
        }
        if (lastAt < 0) {
            return a;
        }
        int colon = a;
        while (colon < lastAt && s.charAt(colon) != ':') {
            colon++;
        }
        if (colon >= lastAt - 1) {
            return a; // no password: scheme://user@host is not a credential
        }
        cursor.add(PiiType.CREDENTIALS, a, lastAt);
        return lastAt + 1;
    }

    /** "Bearer" + spaces + a b64token with a digit (or 20+ characters); continues at the token. */
    int bearer(int i) {
        final String s = this.s;
        final int n = this.n;
        if (i + 7 >= n || !cursor.matchesIgnoreCase(i, n, "bearer")) {
            return -1;
        }
        int p = i + 6;
        if (s.charAt(p) != ' ' && s.charAt(p) != '\t') {
            return -1;
        }
        while (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        int ts = p;
        boolean digit = false;
        while (p < n) {
            char c = s.charAt(p);
            if (c >= 128 || (CLS[c] & BEARER_CHAR) == 0) {
                break;
            }
            digit |= isDigit(c);
            p++;
        }
        int te = p;
        while (te > ts && s.charAt(te - 1) == '.') {
            te--;
        }
        int len = te - ts;
        if (len < 6 || (!digit && len < 20)) {
            return -1;
        }
        cursor.add(PiiType.BEARER, ts, te);
        return ts;
    }

    private boolean contains(int from, int to, String word) {
        for (int k = from; k + word.length() <= to; k++) {
            if (s.startsWith(word, k)) {
                return true;
            }
        }
        return false;
    }
}
