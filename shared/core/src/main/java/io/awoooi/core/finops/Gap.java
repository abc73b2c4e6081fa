package io.awoooi.core.finops;

import java.util.Objects;

/**
 * Something the scan could not measure or price, and why: a list that timed out, metrics that could
 * not be read, a node without an instance type or with one the pricing table does not know.
 *
 * @param subject what is missing ({@code node ip-10-0-1-7}, {@code pods}, {@code metrics})
 * @param reason why, without values from the cluster beyond names
 */
public record Gap(String subject, String reason) {
    public Gap {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return subject + ": " + reason;
    }
}
