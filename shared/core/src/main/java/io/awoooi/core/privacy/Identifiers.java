package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isHex;

/**
 * The fixed-shape numbers that identify a thing or a person: UUIDs and payment cards (13-19 digits,
 * plain or grouped, Luhn-checked). {@link TextScan} calls them at a run of hex digits.
 */
final class Identifiers extends Recognizers {
    /** End of the last card, so that a grouped card right after it is not taken for a chain's tail. */
    private int lastCardEnd = -2;

    Identifiers(ScanCursor cursor) {
        super(cursor);
    }

    int uuid(int i) {
        final String s = this.s;
        if (i + 36 > n) {
            return -1;
        }
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return -1;
                }
            } else if (!isHex(c)) {
                return -1;
            }
        }
        int e = i + 36;
        if (e < n && isAlnum(s.charAt(e))) {
            return -1;
        }
        cursor.add(PiiType.UUID, i, e);
        return e;
    }

    int card(int i) {
        final String s = this.s;
        final int n = this.n;
        char first = s.charAt(i);
        if (first < '2' || first > '6') {
            return -1;
        }
        char b = cursor.before(i);
        if (b == '.' || b == '+' || isAlnum(b)) {
            return -1; // a decimal fraction, a phone number, a word
        }
        int p = i;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
        }
        int run = p - i;
        if (run >= 13) {
            if (run > 19 || !cursor.numberEndsAt(p) || !luhn(i, p)) {
                return -1;
            }
            cursor.add(PiiType.CARD, i, p);
            lastCardEnd = p;
            return p;
        }
        if (run != 4 || p >= n) {
            return -1;
        }
        char sep = s.charAt(p);
        if (sep != ' ' && sep != '-') {
            return -1;
        }
        if (b == sep && i >= 2 && isDigit(s.charAt(i - 2)) && i - 1 != lastCardEnd) {
            return -1; // inside a longer chain of digit groups
        }
        // the whole chain of 3-6 digit groups with the same separator is the card: 13-19 digits
        // ("4111 1111 1111 1111 1111" is a 20-digit number, not a card)
        int digits = 4;
        int groups = 1;
        while (p + 1 < n && s.charAt(p) == sep && isDigit(s.charAt(p + 1))) {
            int q = p + 1;
            while (q < n && isDigit(s.charAt(q))) {
                q++;
            }
            int len = q - p - 1;
            if (len < 3 || len > 6) {
                break;
            }
            digits += len;
            groups++;
            p = q;
            if (digits > 19) {
                return -1;
            }
        }
        if (digits < 13 || groups < 3 || !cursor.numberEndsAt(p) || !luhn(i, p)) {
            return -1;
        }
        cursor.add(PiiType.CARD, i, p);
        lastCardEnd = p;
        return p;
    }

    private boolean luhn(int from, int to) {
        int sum = 0;
        boolean twice = false;
        for (int k = to - 1; k >= from; k--) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
