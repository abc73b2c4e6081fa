package io.awoooi.core.privacy;

import static io.awoooi.core.privacy.Chars.isAlnum;
import static io.awoooi.core.privacy.Chars.isDigit;
import static io.awoooi.core.privacy.Chars.isHex;
import static io.awoooi.core.privacy.Chars.isZone;

/**
 * The network address family: IPv4, IPv6 (compressed, zone ids, IPv4-mapped, an unbracketed port) and
 * MAC addresses (six hex pairs with {@code :} or {@code -}, the Cisco form {@code 0011.2233.4455}).
 * {@link TextScan} calls them at a run of hex digits by the separator that follows it.
 */
final class NetworkAddresses extends Recognizers {
    NetworkAddresses(ScanCursor cursor) {
        super(cursor);
    }

    /**
     * After a failed IPv6/MAC attempt on {@code h:h:h...}, skip the groups so that no suffix of the
     * chain (in {@code 1:2:3:4:5:6:7:8:9}, the last eight groups) is tried again.
     */
    int skipHexColonChain(int i) {
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

    int ipv4(int i) {
        char b = cursor.before(i);
        if (b == '.' || isAlnum(b)) {
            return -1;
        }
        int e = ipv4End(i);
        if (e < 0 || !addressEndsAt(e)) {
            return -1;
        }
        cursor.add(PiiType.IP, i, e);
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
    int ipv6(int i) {
        char b = cursor.before(i);
        if (isAlnum(b) || b == ':' && s.charAt(i) == ':' && i >= 2 && s.charAt(i - 2) == ':'
                || b == '.' && i >= 2 && isDigit(s.charAt(i - 2))) {
            return -1;
        }
        int e = ipv6End(i);
        if (e < 0 || !addressEndsAt(e)) {
            return -1;
        }
        cursor.add(PiiType.IP, i, e);
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

    /**
     * Six two-digit hex groups separated by {@code sep} (':' or '-'). Not a MAC: a seventh or
     * earlier group of two hex digits with the same shape (an EUI-64 or WWN chain). Anything else may
     * follow: {@code aa:bb:cc:dd:ee:ff:9100}, {@code aa:bb:cc:dd:ee:ff_x}, {@code ...-ff-x}.
     */
    int mac(int i, char sep) {
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
        char b = cursor.before(i);
        if (b == sep && i >= 3 && isHex(s.charAt(i - 2)) && isHex(s.charAt(i - 3))
                && (i == 3 || !isAlnum(s.charAt(i - 4)))) {
            return -1;
        }
        cursor.add(PiiType.MAC, i, e);
        return e;
    }

    /**
     * The Cisco form of a MAC, three groups of four hex digits separated by dots
     * ({@code 0011.2233.4455}), with at least one digit ({@code dead.beef.cafe} is words). Not part
     * of a longer dotted name: no {@code .} before it, no {@code .} + letter or digit after it.
     */
    int macDotted(int i) {
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
        if (!digit || cursor.before(i) == '.' || e < n && (isAlnum(s.charAt(e))
                || s.charAt(e) == '.' && e + 1 < n && isAlnum(s.charAt(e + 1)))) {
            return -1;
        }
        cursor.add(PiiType.MAC, i, e);
        return e;
    }
}
