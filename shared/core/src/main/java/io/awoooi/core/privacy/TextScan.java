package io.awoooi.core.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * One scan of one text: the single pass and its recognizers.
 *
 * <p>The main loop ({@link #run()}) visits every character once. A letter or digit is the start of a
 * word (the previous character is never a letter or digit, because the loop skips whole words); the
 * first character picks the few recognizers that can start there, and if none matches the loop
 * skips to the end of the word. Every other ASCII character is looked up in a table: {@code @} and
 * {@code %40} (email, scanning back over the local part), {@code +} (phone), {@code -} (PEM block,
 * {@code curl -u}),
 * {@code :} (IPv6 starting with {@code ::}, URL userinfo after {@code ://}, {@code key: value}),
 * {@code =} ({@code key=value}), {@code /} (start of a base64 run, for AWS secrets) and
 * {@code \} (JSON escapes such as {@code \n}, {@code \"}, {@code \/} and {@code \u003c} count as
 * separators, so {@code \n10.0.0.1} is an IP; so are URL escapes such as {@code %2F}). Recognizers
 * check their own boundaries and return where the loop continues.
 *
 * <p>Candidates may overlap (a SECRET value that is also a JWT, an email found by scanning back);
 * {@link #findings()} sorts them and keeps, per overlap, the container, else the more specific type,
 * else the longer.
 */
final class TextScan {
    // ---- character classes (ASCII only; everything >= 128 is "other") ----
    private static final int DIGIT = 1;
    private static final int HEX = 1 << 1;
    private static final int ALPHA = 1 << 2;
    private static final int UPPER = 1 << 3;
    private static final int ALNUM = 1 << 4;
    /** [A-Za-z0-9+/]: the alphabet of AWS secret access keys. */
    private static final int B64 = 1 << 5;
    /** [A-Za-z0-9_-]: base64url, JWT segments and Google API keys. */
    private static final int B64URL = 1 << 6;
    /** [A-Za-z0-9._%+-]: email local part (the usual subset of RFC 5322 atext). */
    private static final int LOCAL = 1 << 7;
    /** [A-Za-z0-9-._~+/=]: RFC 6750 b64token. */
    private static final int BEARER_CHAR = 1 << 8;
    /** Characters that end an unquoted key=value value. */
    private static final int VALUE_END = 1 << 9;
    /** [A-Za-z0-9_.-]: a key of key=value. */
    private static final int KEY = 1 << 10;
    /** [A-Za-z0-9_.~-]: an IPv6 zone id. */
    private static final int ZONE = 1 << 11;

    private static final int[] CLS = new int[128];

    // ---- main loop actions ----
    private static final byte A_NONE = 0;
    private static final byte A_WORD = 1;
    private static final byte A_AT = 2;
    private static final byte A_PERCENT = 3;
    private static final byte A_PLUS = 4;
    private static final byte A_SLASH = 5;
    private static final byte A_DASH = 6;
    private static final byte A_COLON = 7;
    private static final byte A_EQUALS = 8;
    private static final byte A_BACKSLASH = 9;
    private static final byte[] ACTION = new byte[128];

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
            ACTION[c] = alnum ? A_WORD : A_NONE;
        }
        ACTION['@'] = A_AT;
        ACTION['%'] = A_PERCENT;
        ACTION['+'] = A_PLUS;
        ACTION['/'] = A_SLASH;
        ACTION['-'] = A_DASH;
        ACTION[':'] = A_COLON;
        ACTION['='] = A_EQUALS;
        ACTION['\\'] = A_BACKSLASH;
    }

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

    private static final int MAX_LOCAL = 64;
    private static final int MAX_KEY = 64;
    private static final int MAX_QUOTED_VALUE = 16_384;
    private static final int MAX_PEM = 65_536;
    private static final int AWS_SECRET_LENGTH = 40;
    private static final int AWS_KEYWORD_WINDOW = 64;

    private final String s;
    private final int n;
    /** Candidates as (type ordinal, start, end) triplets. */
    private int[] cand;
    private int count;
    /** End of the last card, so that a grouped card right after it is not taken for a chain's tail. */
    private int lastCardEnd = -2;

    TextScan(String text) {
        this.s = text;
        this.n = text.length();
    }

    // =====================================================================================
    // main loop
    // =====================================================================================

    void run() {
        final String s = this.s;
        final int n = this.n;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128) {
                i++;
                continue;
            }
            switch (ACTION[c]) {
                case A_WORD -> i = word(i, c);
                case A_AT -> i = email(i, i + 1);
                case A_PERCENT -> i = percent(i);
                case A_PLUS -> i = plus(i);
                case A_SLASH -> i = slash(i);
                case A_DASH -> i = dash(i);
                case A_COLON -> i = colon(i);
                case A_EQUALS -> i = equals(i);
                case A_BACKSLASH -> i = backslash(i);
                default -> i++;
            }
        }
    }

    /** At the first letter or digit of a word. */
    private int word(int i, char c) {
        int r;
        if ((CLS[c] & HEX) != 0) {
            r = hexStart(i);
            if (r > i) {
                return r;
            }
        }
        switch (c) {
            case 'e' -> {
                r = jwt(i);
                if (r > i) {
                    return r;
                }
            }
            case 'A' -> {
                r = awsKeyOrGoogle(i);
                if (r > i) {
                    return r;
                }
            }
            case 'g' -> {
                r = github(i);
                if (r > i) {
                    return r;
                }
            }
            case 'x' -> {
                r = slack(i);
                if (r > i) {
                    return r;
                }
            }
            case 's', 'r', 'p' -> {
                r = stripe(i);
                if (r > i) {
                    return r;
                }
            }
            case 'B', 'b' -> {
                r = bearer(i);
                if (r > i) {
                    return r;
                }
            }
            default -> {
                // no prefix recognizer starts with this letter
            }
        }
        return skipWord(i);
    }

    /** Skips a word; at the start of a base64 run also checks for an AWS secret access key. */
    private int skipWord(int i) {
        final String s = this.s;
        final int n = this.n;
        int j = i + 1;
        if (isB64(before(i))) {
            while (j < n && isAlnum(s.charAt(j))) {
                j++;
            }
            return j;
        }
        int wordEnd = -1;
        while (j < n) {
            char c = s.charAt(j);
            if (c >= 128) {
                break;
            }
            int f = CLS[c];
            if ((f & B64) == 0) {
                break;
            }
            if (wordEnd < 0 && (f & ALNUM) == 0) {
                wordEnd = j;
            }
            j++;
        }
        if (j - i == AWS_SECRET_LENGTH) {
            awsSecret(i, j);
        }
        return wordEnd < 0 ? j : wordEnd;
    }

    /** A JSON escape: {@code \n}-like escapes and {@code \u0000} are skipped as separators. */
    private int backslash(int i) {
        int j = i + 1;
        while (j < n && s.charAt(j) == '\\') {
            j++;
        }
        if (j >= n) {
            return j;
        }
        char c = s.charAt(j);
        if (c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f') {
            return j + 1;
        }
        if (c == 'u' && j + 4 < n && isHex4(j + 1)) {
            return j + 5;
        }
        return j;
    }

    /**
     * The character before {@code i} as a boundary: the letter of a JSON escape ({@code \n}), the
     * last digit of {@code \u003c} or of a URL escape {@code %2F} reads as a space.
     */
    private char before(int i) {
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

    // =====================================================================================
    // digits and hex: IPv4, IPv6, UUID, MAC, card
    // =====================================================================================

    private int hexStart(int i) {
        final String s = this.s;
        final int n = this.n;
        int lim = Math.min(n, i + 9);
        int j = i;
        boolean digits = true;
        while (j < lim) {
            char c = s.charAt(j);
            if (!isHex(c)) {
                break;
            }
            if (c > '9') {
                digits = false;
            }
            j++;
        }
        int len = j - i;
        char sep = j < n ? s.charAt(j) : 0;
        switch (sep) {
            case '.' -> {
                if (digits && len <= 3) {
                    return ipv4(i);
                }
                return len == 4 ? macDotted(i) : -1;
            }
            case '-' -> {
                if (len == 8) {
                    return uuid(i);
                }
                if (len == 2) {
                    return mac(i, '-');
                }
                return digits && len == 4 ? card(i) : -1;
            }
            case ':' -> {
                // both: ab:cd:ef:12:34:56:7:8 is an IPv6 address whose first six groups look like a MAC
                // (the overlap rule keeps the longer)
                int r = len == 2 ? mac(i, ':') : -1;
                if (len <= 4) {
                    r = Math.max(r, ipv6(i));
                }
                return r > i ? r : skipHexColonChain(i);
            }
            case ' ' -> {
                return digits && len == 4 ? card(i) : -1;
            }
            default -> {
                return digits && len == 9 ? card(i) : -1;
            }
        }
    }

    /**
     * After a failed IPv6/MAC attempt on {@code h:h:h...}, skip the groups so that no suffix of the
     * chain (in {@code 1:2:3:4:5:6:7:8:9}, the last eight groups) is tried again.
     */
    private int skipHexColonChain(int i) {
        int p = i;
        while (true) {
            int q = p;
            while (q < n && q - p < 4 && isHex(s.charAt(q))) {
                q++;
            }
            if (q == p || q >= n || s.charAt(q) != ':') {
                break;
            }
            p = q + 1;
            if (p < n && s.charAt(p) == ':') {
                p++; // also over "::" (1::2::3)
            }
        }
        return p;
    }

    private int ipv4(int i) {
        char b = before(i);
        if (b == '.' || isAlnum(b)) {
            return -1;
        }
        int e = ipv4End(i);
        if (e < 0 || !addressEndsAt(e)) {
            return -1;
        }
        add(PiiType.IP, i, e);
        return e;
    }

    /** End of four dotted octets 0-255 (no leading zeros) starting at i, or -1. */
    private int ipv4End(int i) {
        final String s = this.s;
        final int n = this.n;
        int p = i;
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                if (p >= n || s.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
            int st = p;
            int v = 0;
            while (p < n && p - st < 4 && isDigit(s.charAt(p))) {
                v = v * 10 + (s.charAt(p) - '0');
                p++;
            }
            int len = p - st;
            if (len == 0 || len > 3 || v > 255 || (len > 1 && s.charAt(st) == '0')) {
                return -1;
            }
        }
        return p;
    }

    /**
     * IPv6 starting at a hex digit or at the first colon of {@code ::}. Before it: anything but a
     * letter or digit (glued: part of a word), a digit and '.' (part of a dotted number: 1.2::3)
     * and, for {@code ::}, a second colon ({@code :::1} is {@code :} then {@code ::1},
     * {@code ::::1} nothing); so {@code user_fe80::1}, {@code ip:::1} and {@code host.fe80::1}
     * are addresses.
     */
    private int ipv6(int i) {
        char b = before(i);
        if (isAlnum(b) || b == ':' && s.charAt(i) == ':' && i >= 2 && s.charAt(i - 2) == ':'
                || b == '.' && i >= 2 && isDigit(s.charAt(i - 2))) {
            return -1;
        }
        int e = ipv6End(i);
        if (e < 0 || !addressEndsAt(e)) {
            return -1;
        }
        add(PiiType.IP, i, e);
        return e;
    }

    /**
     * The boundary after an IP address: no letter or digit glued to it, and no {@code .digit}
     * (1.2.3.4.5 is a version). Separators of label keys and log text ({@code _ - . : / = , ;}
     * quotes, brackets, non-ASCII letters) end it: {@code 10.0.0.1_x}, {@code fe80::1.}.
     */
    private boolean addressEndsAt(int e) {
        if (e >= n) {
            return true;
        }
        char c = s.charAt(e);
        return !isAlnum(c) && !(c == '.' && e + 1 < n && isDigit(s.charAt(e + 1)));
    }

    private int ipv6End(int i) {
        final String s = this.s;
        final int n = this.n;
        int p = i;
        int groups = 0;
        boolean compressed = false;
        boolean sawDigit = false;
        boolean allPairs = true; // 8 groups of 2 hex digits: an EUI-64 or Fibre Channel WWN
        if (s.charAt(p) == ':') {
            if (p + 2 >= n || s.charAt(p + 1) != ':' || !isHex(s.charAt(p + 2))) {
                return -1;
            }
            compressed = true;
            p += 2;
        }
        int prevEnd = -1; // end of the last group counted
        while (true) {
            int st = p;
            boolean digit = false;
            while (p < n && p - st < 5 && isHex(s.charAt(p))) {
                if (s.charAt(p) <= '9') {
                    digit = true;
                }
                p++;
            }
            int len = p - st;
            if (len == 0) {
                return -1;
            }
            if (p < n && s.charAt(p) == '.') {
                // trailing dotted IPv4 (::ffff:10.0.0.1); otherwise the '.' ends the address ("fe80::1.")
                int e = ipv4End(st);
                if (e >= 0 && groups <= 6) {
                    groups += 2;
                    p = e;
                    sawDigit = true;
                    break;
                }
            }
            if (len > 4) {
                return -1;
            }
            if (groups >= (compressed ? 7 : 8)) {
                // one group too many: 2001:db8:0:0:0:0:0:1:9100 and 2001:db8::1:2:3:4:5:9100 are an
                // address and its port without brackets (RFC 5952 §6); otherwise not an address
                if (isPort(st, p) && !(p < n && (s.charAt(p) == ':' || s.charAt(p) == '.'))) {
                    p = prevEnd;
                    break;
                }
                return -1;
            }
            sawDigit |= digit;
            allPairs &= len == 2;
            groups++;
            prevEnd = p;
            if (p + 1 < n && s.charAt(p) == ':') {
                char next = s.charAt(p + 1);
                if (next == ':') {
                    if (compressed) {
                        return -1;
                    }
                    compressed = true;
                    p += 2;
                    if (p < n && isHex(s.charAt(p))) {
                        continue;
                    }
                    break;
                }
                if (isHex(next)) {
                    p++;
                    continue;
                }
            }
            break;
        }
        if (!sawDigit || (compressed ? groups > 7 : groups != 8 || allPairs)) {
            return -1;
        }
        if (p + 1 < n && s.charAt(p) == '%' && isZone(s.charAt(p + 1)) && !urlEscapeAt(p)) {
            int zone = p;
            p++;
            while (p < n && isZone(s.charAt(p))) {
                p++;
            }
            while (p > zone + 1 && s.charAt(p - 1) == '.') {
                p--; // "fe80::1%eth0." ends a sentence
            }
            if (p == zone + 1) {
                p = zone;
            }
        }
        return p;
    }

    /**
     * {@code %2F}, {@code %3A}: a URL escape, not a zone id (a hex letter in the pair; {@code %25} is
     * the escaped '%' of RFC 6874, after which the zone follows, and decimal pairs such as
     * {@code %12} are Windows interface indexes).
     */
    private boolean urlEscapeAt(int p) {
        if (p + 2 >= n || !isHex(s.charAt(p + 1)) || !isHex(s.charAt(p + 2))) {
            return false;
        }
        return s.charAt(p + 1) > '9' || s.charAt(p + 2) > '9';
    }

    /** At p, {@code line:column} of a stack frame: digits, ':', a digit. */
    private boolean lineAndColumn(int p) {
        int q = p;
        while (q < n && q - p < 7 && isDigit(s.charAt(q))) {
            q++;
        }
        return q > p && q + 1 < n && s.charAt(q) == ':' && isDigit(s.charAt(q + 1));
    }

    /** [st, e) is a port after an address: 2-5 decimal digits, at most 65535. */
    private boolean isPort(int st, int e) {
        if (e - st < 2 || e - st > 5) {
            return false;
        }
        int v = 0;
        for (int k = st; k < e; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65_535;
    }

    private int uuid(int i) {
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
        add(PiiType.UUID, i, e);
        return e;
    }

    /**
     * Six two-digit hex groups separated by {@code sep} (':' or '-'). Not a MAC: a seventh or
     * earlier group of two hex digits with the same shape (an EUI-64 or WWN chain). Anything else may
     * follow: {@code aa:bb:cc:dd:ee:ff:9100}, {@code aa:bb:cc:dd:ee:ff_x}, {@code ...-ff-x}.
     */
    private int mac(int i, char sep) {
        final String s = this.s;
        if (i + 17 > n) {
            return -1;
        }
        for (int k = 0; k < 17; k++) {
            char c = s.charAt(i + k);
            if (k % 3 == 2) {
                if (c != sep) {
                    return -1;
                }
            } else if (!isHex(c)) {
                return -1;
            }
        }
        int e = i + 17;
        if (e < n) {
            char c = s.charAt(e);
            if (isAlnum(c) || (c == ':' || c == '-') && e + 2 < n && isHex(s.charAt(e + 1)) && isHex(s.charAt(e + 2))
                    && (e + 3 >= n || !isAlnum(s.charAt(e + 3)))) {
                return -1; // glued, or a seventh group
            }
        }
        // not the tail of a longer chain: "xx" + sep right before
        char b = before(i);
        if (b == sep && i >= 3 && isHex(s.charAt(i - 2)) && isHex(s.charAt(i - 3))
                && (i == 3 || !isAlnum(s.charAt(i - 4)))) {
            return -1;
        }
        add(PiiType.MAC, i, e);
        return e;
    }

    /**
     * The Cisco form of a MAC, three groups of four hex digits separated by dots
     * ({@code 0011.2233.4455}), with at least one digit ({@code dead.beef.cafe} is words). Not part
     * of a longer dotted name: no {@code .} before it, no {@code .} + letter or digit after it.
     */
    private int macDotted(int i) {
        final String s = this.s;
        if (i + 14 > n) {
            return -1;
        }
        boolean digit = false;
        for (int k = 0; k < 14; k++) {
            char c = s.charAt(i + k);
            if (k == 4 || k == 9) {
                if (c != '.') {
                    return -1;
                }
            } else if (!isHex(c)) {
                return -1;
            } else {
                digit |= c <= '9';
            }
        }
        int e = i + 14;
        if (!digit || before(i) == '.' || e < n && (isAlnum(s.charAt(e))
                || s.charAt(e) == '.' && e + 1 < n && isAlnum(s.charAt(e + 1)))) {
            return -1;
        }
        add(PiiType.MAC, i, e);
        return e;
    }

    private int card(int i) {
        final String s = this.s;
        final int n = this.n;
        char first = s.charAt(i);
        if (first < '2' || first > '6') {
            return -1;
        }
        char b = before(i);
        if (b == '.' || b == '+' || isAlnum(b)) {
            return -1; // a decimal fraction, a phone number, a word
        }
        int p = i;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
        }
        int run = p - i;
        if (run >= 13) {
            if (run > 19 || !numberEndsAt(p) || !luhn(i, p)) {
                return -1;
            }
            add(PiiType.CARD, i, p);
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
        if (digits < 13 || groups < 3 || !numberEndsAt(p) || !luhn(i, p)) {
            return -1;
        }
        add(PiiType.CARD, i, p);
        lastCardEnd = p;
        return p;
    }

    /** No letter, digit or '.'/','+digit continues the number at p ('_' is a separator: card_x). */
    private boolean numberEndsAt(int p) {
        if (p >= n) {
            return true;
        }
        char c = s.charAt(p);
        if (isAlnum(c)) {
            return false;
        }
        return !((c == '.' || c == ',') && p + 1 < n && isDigit(s.charAt(p + 1)));
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

    // =====================================================================================
    // '+' phone, '/' base64 run
    // =====================================================================================

    private int plus(int i) {
        int r = phone(i);
        if (r > i) {
            return r;
        }
        base64RunAt(i);
        return i + 1;
    }

    private int phone(int i) {
        final String s = this.s;
        final int n = this.n;
        char b = before(i);
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
        if (!numberEndsAt(p)) {
            return -1;
        }
        add(PiiType.PHONE, i, p);
        return p;
    }

    private int slash(int i) {
        base64RunAt(i);
        return i + 1;
    }

    /** At a '+' or '/': if a base64 run starts here and is exactly 40 long, check for an AWS secret. */
    private void base64RunAt(int i) {
        if (isB64(before(i))) {
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
    private void awsSecret(int rs, int re) {
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
            if ((s.charAt(k) | 0x20) == 's' && matchesIgnoreCase(k, rs, "secret")) {
                boolean aws = k >= 4 && matchesIgnoreCase(k - 4, k, "aws") && !isAlnum(s.charAt(k - 1));
                int after = k + 6;
                boolean access = matchesIgnoreCase(after, rs, "_access_key")
                        || matchesIgnoreCase(after, rs, "-access-key")
                        || matchesIgnoreCase(after, rs, "accesskey");
                if (aws || access) {
                    add(PiiType.AWS_SECRET, rs, re);
                    return;
                }
            }
        }
    }

    // =====================================================================================
    // '@' and '%40': email
    // =====================================================================================

    /** "%40" is an encoded '@'; any other "%XX" escape is a separator like a JSON escape. */
    private int percent(int i) {
        if (i + 3 < n && s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
            return email(i, i + 3);
        }
        if (i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
            return i + 3;
        }
        return i + 1;
    }

    /** {@code at} is the '@' (or the '%' of "%40"), {@code ds} the first character of the domain. */
    private int email(int at, int ds) {
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
            } else if (e == 'u' && ls + 5 <= at && isHex4(ls + 1)) {
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
        add(PiiType.EMAIL, ls, end);
        return end;
    }

    /** Common generic TLDs, after which a '-' ends an address (alice@example.com-x); any 2 letters (ccTLD) too. */
    private static final java.util.Set<String> COMMON_TLDS = java.util.Set.of("com", "org", "net", "edu", "gov",
            "mil", "int", "info", "biz", "name", "pro", "io", "ai", "app", "dev", "cloud", "tech", "online", "site",
            "xyz", "email");

    /**
     * Where a top-level domain that is the label [st, e) ends, or -1: letters only ({@code com});
     * punycode ({@code xn--p1ai}); or a common TLD followed by {@code -} ({@code alice@example.com-x}:
     * a TLD never holds a '-', so the address ends before it). Letters then digits ({@code com1}) or
     * another word before the '-' ({@code root@db.prod-01}, a host name) are not TLDs.
     */
    private int tldEnd(int st, int e) {
        if (e - st >= 5 && matchesIgnoreCase(st, e, "xn--") && s.charAt(e - 1) != '-') {
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
        return p < n && s.charAt(p) == '/' || p - st >= 4 && matchesIgnoreCase(p - 4, p, ".git");
    }

    // =====================================================================================
    // '-': PEM private key block
    // =====================================================================================

    private int dash(int i) {
        final String s = this.s;
        if (i + 3 < n && s.charAt(i + 1) == 'u' && s.charAt(i + 2) == ' ') {
            return curlUser(i, i + 3);
        }
        if (i + 7 < n && s.charAt(i + 1) == '-' && s.charAt(i + 2) == 'u' && s.startsWith("--user", i)
                && (s.charAt(i + 6) == ' ' || s.charAt(i + 6) == '=')) {
            return curlUser(i, i + 7);
        }
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
                add(PiiType.PRIVATE_KEY, i, q + 5);
                return q + 5;
            }
        }
        // truncated: the block runs over its base64 body (and its real or escaped newlines)
        int e = body;
        while (e < n && e - body <= MAX_PEM) {
            char c = s.charAt(e);
            if (isB64(c) || c == '=' || c == '\\' || c == '\r' || c == '\n' || c == ' ' || c == ':' || c == ','
                    || c == '-') {
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
        add(PiiType.PRIVATE_KEY, i, e);
        return Math.max(e, i + 1);
    }

    /** {@code curl -u user:pass} / {@code --user user:pass}: CREDENTIALS, in a curl command only. */
    private int curlUser(int flag, int p) {
        final String s = this.s;
        char b = before(flag);
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
        add(PiiType.CREDENTIALS, vs, p);
        return p;
    }

    // =====================================================================================
    // ':' and '=': IPv6 "::", URL userinfo, key/value secrets
    // =====================================================================================

    private int colon(int i) {
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (next == ':') {
            int r = ipv6(i);
            if (r > i) {
                return r;
            }
            // "ip:::1": the first colon separates, the address may start at the second
            return i + 2 < n && s.charAt(i + 2) == ':' ? i + 1 : i + 2;
        }
        if (next == '/' || next == '\\') {
            int r = credentials(i);
            if (r > i) {
                return r;
            }
        }
        keyValue(i, ':');
        return i + 1;
    }

    private int equals(int i) {
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (next == '=' || next == '>' || next == '~') {
            return i + 2;
        }
        char prev = i > 0 ? s.charAt(i - 1) : 0;
        if (prev == '!' || prev == '<' || prev == '>' || prev == '=' || prev == ':') {
            return i + 1;
        }
        keyValue(i, '=');
        return i + 1;
    }

    /** At the ':' of {@code scheme://}: the userinfo {@code user:pass} before the host. */
    private int credentials(int i) {
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
        add(PiiType.CREDENTIALS, a, lastAt);
        return lastAt + 1;
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
            add(PiiType.SECRET, 0, e);
        }
    }

    /** At the separator of a possible {@code key=value} or {@code key: value}. */
    private void keyValue(int sepPos, char sep) {
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
        add(PiiType.SECRET, vs, ve);
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
            if (c == '_' || c == '-' || c == '.'
                    || (isUpper(c) && k > ks && s.charAt(k - 1) >= 'a' && s.charAt(k - 1) <= 'z')) {
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
        if (len == 4 && (matchesIgnoreCase(vs, ve, "null") || matchesIgnoreCase(vs, ve, "true"))) {
            return true;
        }
        if (len == 5 && matchesIgnoreCase(vs, ve, "false")) {
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
                    if (matchesIgnoreCase(k, ke, "password") || matchesIgnoreCase(k, ke, "passwd")
                            || matchesIgnoreCase(k, ke, "pwd")
                            || matchesIgnoreCase(k, ke, "private") && keySuffix(k + 7, ke)) {
                        return true;
                    }
                }
                case 's' -> {
                    if (matchesIgnoreCase(k, ke, "secret")) {
                        return true;
                    }
                }
                case 't' -> {
                    if (matchesIgnoreCase(k, ke, "token")) {
                        return true;
                    }
                }
                case 'a' -> {
                    if (matchesIgnoreCase(k, ke, "api") && keySuffix(k + 3, ke)
                            || matchesIgnoreCase(k, ke, "access") && keySuffix(k + 6, ke)) {
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
        return matchesIgnoreCase(k, ke, "key");
    }

    // =====================================================================================
    // prefix recognizers: JWT, AWS key id, Google API key, GitHub, Slack, Stripe, Bearer
    // =====================================================================================

    private int jwt(int i) {
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
        add(PiiType.JWT, i, p);
        return p;
    }

    private int b64urlEnd(int p) {
        while (p < n && isB64url(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private int awsKeyOrGoogle(int i) {
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
            add(PiiType.AWS_KEY, i, e);
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
            add(PiiType.GOOGLE_API_KEY, i, e);
            return e;
        }
        return -1;
    }

    private int github(int i) {
        final String s = this.s;
        if (i + 4 < n && s.charAt(i + 1) == 'h' && s.charAt(i + 3) == '_' && "pousr".indexOf(s.charAt(i + 2)) >= 0) {
            int p = i + 4;
            while (p < n && isAlnum(s.charAt(p))) {
                p++;
            }
            if (p - i - 4 < 36) {
                return -1;
            }
            add(PiiType.GITHUB_TOKEN, i, p);
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
            add(PiiType.GITHUB_TOKEN, i, p);
            return p;
        }
        return -1;
    }

    private int slack(int i) {
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
        add(PiiType.SLACK_TOKEN, i, p);
        return p;
    }

    private int stripe(int i) {
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
        add(PiiType.STRIPE_KEY, i, p);
        return p;
    }

    /** "Bearer" + spaces + a b64token with a digit (or 20+ characters); continues at the token. */
    private int bearer(int i) {
        final String s = this.s;
        final int n = this.n;
        if (i + 7 >= n || !matchesIgnoreCase(i, n, "bearer")) {
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
        add(PiiType.BEARER, ts, te);
        return ts;
    }

    // =====================================================================================
    // candidates and overlaps
    // =====================================================================================

    private void add(PiiType type, int start, int end) {
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

    // =====================================================================================
    // character helpers
    // =====================================================================================

    private boolean matchesIgnoreCase(int at, int limit, String lowerWord) {
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

    private boolean contains(int from, int to, String word) {
        for (int k = from; k + word.length() <= to; k++) {
            if (s.startsWith(word, k)) {
                return true;
            }
        }
        return false;
    }

    private boolean isHex4(int p) {
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

    private static boolean is(char c, int cls) {
        return c < 128 && (CLS[c] & cls) != 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return is(c, HEX);
    }

    private static boolean isAlpha(char c) {
        return is(c, ALPHA);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAlnum(char c) {
        return is(c, ALNUM);
    }

    private static boolean isB64(char c) {
        return is(c, B64);
    }

    private static boolean isB64url(char c) {
        return is(c, B64URL);
    }

    /** A local-part character, including non-ASCII letters and digits (RFC 6531: jörg@example.de). */
    private static boolean isLocalOrIntl(char c) {
        return c < 128 ? (CLS[c] & LOCAL) != 0 : Character.isLetterOrDigit(c);
    }

    private static boolean isKeyChar(char c) {
        return is(c, KEY);
    }

    private static boolean isZone(char c) {
        return is(c, ZONE);
    }
}
