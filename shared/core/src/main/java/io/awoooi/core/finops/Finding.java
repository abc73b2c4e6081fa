package io.awoooi.core.finops;

import io.awoooi.core.action.ProposedAction;
import io.awoooi.core.action.RiskLevel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of waste: what it is, the evidence, what to do, what doing it saves a month (or why it
 * could not be priced: the scan never invents a figure), the risk of doing it, and the catalog
 * action that does it when there is one.
 *
 * @param resource {@code pvc shop/data-old}, {@code pod shop/report-gen-x}, {@code node ip-10-0-1-7}
 * @param recommendation what to do, in words
 * @param evidence the measured facts behind it, one line each
 * @param saving the monthly saving, empty when it could not be priced
 * @param unpriced why it could not be priced (empty when priced)
 * @param action the catalog action an approval request would carry, empty for advice only (a resize
 *     changes a node group, which is no Kubernetes action)
 */
public record Finding(Category category, String resource, String recommendation, List<String> evidence,
        Optional<Saving> saving, Optional<String> unpriced, RiskLevel risk, Optional<ProposedAction> action) {
    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(recommendation, "recommendation");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(saving, "saving");
        Objects.requireNonNull(unpriced, "unpriced");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(action, "action");
        if (saving.isPresent() == unpriced.isPresent()) {
            throw new IllegalArgumentException("a finding is either priced or says why it is not");
        }
    }

    public enum Category {
        ORPHANED_PVC("orphaned PVC"),
        ZOMBIE_POD("zombie pod"),
        OVERPROVISIONED_NODE("over-provisioned node");

        private final String words;

        Category(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * @param kind REALIZABLE (acting saves money now) or FREED (requests released: money only when the
     *     cluster scales down)
     * @param monthly to the cent
     * @param basis the prices it used, in words ({@code 50 GiB of gp3 at $0.08/GiB-month})
     */
    public record Saving(Kind kind, BigDecimal monthly, String basis) {
        public Saving {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(monthly, "monthly");
            Objects.requireNonNull(basis, "basis");
            if (monthly.signum() < 0) {
                throw new IllegalArgumentException("a saving is never negative");
            }
            monthly = Money.cents(monthly);
        }
    }

    public enum Kind {
        REALIZABLE,
        FREED
    }

    public BigDecimal monthly() {
        return saving.map(Saving::monthly).orElse(Money.zero());
    }
}
