package io.awoooi.core.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Generates personal values and secrets of every text type the scanner finds, and the real-world
 * contexts they appear in (label keys such as {@code k_10.0.12.7}, ports, separators, quotes,
 * brackets, line breaks, non-ASCII letters). Deterministic for a given {@link Random}.
 */
public final class PiiSamples {
    /** One generated value and the type the scanner must report it as. */
    public record Value(Kind kind, String text) {
        public PiiType type() {
            return kind.type;
        }
    }

    /** The kinds generated; several forms of one type are separate kinds so that each is covered. */
    public enum Kind {
        IPV4(PiiType.IP, true),
        IPV6_FULL(PiiType.IP, false),
        IPV6_COMPRESSED(PiiType.IP, false),
        IPV6_ZONE(PiiType.IP, false),
        IPV6_V4_MAPPED(PiiType.IP, true),
        EMAIL(PiiType.EMAIL, false),
        MAC_COLON(PiiType.MAC, true),
        MAC_DASH(PiiType.MAC, true),
        MAC_DOT(PiiType.MAC, true),
        UUID(PiiType.UUID, true),
        JWT(PiiType.JWT, false),
        AWS_KEY(PiiType.AWS_KEY, true),
        GITHUB_TOKEN(PiiType.GITHUB_TOKEN, false),
        SLACK_TOKEN(PiiType.SLACK_TOKEN, false),
        STRIPE_KEY(PiiType.STRIPE_KEY, true),
        GOOGLE_API_KEY(PiiType.GOOGLE_API_KEY, true),
        CARD(PiiType.CARD, true),
        PHONE(PiiType.PHONE, true);

        final PiiType type;
        /**
         * The finding is exactly the value in every generated context. For the other kinds a
         * neighbouring character may be part of the value's own syntax ({@code _x} after a JWT is
         * base64url, {@code :9100} after {@code fe80::1} is one more group, {@code x-} before an
         * email is part of its local part), so the finding may be longer; it must still cover the value.
         */
        final boolean exact;

        Kind(PiiType type, boolean exact) {
            this.type = type;
            this.exact = exact;
        }

        public boolean exact() {
            return exact;
        }
    }

    /** What may precede a value in labels, label keys and log text. */
    public static final List<String> PREFIXES = List.of("", " ", "user_", "k_", "host=", "x-", "ip:", "addr: ",
            "\"", "'", "(", "[", "{", "<", ",", ";", "\n", "\r\n", "\t", "/", "@", "=", "é", "ü_", "名前=",
            "→", "from ", "\\n", "%20", "instance=\"", "{\"k\":\"");
    /** What may follow a value. */
    public static final List<String> SUFFIXES = List.of("", " ", ":9100", "_x", "-x", ".", "/metrics", "\"", "'",
            ")", "]", "}", ">", ",", ";", "\n", "\r\n", "é", "_é", ". Next", "=1", "?x=1", "#frag", "&", "|",
            "\\n", "%2F", "\",\"b\":1}");

    private static final String HEX = "0123456789abcdef";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64URL = ALNUM + "-_";
    private static final List<String> LOCAL_PARTS = List.of("alice", "bob.smith", "first_last", "ops+alerts",
            "j.doe-2", "Carol", "svc-backup", "x");
    private static final List<String> DOMAINS = List.of("example.com", "corp.example.co.uk", "my-corp.example.org",
            "mail.example.io", "example.net", "sub.domain.example.de", "example.dev", "EXAMPLE.COM",
            "xn--mnchen-3ya.de",
            "example.cloud");

    private final Random random;

    public PiiSamples(Random random) {
        this.random = random;
    }

    public Value next() {
        Kind[] kinds = Kind.values();
        return next(kinds[random.nextInt(kinds.length)]);
    }

    public Value next(Kind kind) {
        return new Value(kind, switch (kind) {
            case IPV4 -> ipv4();
            case IPV6_FULL -> ipv6Full();
            case IPV6_COMPRESSED -> ipv6Compressed();
            case IPV6_ZONE -> "fe80::" + Integer.toHexString(1 + random.nextInt(0xfff)) + "%"
                    + pick(List.of("eth0", "en1", "wlan0", "25eth0", "bond0.100", "vlan_7", "1"));
            case IPV6_V4_MAPPED -> "::ffff:" + ipv4();
            case EMAIL -> pick(LOCAL_PARTS) + "@" + pick(DOMAINS);
            case MAC_COLON -> mac(':');
            case MAC_DASH -> mac('-');
            case MAC_DOT -> macDotted();
            case UUID -> uuid();
            case JWT -> jwt();
            case AWS_KEY -> (random.nextBoolean() ? "AKIA" : "ASIA") + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            case GITHUB_TOKEN -> random.nextBoolean() ? "ghp_" + chars(ALNUM, 36)
                    : "github_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59);
            case SLACK_TOKEN -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(ALNUM, 24);
            case STRIPE_KEY -> pick(List.of("sk", "rk", "pk")) + "_live_" + chars(ALNUM, 24);
            case GOOGLE_API_KEY -> "AIza" + chars(B64URL, 34) + chars(ALNUM, 1);
            case CARD -> card();
            case PHONE -> pick(List.of("+1", "+44", "+49", "+33", "+81")) + (1 + random.nextInt(9)) + digits(9);
        });
    }

    public String prefix() {
        return pick(PREFIXES);
    }

    public String suffix() {
        return pick(SUFFIXES);
    }

    private String ipv4() {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private String ipv6Full() {
        while (true) {
            StringBuilder sb = new StringBuilder();
            boolean digit = false;
            boolean allPairs = true;
            for (int g = 0; g < 8; g++) {
                String group = Integer.toHexString(random.nextInt(0x10000));
                if (random.nextInt(4) == 0) {
                    group = "0000".substring(group.length()) + group;
                }
                digit |= group.chars().anyMatch(Character::isDigit);
                allPairs &= group.length() == 2;
                sb.append(g == 0 ? "" : ":").append(random.nextBoolean() ? group : group.toUpperCase());
            }
            if (digit && !allPairs) { // 8 groups of 2 hex digits is a WWN, not an address (documented rule)
                return sb.toString();
            }
        }
    }

    private String ipv6Compressed() {
        int before = random.nextInt(4);
        int after = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder(before == 0 ? "" : random.nextBoolean() ? "2001:db8" : "fd12");
        for (int g = 1; g < before; g++) {
            sb.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
        }
        sb.append("::");
        for (int g = 0; g < after; g++) {
            sb.append(g == 0 ? "" : ":").append(Integer.toHexString(1 + random.nextInt(0xffff)));
        }
        if (sb.chars().noneMatch(Character::isDigit)) {
            sb.append(":1");
        }
        return sb.toString();
    }

    private String mac(char sep) {
        StringBuilder sb = new StringBuilder();
        boolean upper = random.nextBoolean();
        for (int g = 0; g < 6; g++) {
            String pair = chars(HEX, 2);
            sb.append(g == 0 ? "" : String.valueOf(sep)).append(upper ? pair.toUpperCase() : pair);
        }
        return sb.toString();
    }

    private String macDotted() {
        while (true) {
            String mac = chars(HEX, 4) + "." + chars(HEX, 4) + "." + chars(HEX, 4);
            if (mac.chars().anyMatch(Character::isDigit)) { // "dead.beef.cafe" is a word, not a MAC (documented rule)
                return mac;
            }
        }
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + chars(ALNUM, 8) + "\",\"iat\":" + digits(10) + "}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] signature = new byte[32];
        random.nextBytes(signature);
        return header + "." + payload + "." + b64.encodeToString(signature);
    }

    private String card() {
        int[] d = new int[16];
        d[0] = 4 + random.nextInt(2);
        for (int k = 1; k < 15; k++) {
            d[k] = random.nextInt(10);
        }
        int sum = 0;
        for (int k = 14; k >= 0; k--) { // the check digit d[15] doubles d[14], d[12], ...
            int v = d[k];
            if ((14 - k) % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int v : d) {
            sb.append(v);
        }
        return sb.toString();
    }

    private String digits(int count) {
        return chars("0123456789", count);
    }

    private String chars(String alphabet, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int k = 0; k < count; k++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
