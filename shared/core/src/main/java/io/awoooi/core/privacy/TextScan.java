package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.ALNUM;
import static io.awoooi.core.privacy.Chars.B64;
import static io.awoooi.core.privacy.Chars.CLS;
import static io.awoooi.core.privacy.Chars.HEX;
import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isB64;
import static io.awoooi.core.privacy.Chars.isHex;

import java.util.List;

/**
 * One scan of one text: the single pass, which hands each position to the recognizer families.
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
 * <p>The recognizers live in six families over one shared {@link ScanCursor} (the text, the
 * boundary rules and the candidates): {@link NetworkAddresses} (IP, MAC), {@link Identifiers}
 * (UUID, card), {@link ContactAddresses} (email, phone), {@link TokenFormats} (JWT and the
 * formatted keys and tokens), {@link Credentials} (URL userinfo, {@code curl -u}, Bearer, PEM
 * private keys) and {@link KeyValueSecrets} (SECRET). This class holds only the dispatch: which
 * family is asked at which character.
 *
 * <p>Candidates may overlap (a SECRET value that is also a JWT, an email found by scanning back);
 * {@link #findings()} sorts them and keeps, per overlap, the container, else the more specific type,
 * else the longer.
 */
final class TextScan {
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
            ACTION[c] = isAlnum((char) c) ? A_WORD : A_NONE;
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

    private final String s;
    private final int n;
    private final ScanCursor cursor;
    private final NetworkAddresses addresses;
    private final Identifiers identifiers;
    private final ContactAddresses contacts;
    private final TokenFormats tokens;
    private final Credentials credentials;
    private final KeyValueSecrets secrets;

    TextScan(String text) {
        this.s = text;
        this.n = text.length();
        this.cursor = new ScanCursor(text);
        this.addresses = new NetworkAddresses(cursor);
        this.identifiers = new Identifiers(cursor);
        this.contacts = new ContactAddresses(cursor);
        this.tokens = new TokenFormats(cursor);
        this.credentials = new Credentials(cursor);
        this.secrets = new KeyValueSecrets(cursor);
    }

    /** This text is a key: does a value under it count as a SECRET ({@link KeyValueSecrets#namesSecret()})? */
    boolean namesSecret() {
        return secrets.namesSecret();
    }

    /** This text is a value under a key that names a secret ({@link KeyValueSecrets#wholeValueIsSecret()}). */
    void wholeValueIsSecret() {
        secrets.wholeValueIsSecret();
    }

    /** The findings of the candidates so far ({@link ScanCursor#findings()}). */
    List<Finding> findings() {
        return cursor.findings();
    }

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
                case A_AT -> i = contacts.email(i, i + 1);
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
                r = tokens.jwt(i);
                if (r > i) {
                    return r;
                }
            }
            case 'A' -> {
                r = tokens.awsKeyOrGoogle(i);
                if (r > i) {
                    return r;
                }
            }
            case 'g' -> {
                r = tokens.github(i);
                if (r > i) {
                    return r;
                }
            }
            case 'x' -> {
                r = tokens.slack(i);
                if (r > i) {
                    return r;
                }
            }
            case 's', 'r', 'p' -> {
                r = tokens.stripe(i);
                if (r > i) {
                    return r;
                }
            }
            case 'B', 'b' -> {
                r = credentials.bearer(i);
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
        if (isB64(cursor.before(i))) {
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
        if (j - i == TokenFormats.AWS_SECRET_LENGTH) {
            tokens.awsSecret(i, j);
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
        if (c == 'u' && j + 4 < n && cursor.isHex4(j + 1)) {
            return j + 5;
        }
        return j;
    }

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
                    return addresses.ipv4(i);
                }
                return len == 4 ? addresses.macDotted(i) : -1;
            }
            case '-' -> {
                if (len == 8) {
                    return identifiers.uuid(i);
                }
                if (len == 2) {
                    return addresses.mac(i, '-');
                }
                return digits && len == 4 ? identifiers.card(i) : -1;
            }
            case ':' -> {
                // both: ab:cd:ef:12:34:56:7:8 is an IPv6 address whose first six groups look like a MAC
                // (the overlap rule keeps the longer)
                int r = len == 2 ? addresses.mac(i, ':') : -1;
                if (len <= 4) {
                    r = Math.max(r, addresses.ipv6(i));
                }
                return r > i ? r : addresses.skipHexColonChain(i);
            }
            case ' ' -> {
                return digits && len == 4 ? identifiers.card(i) : -1;
            }
            default -> {
                return digits && len == 9 ? identifiers.card(i) : -1;
            }
        }
    }

    private int plus(int i) {
        int r = contacts.phone(i);
        if (r > i) {
            return r;
        }
        tokens.base64RunAt(i);
        return i + 1;
    }

    private int slash(int i) {
        tokens.base64RunAt(i);
        return i + 1;
    }

    /** "%40" is an encoded '@'; any other "%XX" escape is a separator like a JSON escape. */
    private int percent(int i) {
        if (i + 3 < n && s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
            return contacts.email(i, i + 3);
        }
        if (i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
            return i + 3;
        }
        return i + 1;
    }

    private int dash(int i) {
        final String s = this.s;
        if (i + 3 < n && s.charAt(i + 1) == 'u' && s.charAt(i + 2) == ' ') {
            return credentials.curlUser(i, i + 3);
        }
        if (i + 7 < n && s.charAt(i + 1) == '-' && s.charAt(i + 2) == 'u' && s.startsWith("--user", i)
                && (s.charAt(i + 6) == ' ' || s.charAt(i + 6) == '=')) {
            return credentials.curlUser(i, i + 7);
        }
        return credentials.privateKey(i);
    }

    private int colon(int i) {
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if (next == ':') {
            int r = addresses.ipv6(i);
            if (r > i) {
                return r;
            }
            // "ip:::1": the first colon separates, the address may start at the second
            return i + 2 < n && s.charAt(i + 2) == ':' ? i + 1 : i + 2;
        }
        if (next == '/' || next == '\\') {
            int r = credentials.urlUserinfo(i);
            if (r > i) {
                return r;
            }
        }
        secrets.keyValue(i, ':');
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
        secrets.keyValue(i, '=');
        return i + 1;
    }
}
