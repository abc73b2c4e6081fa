package io.awoooi.core.finops;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scan's result: every finding (best saving first), what could not be measured or priced, and the
 * totals. MONTHLY is REALIZABLE + FREED; ANNUAL is MONTHLY x 12. Figures are sums of the findings'
 * rounded figures, so the summary always adds up to the lines people see.
 *
 * @param id {@code fin_<yyyyMMddTHHmmssZ>} of the scan's trigger time: a retried scan writes the same report
 * @param prices the pricing table's label: which prices every figure used
 * @param findings best saving first; unpriced findings last
 * @param gaps what could not be measured or priced, and why
 */
public record FinOpsReport(String id, Instant scannedAt, Instant windowFrom, String prices, List<Finding> findings,
        List<Gap> gaps, Totals totals, Scope scope) {
    public FinOpsReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scannedAt, "scannedAt");
        Objects.requireNonNull(windowFrom, "windowFrom");
        Objects.requireNonNull(prices, "prices");
        findings = List.copyOf(findings);
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(scope, "scope");
    }

    /** The report id of a scan triggered at {@code at}: {@code fin_20261207T000000Z}. */
    public static String idFor(Instant at) {
        return "fin_" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    /** Whether {@code text} can be a report id (what the read API accepts). */
    public static boolean isId(String text) {
        return text != null && text.matches("fin_\\d{8}T\\d{6}Z");
    }

    /** The priced findings with a saving above zero, best first, at most {@code n}. */
    public List<Finding> top(int n) {
        return findings.stream().filter(f -> f.monthly().signum() > 0).limit(n).toList();
    }

    /**
     * @param realizable saved as soon as it is acted on (claims deleted, nodes removed or resized)
     * @param freed requests released; saved only when the cluster scales down
     */
    public record Totals(BigDecimal realizable, BigDecimal freed) {
        public Totals {
            realizable = Money.cents(realizable);
            freed = Money.cents(freed);
        }

        public BigDecimal monthly() {
            return realizable.add(freed);
        }

        public BigDecimal annual() {
            return monthly().multiply(Money.MONTHS_PER_YEAR);
        }

        static Totals of(List<Finding> findings) {
            BigDecimal realizable = BigDecimal.ZERO;
            BigDecimal freed = BigDecimal.ZERO;
            for (Finding f : findings) {
                if (f.saving().isEmpty()) {
                    continue;
                }
                if (f.saving().get().kind() == Finding.Kind.REALIZABLE) {
                    realizable = realizable.add(f.saving().get().monthly());
                } else {
                    freed = freed.add(f.saving().get().monthly());
                }
            }
            return new Totals(realizable, freed);
        }
    }

    /** What the scan looked at. */
    public record Scope(int nodes, int pods, int claims) {
    }
}
