package io.awoooi.core.action;

import java.util.Objects;

/** The outcome of {@link ActionCatalog#parse}: an action of the catalog, or why there is none. */
public sealed interface ParseResult {
    /** The input named an action of the catalog with acceptable parameters. */
    record Valid(ProposedAction action) implements ParseResult {
        public Valid {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The input is not an action of the catalog.
     *
     * @param reason the rule broken and the parameter concerned; never a value from the input
     */
    record Invalid(String reason) implements ParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
