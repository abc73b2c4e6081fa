package io.awoooi.core.diagnosis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Kubernetes memory quantities in bytes, and back to a readable {@code Mi}/{@code Gi} form. */
final class MemoryQuantity {
    private static final long KI = 1024L;

    private MemoryQuantity() {
    }

    /** Bytes of a quantity such as {@code 512Mi}, {@code 1G}, {@code 1.5Gi}, {@code 134217728}, {@code 1e9}. */
    static Optional<Long> bytes(String quantity) {
        if (quantity == null || quantity.isBlank()) {
            return Optional.empty();
        }
        String q = quantity.strip();
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"Pi", "1125899906842624"}, {"k", "1000"}, {"K", "1000"}, {"M", "1000000"}, {"G", "1000000000"},
                {"T", "1000000000000"}, {"P", "1000000000000000"}, {"m", "0.001"}};
        try {
            for (String[] s : suffixes) {
                if (q.endsWith(s[0])) {
                    BigDecimal n = new BigDecimal(q.substring(0, q.length() - s[0].length()));
                    return Optional.of(n.multiply(new BigDecimal(s[1])).setScale(0, RoundingMode.CEILING).longValueExact());
                }
            }
            return Optional.of(new BigDecimal(q).setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Whole mebibytes, rounded up ({@code 768Mi}); whole gibibytes when exact ({@code 2Gi}). */
    static String format(long bytes) {
        long mi = (bytes + KI * KI - 1) / (KI * KI);
        return mi % 1024 == 0 ? (mi / 1024) + "Gi" : mi + "Mi";
    }
}
