package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isB64;
import static io.awoooi.core.privacy.Chars.isB64url;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isUpper;

/**
 * The formatted keys and tokens, recognized by their prefix or shape: JWT, AWS access key id, Google
 * API key, GitHub, Slack and Stripe tokens, and the 40-character AWS secret access key (a base64 run
 * next to an AWS secret keyword).
 */
final class TokenFormats extends Recognizers {
    static final int AWS_SECRET_LENGTH = 40;
    private static final int AWS_KEYWORD_WINDOW = 64;

    TokenFormats(ScanCursor cursor) {
        super(cursor);
    }

    /** At a '+' or '/': if a base64 run starts here and is exactly 40 long, check for an AWS secret. */
    void base64RunAt(int i) {
        if (isB64(cursor.before(i))) {
            return;
        }
        int j = i + 1;
        while (j < n && j - i <= AWS_SECRET_LENGTH && isB64(s.charAt(j))) {
            j++;
        }
        if (j - i == AWS_SECRET_LENGTH && (j >= n || !isB64(s.charAt(j)))) {
            awsSecret(i, j);
        }
    }

    /** [rs, re) is a base64 run of exactly 40: an AWS secret if it is mixed case and follows a keyword. */
    void awsSecret(int rs, int re) {
        if (re < n && s.charAt(re) == '=') {
            return;
        }
        boolean upper = false;
        boolean lower = false;
        for (int k = rs; k < re; k++) {
            char c = s.charAt(k);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        if (!upper || !lower) {
            return;
        }
        int from = Math.max(0, rs - AWS_KEYWORD_WINDOW);
        for (int k = rs - 6; k >= from; k--) {
            if ((s.charAt(k) | 0x20) == 's' && cursor.matchesIgnoreCase(k, rs, "secret")) {
                boolean aws = k >= 4 && cursor.matchesIgnoreCase(k - 4, k, "aws") && !isAlnum(s.charAt(k - 1));
                int after = k + 6;
                boolean access = cursor.matchesIgnoreCase(after, rs, "_access_key")
                        || cursor.matchesIgnoreCase(after, rs, "-access-key")
                        || cursor.matchesIgnoreCase(after, rs, "accesskey");
                if (aws || access) {
                    cursor.add(PiiType.AWS_SECRET, rs, re);
                    return;
                }
            }
        }
    }

    int jwt(int i) {
        final String s = this.s;
        if (i + 12 >= n || s.charAt(i + 1) != 'y' || s.charAt(i + 2) != 'J') {
            return -1;
        }
        int p = b64urlEnd(i);
        if (p - i < 10) {
            return -1;
        }
        int segments = 1;
        int thirdEnd = -1;
        while (segments < 5 && p < n && s.charAt(p) == '.') {
            int q = b64urlEnd(p + 1);
            if (q == p + 1) {
                if (segments == 2) {
                    p++; // unsecured JWT: "header.payload."
                    segments = 3;
                    thirdEnd = p;
                }
                break;
            }
            p = q;
            segments++;
            if (segments == 3) {
                thirdEnd = p;
            }
        }
        if (segments == 4) {
            p = thirdEnd;
        } else if (segments < 3) {
            return -1;
        }
        cursor.add(PiiType.JWT, i, p);
        return p;
    }

    private int b64urlEnd(int p) {
        while (p < n && isB64url(s.charAt(p))) {
            p++;
        }
        return p;
    }

    int awsKeyOrGoogle(int i) {
        final String s = this.s;
        if (s.startsWith("AKIA", i) || s.startsWith("ASIA", i)) {
            int e = i + 20;
            if (e > n) {
                return -1;
            }
            for (int k = i + 4; k < e; k++) {
                char c = s.charAt(k);
                if (!(isUpper(c) || isDigit(c))) {
                    return -1;
                }
            }
            if (e < n && isAlnum(s.charAt(e))) {
                return -1;
            }
            cursor.add(PiiType.AWS_KEY, i, e);
            return e;
        }
        if (s.startsWith("AIza", i)) {
            int e = i + 39;
            if (e > n) {
                return -1;
            }
            for (int k = i + 4; k < e; k++) {
                if (!isB64url(s.charAt(k))) {
                    return -1;
                }
            }
            if (e < n && isAlnum(s.charAt(e))) {
                return -1; // a longer word; '-' and '_' after the 39 characters separate (AIza..._x)
            }
            cursor.add(PiiType.GOOGLE_API_KEY, i, e);
            return e;
        }
        return -1;
    }

    int github(int i) {
        final String s = this.s;
        if (i + 4 < n && s.charAt(i + 1) == 'h' && s.charAt(i + 3) == '_' && "pousr".indexOf(s.charAt(i + 2)) >= 0) {
            int p = i + 4;
            while (p < n && isAlnum(s.charAt(p))) {
                p++;
            }
            if (p - i - 4 < 36) {
                return -1;
            }
            cursor.add(PiiType.GITHUB_TOKEN, i, p);
            return p;
        }
        if (s.startsWith("github_pat_", i)) {
            int p = i + 11;
            while (p < n && (isAlnum(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            if (p - i - 11 < 22) {
                return -1;
            }
            cursor.add(PiiType.GITHUB_TOKEN, i, p);
            return p;
        }
        return -1;
    }

    int slack(int i) {
        final String s = this.s;
        if (i + 15 > n || s.charAt(i + 1) != 'o' || s.charAt(i + 2) != 'x' || s.charAt(i + 4) != '-'
                || "baprse".indexOf(s.charAt(i + 3)) < 0) {
            return -1;
        }
        int p = i + 5;
        while (p < n && (isAlnum(s.charAt(p)) || s.charAt(p) == '-')) {
            p++;
        }
        while (p > i + 5 && s.charAt(p - 1) == '-') {
            p--;
        }
        if (p - i - 5 < 10) {
            return -1;
        }
        cursor.add(PiiType.SLACK_TOKEN, i, p);
        return p;
    }

    int stripe(int i) {
        final String s = this.s;
        if (i + 24 > n || s.charAt(i + 1) != 'k' || !s.startsWith("_live_", i + 2)) {
            return -1;
        }
        int p = i + 8;
        while (p < n && isAlnum(s.charAt(p))) {
            p++;
        }
        if (p - i - 8 < 16) {
            return -1;
        }
        cursor.add(PiiType.STRIPE_KEY, i, p);
        return p;
    }
}
