package io.awoooi.core.action;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 512Mi}, {@code 1.5G}, {@code 250m}, {@code 1e9}) as an
 * exact decimal number of base units (bytes for memory, cores for cpu), parsed the way the API
 * server's {@code resource.Quantity} does, without regular expressions:
 * <pre>
 * quantity ::= sign? number suffix
 * number   ::= digits | digits "." digits? | "." digits
 * suffix   ::= "" | binarySI | decimalSI | ("e" | "E") sign? digits
 * binarySI ::= Ki | Mi | Gi | Ti | Pi | Ei          (powers of 1024)
 * decimalSI::= m | k | M | G | T | P | E            (powers of 1000; a lone E is exa)
 * </pre>
 * Two quantities compare by value ({@code 1Gi} equals {@code 1024Mi}, {@code 0.5} equals
 * {@code 500m}); the text is kept as written for messages.
 *
 * @param value the amount in base units, exact
 * @param text the quantity as written
 */
public record Quantity(BigDecimal value, String text) implements Comparable<Quantity> {
    /** Longer input is refused before parsing: no quantity an operator writes needs more. */
    public static final int MAX_LENGTH = 32;
    /** Decimal exponents beyond this are refused (1e99 bytes is nobody's memory limit). */
    private static final int MAX_EXPONENT = 99;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(text, "text");
    }

    /** The quantity {@code text} stands for, or empty when it is not a Kubernetes quantity. */
    public static Optional<Quantity> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int i = 0;
        boolean negative = false;
        if (text.charAt(0) == '+' || text.charAt(0) == '-') {
            negative = text.charAt(0) == '-';
            i++;
        }
        int intStart = i;
        while (i < text.length() && digit(text.charAt(i))) {
            i++;
        }
        String whole = text.substring(intStart, i);
        String fraction = "";
        if (i < text.length() && text.charAt(i) == '.') {
            int fracStart = ++i;
            while (i < text.length() && digit(text.charAt(i))) {
                i++;
            }
            fraction = text.substring(fracStart, i);
        }
        if (whole.isEmpty() && fraction.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(
                (whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        Optional<BigDecimal> multiplier = multiplier(text.substring(i));
        if (multiplier.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = number.multiply(multiplier.get());
        return Optional.of(new Quantity(negative ? value.negate() : value, text));
    }

    /** The factor of a suffix: binary SI, decimal SI or a decimal exponent; empty for anything else. */
    private static Optional<BigDecimal> multiplier(String suffix) {
        switch (suffix) {
            case "" :
                return Optional.of(BigDecimal.ONE);
            case "m" :
                return Optional.of(BigDecimal.ONE.divide(THOUSAND));
            case "k" :
                return Optional.of(THOUSAND);
            case "M" :
                return Optional.of(THOUSAND.pow(2));
            case "G" :
                return Optional.of(THOUSAND.pow(3));
            case "T" :
                return Optional.of(THOUSAND.pow(4));
            case "P" :
                return Optional.of(THOUSAND.pow(5));
            case "E" :
                return Optional.of(THOUSAND.pow(6));
            case "Ki" :
                return Optional.of(KIBI);
            case "Mi" :
                return Optional.of(KIBI.pow(2));
            case "Gi" :
                return Optional.of(KIBI.pow(3));
            case "Ti" :
                return Optional.of(KIBI.pow(4));
            case "Pi" :
                return Optional.of(KIBI.pow(5));
            case "Ei" :
                return Optional.of(KIBI.pow(6));
            default :
                return exponent(suffix);
        }
    }

    /** {@code e3}, {@code E-2}, {@code e+6}: ten to that power. */
    private static Optional<BigDecimal> exponent(String suffix) {
        if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
            return Optional.empty();
        }
        int i = 1;
        boolean negative = false;
        if (suffix.charAt(i) == '+' || suffix.charAt(i) == '-') {
            negative = suffix.charAt(i) == '-';
            i++;
        }
        if (i == suffix.length() || suffix.length() - i > 2) {
            return Optional.empty();
        }
        for (int j = i; j < suffix.length(); j++) {
            if (!digit(suffix.charAt(j))) {
                return Optional.empty();
            }
        }
        int power = Integer.parseInt(suffix.substring(i));
        if (power > MAX_EXPONENT) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.ONE.scaleByPowerOfTen(negative ? -power : power));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code text} is a quantity greater than zero. */
    public static boolean isPositive(String text) {
        return parse(text).map(q -> q.value.signum() > 0).orElse(false);
    }

    /** A quantity of a whole number of base units (e.g. 1.5Gi bytes; not 100m bytes). */
    public boolean whole() {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** A quantity with no finer precision than one thousandth (the API server's cpu resolution). */
    public boolean milliPrecise() {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 3;
    }

    /** This quantity times a whole factor (the text becomes the plain number). */
    public Quantity times(int factor) {
        BigDecimal product = value.multiply(BigDecimal.valueOf(factor));
        return new Quantity(product, plain(product));
    }

    /** {@code value} over {@code other}, rounded to two decimals (for messages). */
    public BigDecimal ratioTo(Quantity other) {
        return value.divide(other.value, 2, java.math.RoundingMode.HALF_UP);
    }

    /** Whether both stand for the same amount, however written. */
    public boolean sameAmount(Quantity other) {
        return compareTo(other) == 0;
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** The value without exponent and trailing zeros, e.g. {@code 1073741824} or {@code 0.25}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? new BigInteger(stripped.toPlainString()).toString() : stripped.toPlainString();
    }

    @Override
    public String toString() {
        return text;
    }
}
