package io.awoooi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data and secrets planted into generated webhooks, so that a leak scan can look for every
 * one of them afterwards: each value is unique (drawn from the generator's random source) and has a
 * fixed, distinctive shape that the Privacy Shield's scanner recognises on its own, so one regular
 * expression ({@link #SHAPES}) finds every occurrence of any planted value in any text, whatever
 * surrounds it (a longer word, a JSON string, a URL-encoded {@code @}), and a set lookup says
 * whether it is one that was sent.
 *
 * <table>
 * <caption>Shapes</caption>
 * <tr><th>kind</th><th>example</th></tr>
 * <tr><td>EMAIL</td><td>{@code s1a2b3c4d@fz0a1b2c.example.com}</td></tr>
 * <tr><td>IP</td><td>{@code 198.18.123.145} (198.18.0.0/15, the benchmarking range; three-digit octets, so no
 *     planted address is a prefix of another)</td></tr>
 * <tr><td>AWS_KEY</td><td>{@code AKIA} and 16 of {@code A-Z2-7}</td></tr>
 * <tr><td>GITHUB_TOKEN</td><td>{@code ghp_} and 36 letters and digits</td></tr>
 * <tr><td>JWT</td><td>an HS256 header, a {@code sub} claim of 16 hex digits, a 43-character signature</td></tr>
 * <tr><td>SECRET</td><td>{@code Pw} and 16 hex digits, only ever written after a key that names a password</td></tr>
 * </table>
 */
public final class PlantedValues {

    /** The kinds of value, each with the Privacy Shield type it must be found as. */
    public enum Kind {
        EMAIL,
        IP,
        AWS_KEY,
        GITHUB_TOKEN,
        JWT,
        SECRET
    }

    private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiJ9";
    private static final String HEX = "0123456789abcdef";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64URL = ALNUM + "-_";

    /**
     * Every shape, as found in text: an email's {@code @} may also read {@code %40} or
     * {@code \u0040} (URL- or JSON-escaped); {@link #normalise} turns such a match back into the value.
     */
    public static final Pattern SHAPES = Pattern.compile(String.join("|",
            "s[0-9a-f]{8}(?:@|%40|\\\\u0040)fz[0-9a-f]{6}\\.example\\.com",
            "198\\.1[89]\\.[12][0-9]{2}\\.[12][0-9]{2}",
            "AKIA[A-Z2-7]{16}",
            "ghp_[A-Za-z0-9]{36}",
            JWT_HEADER + "\\.[A-Za-z0-9_-]{35}\\.[A-Za-z0-9_-]{43}",
            "Pw[0-9a-f]{16}"));

    private PlantedValues() {
    }

    /** A new value of {@code kind} from {@code random}. */
    public static String of(Kind kind, Random random) {
        return switch (kind) {
            case EMAIL -> "s" + pick(random, HEX, 8) + "@fz" + pick(random, HEX, 6) + ".example.com";
            case IP -> "198.1" + (8 + random.nextInt(2)) + "." + (100 + random.nextInt(156)) + "."
                    + (100 + random.nextInt(155));
            case AWS_KEY -> "AKIA" + pick(random, BASE32, 16);
            case GITHUB_TOKEN -> "ghp_" + pick(random, ALNUM, 36);
            case JWT -> JWT_HEADER + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"sub\":\"" + pick(random, HEX, 16) + "\"}").getBytes(StandardCharsets.US_ASCII))
                    + "." + pick(random, B64URL, 43);
            case SECRET -> "Pw" + pick(random, HEX, 16);
        };
    }

    /** A new value of any kind but SECRET (which needs a key naming a password before it). */
    public static String any(Random random) {
        Kind[] free = {Kind.EMAIL, Kind.IP, Kind.AWS_KEY, Kind.GITHUB_TOKEN, Kind.JWT};
        return of(free[random.nextInt(free.length)], random);
    }

    /** A match of {@link #SHAPES} as the value it stands for (an escaped {@code @} read back). */
    public static String normalise(String match) {
        return match.replace("%40", "@").replace("\\u0040", "@");
    }

    /**
     * Where in {@code text} one of {@code planted} occurs: the offsets of every occurrence, in order.
     * Finds a value also inside a longer word and with its {@code @} escaped.
     */
    public static List<Occurrence> find(CharSequence text, Set<String> planted) {
        List<Occurrence> found = new ArrayList<>();
        Matcher m = SHAPES.matcher(text);
        while (m.find()) {
            String value = normalise(m.group());
            if (planted.contains(value)) {
                found.add(new Occurrence(m.start(), value));
            }
        }
        return found;
    }

    /** One planted value found in a text: where, and the value (never print it: print its kind and length). */
    public record Occurrence(int offset, String value) {
        /** What may be printed about it: kind and length, not the value. */
        public String describe() {
            return kindOf(value) + " of " + value.length() + " chars at offset " + offset;
        }
    }

    /** The kind of a planted value, by its shape. */
    public static String kindOf(String value) {
        if (value.contains("@")) {
            return "EMAIL";
        } else if (value.startsWith("198.1")) {
            return "IP";
        } else if (value.startsWith("AKIA")) {
            return "AWS_KEY";
        } else if (value.startsWith("ghp_")) {
            return "GITHUB_TOKEN";
        } else if (value.startsWith(JWT_HEADER)) {
            return "JWT";
        } else if (value.startsWith("Pw")) {
            return "SECRET";
        }
        return "VALUE";
    }

    private static String pick(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
