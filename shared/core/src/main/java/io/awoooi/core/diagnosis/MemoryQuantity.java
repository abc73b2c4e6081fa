package io.awoooi.core.diagnosis;

import java.util.Optional;

/** Memory quantities ({@link io.awoooi.core.action.Quantity}) in bytes, and back to a readable {@code Mi}/{@code Gi} form. */
final class MemoryQuantity {
    private static final long KI = 1024L;

    private MemoryQuantity() {
    }

    /** Bytes of a quantity such as {@code 512Mi}, {@code 1G}, {@code 1.5Gi}, {@code 134217728}, {@code 1e9}. */
    static Optional<Long> bytes(String quantity) {
        return io.awoooi.core.action.Quantity.parse(quantity).flatMap(q -> {
            try {
                return Optional.of(q.value().setScale(0, java.math.RoundingMode.CEILING).longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    /** Whole mebibytes, rounded up ({@code 768Mi}); whole gibibytes when exact ({@code 2Gi}). */
    static String format(long bytes) {
        long mi = (bytes + KI * KI - 1) / (KI * KI);
        return mi % 1024 == 0 ? (mi / 1024) + "Gi" : mi + "Mi";
    }
}
