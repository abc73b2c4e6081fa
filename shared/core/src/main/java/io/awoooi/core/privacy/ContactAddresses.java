package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isAlpha;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isLocalOrIntl;

/**
 * The contact family: email addresses (found at the {@code @} or {@code %40}, scanning back over the
 * local part) and E.164 phone numbers (at the {@code +}).
 */
final class ContactAddresses extends Recognizers {
    private static final int MAX_LOCAL = 64;

    /** Common generic TLDs, after which a '-' ends an address (alice@example.com-x); any 2 letters (ccTLD) too. */
    private static final java.util.Set<String> COMMON_TLDS = java.util.Set.of("com", "org", "net", "edu", "gov",
            "mil", "int", "info", "biz", "name", "pro", "io", "ai", "app", "dev", "cloud", "tech", "online", "site",
            "xyz", "email");

    ContactAddresses(ScanCursor cursor) {
        super(cursor);
    }

    int phone(int i) {
        final String s = this.s;
        final int n = this.n;
        char b = cursor.before(i);
        if (isAlnum(b) || b == '+') {
            return -1;
        }
        int p = i + 1;
        if (p >= n || s.charAt(p) < '1' || s.charAt(p) > '9') {
            return -1;
        }
        int digits = 0;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
            digits++;
        }
        while (p + 1 < n && (s.charAt(p) == ' ' || s.charAt(p) == '-') && isDigit(s.charAt(p + 1))) {
            int q = p + 1;
            while (q < n && isDigit(s.charAt(q))) {
                q++;
            }
            int len = q - p - 1;
            if (digits + len > 15) {
                return -1; // part of a longer number
            }
            if (len < 2 && !(q + 1 < n && (s.charAt(q) == ' ' || s.charAt(q) == '-') && isDigit(s.charAt(q + 1)))) {
                break; // "+49 151 12345678 5 retries": a lone last digit is not part of the phone
            }
            digits += len;
            p = q;
        }
        if (digits < 8 || digits > 15) {
            return -1;
        }
        if (!cursor.numberEndsAt(p)) {
            return -1;
        }
        cursor.add(PiiType.PHONE, i, p);
        return p;
    }

    /** {@code at} is the '@' (or the '%' of "%40"), {@code ds} the first character of the domain. */
    int email(int at, int ds) {
        final String s = this.s;
        final int n = this.n;
        int ls = at;
        while (ls > 0 && at - ls <= MAX_LOCAL && isLocalOrIntl(s.charAt(ls - 1))) {
            ls--;
        }
        if (at - ls > MAX_LOCAL || ls == at) {
            return ds;
        }
        if (ls > 0 && s.charAt(ls - 1) == '\\') {
            char e = s.charAt(ls);
            if (e == 'n' || e == 't' || e == 'r' || e == 'b' || e == 'f') {
                ls++;
            } else if (e == 'u' && ls + 5 <= at && cursor.isHex4(ls + 1)) {
                ls += 5;
            }
        }
        while (ls < at && (s.charAt(ls) == '.' || s.charAt(ls) == '-' || s.charAt(ls) == '+')) {
            ls++;
        }
        if (ls >= at || s.charAt(at - 1) == '.') {
            return ds;
        }
        if (ls >= 1 && s.charAt(ls - 1) == '/' && ls >= 2 && (s.charAt(ls - 2) == '/' || s.charAt(ls - 2) == '\\')) {
            return ds; // scheme://user@host: a URL user, not an address
        }
        // the domain: labels of letters, digits and '-', ending at the last label that is a TLD
        int p = ds;
        int labels = 0;
        int end = -1;
        while (p < n) {
            int st = p;
            while (p < n && (isAlnum(s.charAt(p)) || s.charAt(p) == '-')) {
                p++;
            }
            if (p == st || p - st > 63 || s.charAt(st) == '-') {
                break;
            }
            labels++;
            if (labels >= 2) {
                int t = tldEnd(st, p);
                if (t > 0) {
                    end = t;
                }
            }
            if (s.charAt(p - 1) != '-' && p + 1 < n && s.charAt(p) == '.' && isAlnum(s.charAt(p + 1))) {
                p++;
                continue;
            }
            break;
        }
        if (end < 0) {
            return ds; // user@localhost, user@10.0.0.1 (only the IP is found), root@db.prod-01: no TLD
        }
        if (end < n) {
            char c = s.charAt(end);
            if (c == '@' || c == ':' && (scpPath(end + 1) || lineAndColumn(end + 1))) {
                // git@github.com:org/repo.git, deploy@host.example.com:/srv: scp syntax;
                // render@app.js:10:15: a JavaScript stack frame. Not mail addresses.
                return ds;
            }
        }
        cursor.add(PiiType.EMAIL, ls, end);
        return end;
    }

    /**
     * Where a top-level domain that is the label [st, e) ends, or -1: letters only ({@code com});
     * punycode ({@code xn--p1ai}); or a common TLD followed by {@code -} ({@code alice@example.com-x}:
     * a TLD never holds a '-', so the address ends before it). Letters then digits ({@code com1}) or
     * another word before the '-' ({@code root@db.prod-01}, a host name) are not TLDs.
     */
    private int tldEnd(int st, int e) {
        if (e - st >= 5 && cursor.matchesIgnoreCase(st, e, "xn--") && s.charAt(e - 1) != '-') {
            return e;
        }
        int k = st;
        while (k < e && isAlpha(s.charAt(k))) {
            k++;
        }
        if (k - st < 2) {
            return -1;
        }
        if (k == e) {
            return e;
        }
        if (s.charAt(k) != '-') {
            return -1;
        }
        if (k - st == 2) {
            return k;
        }
        return COMMON_TLDS.contains(s.substring(st, k).toLowerCase(java.util.Locale.ROOT)) ? k : -1;
    }

    /**
     * After {@code user@host:}, a path of scp syntax: {@code /} or {@code ~}, or a segment of
     * {@code [A-Za-z0-9._~-]} that is not a port (not only digits), followed by {@code /} or ending
     * in {@code .git}.
     */
    private boolean scpPath(int p) {
        if (p < n && (s.charAt(p) == '/' || s.charAt(p) == '~')) {
            return true;
        }
        int st = p;
        boolean letter = false;
        while (p < n && p - st < 256) {
            char c = s.charAt(p);
            if (!(isAlnum(c) || c == '.' || c == '_' || c == '~' || c == '-')) {
                break;
            }
            letter |= !isDigit(c);
            p++;
        }
        if (p == st || !letter) {
            return false;
        }
        return p < n && s.charAt(p) == '/' || p - st >= 4 && cursor.matchesIgnoreCase(p - 4, p, ".git");
    }

    /** At p, {@code line:column} of a stack frame: digits, ':', a digit. */
    private boolean lineAndColumn(int p) {
        int q = p;
        while (q < n && q - p < 7 && isDigit(s.charAt(q))) {
            q++;
        }
        return q > p && q + 1 < n && s.charAt(q) == ':' && isDigit(s.charAt(q + 1));
    }
}
