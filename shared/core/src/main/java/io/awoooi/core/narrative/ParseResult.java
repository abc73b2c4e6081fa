package io.awoooi.core.narrative;

import java.util.Objects;

/** What {@link NarrativeParser} made of a model's answer. */
public sealed interface ParseResult {
    /** Parsed and valid. */
    record Accepted(Narrative narrative) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(narrative, "narrative");
        }
    }

    /** Not usable; {@code reason} says why (never the answer itself). */
    record Rejected(String reason) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
