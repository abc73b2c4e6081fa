package io.awoooi.core.finops;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money and unit arithmetic of the FinOps scan: US dollars to the cent, months of 730 hours. */
public final class Money {
    /** Hours in an average month (8760 / 12), as cloud price calculators use. */
    public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    public static final BigDecimal MONTHS_PER_YEAR = BigDecimal.valueOf(12);
    public static final double GIB = 1024d * 1024 * 1024;

    private Money() {
    }

    /** Rounded to the cent, half up: every figure shown or summed is a rounded one. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** An hourly amount as a monthly one, to the cent. */
    public static BigDecimal monthly(BigDecimal hourly) {
        return cents(hourly.multiply(HOURS_PER_MONTH));
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** {@code $1,234.50}. */
    public static String format(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "$%,.2f", cents(amount));
    }

    /** A usage figure as a decimal for arithmetic on money: finite and at most 6 decimals. */
    static BigDecimal exact(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite amount");
        }
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
    }
}
