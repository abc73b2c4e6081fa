package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isHex;

import java.util.ArrayList;
import java.util.List;

/**
 * What the recognizer families of one scan share: the text, the boundary rules they all read (what
 * stands before a position, where a number ends) and the candidates found so far, resolved into
 * findings at the end ({@link #findings()}: sorted, and per overlap the container, else the more
 * specific type, else the longer). The main loop ({@link TextScan}) holds the position: it calls a
 * recognizer at a position and continues where the recognizer says.
 */
final class ScanCursor {
    // ---- overlap priorities (higher wins on equal spans and partial overlaps) ----
    private static final PiiType[] TYPES = PiiType.values();
    private static final int[] PRIORITY = new int[TYPES.length];

    static {
        for (PiiType t : TYPES) {
            PRIORITY[t.ordinal()] = switch (t) {
                case PRIVATE_KEY -> 90;
                case JWT -> 80;
                case CREDENTIALS -> 70;
                case AWS_KEY, AWS_SECRET, GITHUB_TOKEN, SLACK_TOKEN, STRIPE_KEY, GOOGLE_API_KEY -> 60;
                case SECRET -> 50;
                case BEARER -> 40;
                default -> 10;
            };
        }
    }

    /** The text. */
    final String s;
    /** Its length. */
    final int n;
    /** Candidates as (type ordinal, start, end) triplets. */
    private int[] cand;
    private int count;

    ScanCursor(String text) {
        this.s = text;
        this.n = text.length();
    }

    /**
     * The character before {@code i} as a boundary: the letter of a JSON escape ({@code \n}), the
     * last digit of {@code \u003c} or of a URL escape {@code %2F} reads as a space.
     */
    char before(int i) {
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
    boolean numberEndsAt(int p) {
        if (p >= n) {
            return true;
        }
        char c = s.charAt(p);
        if (isAlnum(c)) {
            return false;
        }
        return !((c == '.' || c == ',') && p + 1 < n && isDigit(s.charAt(p + 1)));
    }

    boolean matchesIgnoreCase(int at, int limit, String lowerWord) {
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

    boolean isHex4(int p) {
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

    void add(PiiType type, int start, int end) {
        if (end <= start) {
            return;
        }
        if (cand == null) {
            cand = new int[48];
        } else if (count * 3 == cand.length) {
            cand = java.util.Arrays.copyOf(cand, cand.length * 2);
        }
        int k = count * 3;
        cand[k] = type.ordinal();
        cand[k + 1] = start;
        cand[k + 2] = end;
        count++;
    }

    List<Finding> findings() {
        if (count == 0) {
            return List.of();
        }
        int[] c = cand;
        // insertion sort by (start asc, end desc): candidates arrive almost in order
        for (int a = 1; a < count; a++) {
            int t = c[a * 3];
            int st = c[a * 3 + 1];
            int en = c[a * 3 + 2];
            int b = a - 1;
            while (b >= 0 && (c[b * 3 + 1] > st || (c[b * 3 + 1] == st && c[b * 3 + 2] < en))) {
                c[(b + 1) * 3] = c[b * 3];
                c[(b + 1) * 3 + 1] = c[b * 3 + 1];
                c[(b + 1) * 3 + 2] = c[b * 3 + 2];
                b--;
            }
            c[(b + 1) * 3] = t;
            c[(b + 1) * 3 + 1] = st;
            c[(b + 1) * 3 + 2] = en;
        }
        int[] kept = new int[count];
        int top = -1;
        for (int a = 0; a < count; a++) {
            boolean keep = true;
            while (top >= 0) {
                int k = kept[top];
                if (c[k * 3 + 2] <= c[a * 3 + 1]) {
                    break;
                }
                if (beats(a, k)) {
                    top--;
                } else {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept[++top] = a;
            }
        }
        List<Finding> out = new ArrayList<>(top + 1);
        for (int x = 0; x <= top; x++) {
            int k = kept[x];
            out.add(new Finding(TYPES[c[k * 3]], c[k * 3 + 1], c[k * 3 + 2]));
        }
        return out;
    }

    /** Does candidate a win over the overlapping candidate k? */
    private boolean beats(int a, int k) {
        int[] c = cand;
        int as = c[a * 3 + 1];
        int ae = c[a * 3 + 2];
        int ks = c[k * 3 + 1];
        int ke = c[k * 3 + 2];
        int ap = PRIORITY[c[a * 3]];
        int kp = PRIORITY[c[k * 3]];
        if (as == ks && ae == ke) {
            return ap > kp;
        }
        if (as <= ks && ae >= ke) {
            return true; // a contains k
        }
        if (ks <= as && ke >= ae) {
            return false; // k contains a
        }
        if (ap != kp) {
            return ap > kp;
        }
        return ae - as > ke - ks;
    }
}
