package io.awoooi.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: every action pattern's trust, for people to read (the console). Separate from
 * {@link TrustStore}, which the deciding functions use one pattern at a time. Transient failures
 * throw {@link io.awoooi.core.failure.StoreUnavailableException}.
 */
public interface TrustScores {
    /** One pattern's score and when it last changed. */
    record Entry(String pattern, int score, Optional<Instant> updatedAt) {
    }

    /** Up to {@code max} patterns, highest score first, then by pattern. */
    List<Entry> all(int max);
}
