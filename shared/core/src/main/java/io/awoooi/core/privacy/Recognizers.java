package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isHex;

/**
 * A family of recognizers over the shared cursor of one scan. Each recognizer is called by the main loop
 * ({@link TextScan}) at a position where its value can start, checks its own boundaries, reports a
 * match to the cursor ({@link ScanCursor#add}) and returns where the loop continues: past the match,
 * or a position not after the one it was called at when nothing matched (the loop then goes on by
 * itself).
 *
 * <p>The text and its length are fields of every family, and the boundary rules they all read (what
 * stands before a position, where a number ends, a word at a position) are methods here over those
 * fields: a recognizer reads one {@code this.s}, as the single class did before the split. Reading
 * the text through the cursor instead ({@code cursor.s}) made the JIT load and range-check a second
 * field for the same string on every look-back, measurably slower on long runs of short words
 * (ADR 0024).
 */
abstract class Recognizers {
    final ScanCursor cursor;
    final String s;
    final int n;

    Recognizers(ScanCursor cursor) {
        this.cursor = cursor;
        this.s = cursor.s;
        this.n = cursor.n;
    }

    /**
     * The character before {@code i} as a boundary: the letter of a JSON escape ({@code \n}), the
     * last digit of {@code \u003c} or of a URL escape {@code %2F} reads as a space.
     */
    final char before(int i) {
        if (i <= 0) {
            return ' ';
        }
        char p = s.charAt(i - 1);
        if (i >= 2 && s.charAt(i - 2) == '\\' && (p == 'n' || p == 't' || p == 'r' || p == 'b' || p == 'f')) {
            return ' ';
        }
        if (i >= 6 && s.charAt(i - 6) == '\\' && s.charAt(i - 5) == 'u' && isHex4(i - 4)) {
            return ' ';
        }
        if (i >= 3 && s.charAt(i - 3) == '%' && isHex(s.charAt(i - 2)) && isHex(p)) {
            return ' ';
        }
        return p;
    }

    /** No letter, digit or '.'/','+digit continues the number at p ('_' is a separator: card_x). */
    final boolean numberEndsAt(int p) {
        if (p >= n) {
            return true;
        }
        char c = s.charAt(p);
        if (isAlnum(c)) {
            return false;
        }
        return !((c == '.' || c == ',') && p + 1 < n && isDigit(s.charAt(p + 1)));
    }

    final boolean matchesIgnoreCase(int at, int limit, String lowerWord) {
        int len = lowerWord.length();
        if (at < 0 || at + len > limit || at + len > n) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char w = lowerWord.charAt(k);
            char c = s.charAt(at + k);
            if (w >= 'a' && w <= 'z' ? (c | 0x20) != w : c != w) {
                return false;
            }
        }
        return true;
    }

    final boolean isHex4(int p) {
        if (p + 4 > n) {
            return false;
        }
        for (int k = p; k < p + 4; k++) {
            if (!isHex(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
